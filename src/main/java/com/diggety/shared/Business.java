package com.diggety.shared;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The business's zone and currency. Times are stored as UTC instants; this zone is applied at the edges and in
 * reports (opening hours, happy hours, sales by hour), DST included.
 */
@ConfigurationProperties("diggety.business")
public record Business(@DefaultValue("Europe/Warsaw") ZoneId zone, @DefaultValue("PLN") String currency) {
}
