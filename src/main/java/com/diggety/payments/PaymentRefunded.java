package com.diggety.payments;

import java.util.UUID;

/**
 * Money of an online payment went back to the customer.
 *
 * @param amountMinor         what this refund gave back
 * @param refundedTotalMinor  what was given back for the payment so far
 * @param fully               the whole payment is refunded now
 */
public record PaymentRefunded(UUID paymentId, String reference, long amountMinor, long refundedTotalMinor,
		boolean fully) {
}
