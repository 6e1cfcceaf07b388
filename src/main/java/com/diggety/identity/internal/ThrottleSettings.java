package com.diggety.identity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login throttling: failed attempts allowed per account and per client address within a window.
 */
@ConfigurationProperties("diggety.security.login-throttle")
public record ThrottleSettings(@DefaultValue("5") int perAccount, @DefaultValue("20") int perAddress,
		@DefaultValue("15m") Duration window) {
}
