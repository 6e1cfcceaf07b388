package com.diggety.payments;

import java.util.UUID;

/** An online payment was taken, as a verified webhook or the provider itself said. Published once per payment. */
public record PaymentSucceeded(UUID paymentId, String reference, long amountMinor) {
}
