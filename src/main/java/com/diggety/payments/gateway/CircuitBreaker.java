package com.diggety.payments.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Stops calling a provider that keeps failing. After {@code failureThreshold} failed calls in a row it opens and
 * refuses calls at once for {@code openFor}; then it lets one call through, and that call's outcome closes it again
 * or keeps it open. Only the provider's trouble counts (timeouts, 5xx); a request the provider refused (4xx) proves
 * it is up.
 */
public final class CircuitBreaker {

	public enum State {
		CLOSED, OPEN, HALF_OPEN
	}

	private final String name;
	private final int failureThreshold;
	private final Duration openFor;
	private final Clock clock;
	private State state = State.CLOSED;
	private int failures;
	private Instant openedAt;

	public CircuitBreaker(String name, int failureThreshold, Duration openFor, Clock clock) {
		this.name = name;
		this.failureThreshold = Math.max(1, failureThreshold);
		this.openFor = openFor;
		this.clock = clock;
	}

	public <T> T call(Supplier<T> call) {
		if (!allow()) {
			throw new GatewayException(name + " is not answering; calls are paused for a while", true);
		}
		try {
			var result = call.get();
			succeeded();
			return result;
		}
		catch (GatewayException e) {
			if (e.retryable()) {
				failed();
			}
			else {
				succeeded();
			}
			throw e;
		}
		catch (RuntimeException e) {
			failed();
			throw e;
		}
	}

	public synchronized State state() {
		return state;
	}

	private synchronized boolean allow() {
		return switch (state) {
			case CLOSED -> true;
			case HALF_OPEN -> false;
			case OPEN -> {
				if (clock.instant().isBefore(openedAt.plus(openFor))) {
					yield false;
				}
				state = State.HALF_OPEN;
				yield true;
			}
		};
	}

	private synchronized void succeeded() {
		state = State.CLOSED;
		failures = 0;
	}

	private synchronized void failed() {
		failures++;
		if (state == State.HALF_OPEN || failures >= failureThreshold) {
			state = State.OPEN;
			openedAt = clock.instant();
		}
	}
}
