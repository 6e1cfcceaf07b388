package com.diggety.sales;

import java.util.List;

/**
 * Sales reached the server: one, or a phone's whole run of them synced in one transaction. Published inside that
 * transaction; stock and the payments ledger follow in the same transaction, so a synced sale and its effects are
 * stored together or not at all.
 */
public record SalesRecorded(List<SaleRecorded> sales) {
}
