package com.diggety.notifications.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The wait before an outbox's next attempt, shared by the texts and the e-mails. */
final class Backoff {

	private Backoff() {
	}

	/** Exponential from {@code first}, capped at {@code max}, with jitter so that many waiting messages do not retry at once. */
	static Duration after(int attempts, Duration first, Duration max) {
		long firstMillis = Math.max(1, first.toMillis());
		long exponential = firstMillis << Math.min(attempts - 1, 20);
		long capped = Math.min(exponential, Math.max(firstMillis, max.toMillis()));
		return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
	}
}
