package com.diggety.identity;

import java.time.Duration;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.diggety.identity.internal.Tokens;

/**
 * Long-lived tokens for registered phones. A device token carries the operator's role and stand plus the device id;
 * it survives the operator's password changes (a phone must never lose its queue to a password reset) but not the
 * account being disabled, nor the device being revoked.
 */
@Service
public class DeviceTokens {

	public static final Duration LIFETIME = Duration.ofDays(180);

	private final Tokens tokens;

	DeviceTokens(Tokens tokens) {
		this.tokens = tokens;
	}

	public String issue(Users.Account operator, UUID deviceId) {
		return tokens.issueForDevice(operator, deviceId, LIFETIME).value();
	}
}
