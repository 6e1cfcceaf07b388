package com.diggety.sales;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A sale as stored: what the phone charged, when (its clock and the corrected time), how it was paid, and what the
 * server's own pricing made of it.
 */
public record Sale(UUID id, long standId, UUID shiftId, UUID deviceId, Instant occurredAt, Instant correctedAt,
		Instant receivedAt, Double latitude, Double longitude, String currency, long subtotalMinor,
		long discountMinor, long totalMinor, Payment payment, List<String> codes, Status status, long refundedMinor,
		Long repricedTotalMinor, boolean priceMismatch, String mismatchReason, List<Line> lines,
		List<Discount> discounts) {

	public enum Status {
		COMPLETED, PARTIALLY_REFUNDED, REFUNDED, VOIDED
	}

	public enum Method {
		CASH, CARD, GATEWAY
	}

	/**
	 * How the customer paid. Cash: tendered and change. Card: the external terminal's approval reference. Gateway:
	 * the gateway's payment reference. Never a card number.
	 */
	public record Payment(Method method, Long tenderedMinor, Long changeMinor,
			@com.fasterxml.jackson.annotation.JsonAlias("terminalReference") String reference) {
	}

	public record Line(long productId, String name, int quantity, long unitPriceMinor, long discountMinor,
			long totalMinor, int vatRateBp) {
	}

	public record Discount(Long promotionId, String reason, long amountMinor) {
	}
}
