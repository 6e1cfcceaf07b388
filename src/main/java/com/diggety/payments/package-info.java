/**
 * Money in, on every channel: online payments through the payment-gateway port (the built-in sandbox or a
 * Stripe-style provider), their signed webhooks kept in an inbox and applied once, refunds with idempotency keys,
 * and the payments taken at the stands (cash, card terminal), recorded from the sales module's events so that one
 * view covers them all. A payment's status only moves forward and every change is a stored row. No card data, ever.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Payments",
		allowedDependencies = { "shared", "identity", "sales" })
package com.diggety.payments;
