package com.diggety.notifications.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling a provider that keeps failing, so a dead SMS or push service is not hammered and the outbox waits
 * instead. Closed: calls go through. After {@code threshold} failures in a row it opens for {@code openFor}; then one
 * trial call is let through (half-open): its success closes the breaker, its failure opens it again.
 * Plain Java, one per provider, so the rules are tested without a context.
 */
public final class CircuitBreaker {

	public enum State {
		CLOSED, OPEN, HALF_OPEN
	}

	private final String name;
	private final int threshold;
	private final Duration openFor;
	private final Clock clock;

	private State state = State.CLOSED;
	private int failures;
	private Instant openedAt = Instant.EPOCH;
	private boolean trialInFlight;

	public CircuitBreaker(String name, int threshold, Duration openFor, Clock clock) {
		if (threshold < 1) {
			throw new IllegalArgumentException("threshold must be at least 1");
		}
		this.name = name;
		this.threshold = threshold;
		this.openFor = openFor;
		this.clock = clock;
	}

	public String name() {
		return name;
	}

	/** Whether a call may go out now; in the half-open state only one trial call at a time. */
	public synchronized boolean tryAcquire() {
		switch (state) {
			case CLOSED:
				return true;
			case OPEN:
				if (clock.instant().isBefore(openedAt.plus(openFor))) {
					return false;
				}
				state = State.HALF_OPEN;
				trialInFlight = true;
				return true;
			default:
				if (trialInFlight) {
					return false;
				}
				trialInFlight = true;
				return true;
		}
	}

	/** The provider answered (even a refusal of one message means it is up). */
	public synchronized void succeeded() {
		state = State.CLOSED;
		failures = 0;
		trialInFlight = false;
	}

	/** The provider failed or did not answer. */
	public synchronized void failed() {
		trialInFlight = false;
		if (state == State.HALF_OPEN || ++failures >= threshold) {
			state = State.OPEN;
			openedAt = clock.instant();
			failures = 0;
		}
	}

	/** A granted call did not reach the provider after all (our own failure): it proves nothing either way. */
	public synchronized void release() {
		trialInFlight = false;
	}

	public synchronized State state() {
		return state;
	}

	/** When the next trial call may go out; now when the breaker is closed. */
	public synchronized Instant retryAt() {
		return state == State.CLOSED ? clock.instant() : openedAt.plus(openFor);
	}
}
