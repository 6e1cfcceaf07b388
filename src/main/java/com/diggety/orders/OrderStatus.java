package com.diggety.orders;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of an online order. The server owns it: phones and customers send intents, and a transition already
 * reached is a no-op (phones retry), while one the machine does not allow is a conflict that changes nothing.
 *
 * <pre>
 * PLACED -> PAID -> ACCEPTED -> PREPARING -> READY -> PICKED_UP
 *   |        |-> REJECTED ------------------------------\
 *   |        |-> CANCELLED (before acceptance) -----------> REFUNDED (money went back)
 *   |        \-> EXPIRED (nobody answered in time) -----/
 *   \-> CANCELLED / EXPIRED (never paid)
 * </pre>
 */
public enum OrderStatus {
	PLACED, PAID, ACCEPTED, PREPARING, READY, PICKED_UP, REJECTED, CANCELLED, EXPIRED, REFUNDED;

	private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.of(
			PLACED, EnumSet.of(PAID, CANCELLED, EXPIRED),
			PAID, EnumSet.of(ACCEPTED, REJECTED, CANCELLED, EXPIRED),
			ACCEPTED, EnumSet.of(PREPARING, READY, CANCELLED),
			PREPARING, EnumSet.of(READY),
			READY, EnumSet.of(PICKED_UP),
			PICKED_UP, EnumSet.noneOf(OrderStatus.class),
			REJECTED, EnumSet.of(REFUNDED),
			CANCELLED, EnumSet.of(REFUNDED),
			EXPIRED, EnumSet.of(REFUNDED),
			REFUNDED, EnumSet.noneOf(OrderStatus.class));

	public boolean canMoveTo(OrderStatus next) {
		return NEXT.get(this).contains(next);
	}

	public boolean finished() {
		return NEXT.get(this).isEmpty() || this == REJECTED || this == CANCELLED || this == EXPIRED;
	}

	/** Whether the operator's work on it is still to come or under way. */
	public boolean inQueue() {
		return this == ACCEPTED || this == PREPARING;
	}

	/** The outcome of asking for a transition. */
	public enum Outcome {
		/** the order moved */
		MOVED,
		/** the order had already reached the target: nothing to do */
		ALREADY,
		/** the machine does not allow it from where the order is */
		REFUSED
	}

	/**
	 * What asking to move to {@code target} does, given every status the order has had. Reached before means
	 * done already (a retried intent), whether or not the order moved on since.
	 */
	public static Outcome decide(Set<OrderStatus> history, OrderStatus current, OrderStatus target) {
		if (current == target || history.contains(target)) {
			return Outcome.ALREADY;
		}
		return current.canMoveTo(target) ? Outcome.MOVED : Outcome.REFUSED;
	}
}
