package com.diggety.sales;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A sale was cancelled as if it never happened (entered twice, customer walked away): its stock comes back. */
public record SaleVoided(UUID saleId, long standId, Instant at, List<SaleRecorded.Item> items) {
}
