package com.diggety.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed attempts (logins, discount codes) per key (an account, a client address) in a sliding window. A key that reached its limit
 * is refused until its oldest failure leaves the window; the caller is told how long that is.
 * Plain Java so the arithmetic is tested without a context.
 */
public final class Throttle {

	private final int limit;
	private final Duration window;
	private final Clock clock;
	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	public Throttle(int limit, Duration window, Clock clock) {
		this.limit = limit;
		this.window = window;
		this.clock = clock;
	}

	/** How long the key must wait, if it is blocked now. */
	public Optional<Duration> blockedFor(String key) {
		var deque = failures.get(key);
		if (deque == null) {
			return Optional.empty();
		}
		synchronized (deque) {
			var now = clock.instant();
			prune(deque, now);
			if (deque.size() < limit) {
				return Optional.empty();
			}
			var wait = Duration.between(now, deque.peekFirst().plus(window));
			return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
		}
	}

	public void failed(String key) {
		var deque = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
		synchronized (deque) {
			var now = clock.instant();
			prune(deque, now);
			deque.addLast(now);
		}
	}

	public void succeeded(String key) {
		failures.remove(key);
	}

	private void prune(Deque<Instant> deque, Instant now) {
		var cutoff = now.minus(window);
		while (!deque.isEmpty() && !deque.peekFirst().isAfter(cutoff)) {
			deque.pollFirst();
		}
	}
}
