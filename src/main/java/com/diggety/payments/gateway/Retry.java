package com.diggety.payments.gateway;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Tries a call again when it failed in a way that may pass (see {@link GatewayException#retryable()}), waiting
 * longer each time (exponential backoff with jitter, so many callers do not retry in step). The call must be
 * idempotent: ours carry the same idempotency key on every try.
 */
public final class Retry {

	/** How to wait; tests wait for nothing. */
	@FunctionalInterface
	public interface Sleeper {
		void sleep(Duration duration) throws InterruptedException;
	}

	private final int attempts;
	private final Duration backoff;
	private final Sleeper sleeper;

	public Retry(int attempts, Duration backoff, Sleeper sleeper) {
		this.attempts = Math.max(1, attempts);
		this.backoff = backoff;
		this.sleeper = sleeper;
	}

	public Retry(int attempts, Duration backoff) {
		this(attempts, backoff, d -> Thread.sleep(d.toMillis()));
	}

	public <T> T run(Supplier<T> call) {
		for (int attempt = 1;; attempt++) {
			try {
				return call.get();
			}
			catch (GatewayException e) {
				if (!e.retryable() || attempt >= attempts) {
					throw e;
				}
				pause(attempt);
			}
		}
	}

	private void pause(int attempt) {
		long base = backoff.toMillis() << Math.min(attempt - 1, 10);
		long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base + 1);
		try {
			sleeper.sleep(Duration.ofMillis(jittered));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new GatewayException("Interrupted while waiting to retry", true, e);
		}
	}
}
