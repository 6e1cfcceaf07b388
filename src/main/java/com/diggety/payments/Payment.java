package com.diggety.payments;

import java.time.Instant;
import java.util.UUID;

/**
 * One payment, online or at a stand.
 *
 * @param reference   what was paid for: {@code order:<uuid>} for online orders, {@code sale:<uuid>} for stand sales
 * @param gateway     the gateway that handles an online payment ({@code sandbox}, {@code stripe}); null at a stand
 * @param providerId  the provider's id of the payment (a PaymentIntent id); null at a stand
 * @param standId     the stand, when known
 * @param checkoutUrl where the customer completes an online payment
 */
public record Payment(UUID id, String reference, Channel channel, Method method, String gateway, String providerId,
		Long standId, long amountMinor, String currency, long refundedMinor, Status status, String description,
		String checkoutUrl, Instant createdAt, Instant updatedAt) {

	/** Where the money was taken. */
	public enum Channel {
		ONLINE, STAND
	}

	/** How it was taken. */
	public enum Method {
		GATEWAY, CASH, CARD
	}

	/**
	 * A payment's status. It only moves forward (to a higher rank), so events that arrive late or twice change
	 * nothing: a "processing" after "succeeded" is ignored, a success after a failed attempt (the customer tried
	 * another way) is taken. Refunds and voids are the last steps.
	 */
	public enum Status {
		REQUIRES_PAYMENT(0), PROCESSING(1), FAILED(2), SUCCEEDED(3), PARTIALLY_REFUNDED(4), REFUNDED(5), VOIDED(5);

		private final int rank;

		Status(int rank) {
			this.rank = rank;
		}

		/** Whether a payment in this status may move to {@code next}. */
		public boolean mayMoveTo(Status next) {
			return next.rank > rank;
		}

		/** Money was taken (and perhaps given back since). */
		public boolean paid() {
			return rank >= SUCCEEDED.rank && this != VOIDED;
		}
	}

	/** What moved a payment: its creation, a verified webhook, a read from the provider, or a stand's sale. */
	public enum Source {
		CHECKOUT, WEBHOOK, PROVIDER, STAND
	}

	/** One stored change of a payment's status. */
	public record StatusChange(Status status, long refundedMinor, Source source, String eventId, String reason,
			Instant at) {
	}

	/** Money given back, whole or in part. */
	public record Refund(UUID id, UUID paymentId, long amountMinor, String reason, RefundStatus status,
			String providerId, Instant requestedAt, Instant completedAt) {
	}

	public enum RefundStatus {
		REQUESTED, SUCCEEDED, FAILED
	}

	public long refundableMinor() {
		return status.paid() ? amountMinor - refundedMinor : 0;
	}
}
