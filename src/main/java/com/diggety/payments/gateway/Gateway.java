package com.diggety.payments.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A payment provider as Diggety uses it. Every call that creates something carries an idempotency key derived from
 * our own id, so a retried call never creates a second payment or a second refund.
 */
public interface Gateway {

	/** The key stored with each payment ({@code sandbox}, {@code stripe}). */
	String key();

	/** The name the UI shows. */
	String name();

	/**
	 * For a provider that keeps its payments in our own database (the sandbox): the intent {@link #create} will give
	 * this order, known beforehand, so the payment row carries it from its insert and the intent is created in the
	 * same transaction. Empty for a remote provider: its id comes with its answer, and it is never called with a
	 * transaction open (a slow answer would hold it).
	 */
	default Optional<Intent> planned(IntentOrder order) {
		return Optional.empty();
	}

	/** Creates the provider's payment for our payment; the same order twice gives the same payment. */
	Intent create(IntentOrder order);

	/** Finds the provider's payment by our reference and payment id in its metadata. */
	Optional<Intent> lookup(String reference, UUID paymentId);

	/** Reads the provider's payment as it is now. */
	Intent retrieve(String providerId);

	/** Gives money back; the same order twice gives one refund. */
	ProviderRefund refund(RefundOrder order);

	/** Finds a refund by our refund id in its metadata. */
	Optional<ProviderRefund> lookupRefund(String providerPaymentId, UUID refundId);

	/** The secret the provider signs its webhooks with (the bytes of the whole secret string). */
	byte[] webhookSecret();

	/**
	 * Creates the payment unless the provider already has it. Providers forget idempotency keys after a while
	 * (Stripe after 24 hours): for a request older than that, the provider's metadata is searched first.
	 */
	default Intent createOnce(IntentOrder order, Instant firstRequestedAt, Instant now, Duration keyTtl) {
		if (firstRequestedAt.plus(keyTtl).isBefore(now)) {
			var found = lookup(order.reference(), order.paymentId());
			if (found.isPresent()) {
				return found.get();
			}
		}
		return create(order);
	}

	/** Refunds unless the provider already has the refund; the same rule as {@link #createOnce}. */
	default ProviderRefund refundOnce(RefundOrder order, Instant firstRequestedAt, Instant now, Duration keyTtl) {
		if (firstRequestedAt.plus(keyTtl).isBefore(now)) {
			var found = lookupRefund(order.providerPaymentId(), order.refundId());
			if (found.isPresent()) {
				return found.get();
			}
		}
		return refund(order);
	}
}
