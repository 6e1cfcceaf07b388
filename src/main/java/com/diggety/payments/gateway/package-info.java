/**
 * The payment-gateway port: what Diggety asks of any payment provider (create a payment once, look it up, read it
 * back, refund it once), the Stripe-style wire format both adapters speak on webhooks, webhook signatures, and the
 * retries with backoff and the circuit breaker that guard calls to a provider. Plain Java, no Spring.
 */
package com.diggety.payments.gateway;
