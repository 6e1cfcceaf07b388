package com.diggety.stands;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param store        where heartbeats are kept: {@code memory} (one instance) or {@code redis} (shared)
 * @param offlineAfter a stand whose phone was unseen this long is offline
 */
@ConfigurationProperties("diggety.presence")
public record PresenceSettings(@DefaultValue("memory") String store, @DefaultValue("5m") Duration offlineAfter) {
}
