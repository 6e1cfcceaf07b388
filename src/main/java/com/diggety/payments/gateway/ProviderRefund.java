package com.diggety.payments.gateway;

import com.diggety.payments.Payment;

/** A refund as the provider reports it. */
public record ProviderRefund(String id, Payment.RefundStatus status, long amountMinor) {
}
