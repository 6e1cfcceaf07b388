package com.diggety.payments.gateway;

import java.util.UUID;

/** What to ask the provider to collect. */
public record IntentOrder(UUID paymentId, String reference, long amountMinor, String currency, String description,
		String returnUrl) {

	/** Derived from our payment id, so every retry of the same payment carries the same key. */
	public String idempotencyKey() {
		return "payment-" + paymentId;
	}
}
