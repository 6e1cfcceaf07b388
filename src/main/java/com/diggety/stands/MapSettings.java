package com.diggety.stands;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the apps' maps take their tiles from. Markers never depend on tiles: with no tiles the map is a plain
 * background with the stands on it.
 */
@ConfigurationProperties("diggety.map")
public record MapSettings(@DefaultValue("") String tileUrl, @DefaultValue("") String attribution) {
}
