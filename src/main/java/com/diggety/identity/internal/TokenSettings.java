package com.diggety.identity.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How access tokens are signed and how long they live.
 *
 * @param secret         base64 HMAC key of at least 32 bytes; required in production
 * @param secretFile     where the embedded default keeps a generated key, so tokens survive a restart
 * @param generateSecret whether a missing key may be generated (embedded default and tests, never production)
 * @param ttl            lifetime of an access token
 * @param issuer         the {@code iss} claim
 */
@ConfigurationProperties("diggety.security.tokens")
public record TokenSettings(String secret, Path secretFile, @DefaultValue("false") boolean generateSecret,
		@DefaultValue("60m") Duration ttl, @DefaultValue("diggety") String issuer) {
}
