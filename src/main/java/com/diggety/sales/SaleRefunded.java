package com.diggety.sales;

import java.time.Instant;
import java.util.UUID;

/** Money went back to a customer for a sale; the food was eaten, so stock does not come back. */
public record SaleRefunded(UUID saleId, UUID refundId, long standId, Instant at, long amountMinor, Sale.Method method) {
}
