package com.diggety.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An online order as its customer, its stand and the office see it.
 *
 * @param number        four digits the customer and the operator say aloud and the SMS carries
 * @param way           how the stand answers it: AUTO (confirmed itself), OPERATOR (in the app) or SMS
 * @param readyAt       the estimated time it is ready, once accepted
 * @param decisionDueAt when it expires (and is refunded) unless the stand answers
 * @param pickupCode    the signed pickup QR text, once accepted; shown only to the customer and the stand
 * @param proposal      a substitute the operator proposed and the customer has not answered yet
 */
public record Order(UUID id, String number, long standId, String standName, OrderStatus status, int version,
		Way way, List<Item> items, long subtotalMinor, long discountMinor, long totalMinor, String currency,
		List<String> codes, Instant placedAt, Instant paidAt, Instant acceptedAt, Instant readyAt,
		Instant decisionDueAt, String pickupCode, Proposal proposal, List<Change> history) {

	public enum Way {
		AUTO, OPERATOR, SMS
	}

	/**
	 * One line.
	 *
	 * @param substituteFor the product the customer first chose, when this one replaces it
	 * @param swaps         ingredient swaps, like a regular bun for a gluten-free one
	 */
	public record Item(long productId, String name, int quantity, long unitPriceMinor, Long substituteFor,
			List<Swap> swaps) {
	}

	/** One ingredient used instead of another in an item. */
	public record Swap(long fromIngredientId, String fromName, long toIngredientId, String toName) {
	}

	/** A substitute the operator proposed for one product of the order. */
	public record Proposal(long productId, String productName, long substituteProductId, String substituteName) {
	}

	/** One change of status: who made it ({@code customer}, {@code operator:12}, {@code auto}, {@code sms}, ...). */
	public record Change(OrderStatus status, int version, String actor, String reason, Instant at) {
	}

	/** Whether this order may be picked up now or soon (the operator can hand it over). */
	public boolean collectable() {
		return status == OrderStatus.ACCEPTED || status == OrderStatus.PREPARING || status == OrderStatus.READY;
	}
}
