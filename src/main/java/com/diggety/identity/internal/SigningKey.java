package com.diggety.identity.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC key that signs access tokens: from configuration, or generated once for the embedded default and kept
 * in its data folder. Never a key written in code.
 */
final class SigningKey {

	static final int MIN_BYTES = 32;

	private SigningKey() {
	}

	static SecretKey from(TokenSettings settings) {
		if (settings.secret() != null && !settings.secret().isBlank()) {
			return key(Base64.getDecoder().decode(settings.secret().trim()));
		}
		if (!settings.generateSecret()) {
			throw new IllegalStateException(
					"diggety.security.tokens.secret is not set: give a base64 key of at least 32 bytes (DIGGETY_TOKEN_SECRET)");
		}
		if (settings.secretFile() == null || settings.secretFile().toString().isBlank()) {
			return key(random());
		}
		try {
			var file = settings.secretFile();
			if (Files.exists(file)) {
				return key(Base64.getDecoder().decode(Files.readString(file).trim()));
			}
			var bytes = random();
			com.diggety.shared.SecretFile.write(file, java.util.List.of(Base64.getEncoder().encodeToString(bytes)));
			return key(bytes);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read or create the token key at " + settings.secretFile(), e);
		}
	}

	private static byte[] random() {
		var bytes = new byte[MIN_BYTES];
		new SecureRandom().nextBytes(bytes);
		return bytes;
	}

	private static SecretKey key(byte[] bytes) {
		if (bytes.length < MIN_BYTES) {
			throw new IllegalStateException("The token key must have at least " + MIN_BYTES + " bytes");
		}
		return new SecretKeySpec(bytes, "HmacSHA256");
	}
}
