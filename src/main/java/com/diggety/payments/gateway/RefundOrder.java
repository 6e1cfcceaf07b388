package com.diggety.payments.gateway;

import java.util.UUID;

/** Money to give back for a provider's payment. */
public record RefundOrder(UUID refundId, UUID paymentId, String providerPaymentId, long amountMinor, String reason) {

	/** Derived from our refund id, so every retry of the same refund carries the same key. */
	public String idempotencyKey() {
		return "refund-" + refundId;
	}
}
