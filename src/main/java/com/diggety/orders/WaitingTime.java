package com.diggety.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How long until an order is ready: the stand works its accepted orders one after another, each taking the sum of
 * its items' preparation times; a new order waits for the queue ahead of it and then takes its own time.
 */
public final class WaitingTime {

	/** One order in a stand's queue, oldest first, with how long it takes to prepare. */
	public record Queued(Instant acceptedAt, Duration preparation) {
	}

	private WaitingTime() {
	}

	/** When an order needing {@code own} is ready, given the queue ahead of it, as of {@code now}. */
	public static Instant readyAt(List<Queued> ahead, Duration own, Instant now) {
		Instant free = null;
		for (var order : ahead) {
			var start = free == null || order.acceptedAt().isAfter(free) ? order.acceptedAt() : free;
			free = start.plus(order.preparation());
		}
		var begin = free == null || free.isBefore(now) ? now : free;
		return begin.plus(own);
	}
}
