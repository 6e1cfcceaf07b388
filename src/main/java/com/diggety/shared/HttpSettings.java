package com.diggety.shared;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits at the HTTP edge.
 *
 * @param maxBodyBytes the largest request body accepted; a sync batch of a few hundred events fits comfortably
 */
@ConfigurationProperties("diggety.http")
public record HttpSettings(@DefaultValue("1048576") long maxBodyBytes) {
}
