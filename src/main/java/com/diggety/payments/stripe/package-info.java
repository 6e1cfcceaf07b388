/**
 * The Stripe-style adapter of the payment-gateway port: PaymentIntents and Refunds over HTTPS with form-encoded
 * requests, bearer API key, idempotency keys from our own ids, retries with backoff and a circuit breaker.
 */
package com.diggety.payments.stripe;
