/**
 * The sandbox gateway of the embedded default: a real implementation of the payment-gateway port that keeps its
 * own records (as a provider would), serves its own hosted checkout page at {@code /sandbox/checkout/{id}} with
 * "Pay" and "Decline", and delivers Stripe-style webhooks, signed with its own generated secret, to our webhook
 * endpoint over HTTP, with retries. No money moves; the UI names it "Sandbox".
 */
package com.diggety.payments.sandbox;
