package com.diggety.payments;

import java.util.UUID;

/**
 * An attempt to pay online failed (declined, cancelled). Not always the end: the customer may try again on the
 * same checkout, and a {@link PaymentSucceeded} may still follow.
 */
public record PaymentFailed(UUID paymentId, String reference, String reason) {
}
