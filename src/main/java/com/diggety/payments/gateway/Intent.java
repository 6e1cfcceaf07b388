package com.diggety.payments.gateway;

import java.util.UUID;

import com.diggety.payments.Payment;

/**
 * The provider's payment as read from it.
 *
 * @param paymentId     our payment id from its metadata, when present
 * @param refundedMinor how much of it was refunded so far
 * @param checkoutUrl   where the customer completes it, when the provider hosts that page
 * @param failure       why the last attempt failed, when it did (never card data)
 */
public record Intent(String id, Payment.Status status, long amountMinor, String currency, long refundedMinor,
		String checkoutUrl, UUID paymentId, String failure) {
}
