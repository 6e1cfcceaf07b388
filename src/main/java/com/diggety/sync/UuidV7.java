package com.diggety.sync;

import java.security.SecureRandom;
import java.util.UUID;

/** Time-ordered UUIDs (RFC 9562 version 7): 48 bits of milliseconds, then random bits. */
final class UuidV7 {

	private static final SecureRandom RANDOM = new SecureRandom();

	private UuidV7() {
	}

	static UUID next() {
		long millis = System.currentTimeMillis();
		long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
		long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low);
	}
}
