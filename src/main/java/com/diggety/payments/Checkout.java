package com.diggety.payments;

import java.util.UUID;

/**
 * Where to send the customer to pay.
 *
 * @param checkoutUrl the provider's hosted page (the sandbox's is relative to this app, e.g. {@code /sandbox/checkout/..})
 * @param gateway     the gateway's name as the UI shows it ("Sandbox", "Stripe")
 */
public record Checkout(UUID paymentId, String checkoutUrl, String gateway) {
}
