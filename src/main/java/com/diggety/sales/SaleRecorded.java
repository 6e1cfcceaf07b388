package com.diggety.sales;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One sale that reached the server, as {@link SalesRecorded} carries it: stock follows it (each product's recipe),
 * the payments ledger records its money.
 *
 * @param at the corrected time of the sale
 */
public record SaleRecorded(UUID saleId, long standId, Instant at, List<Item> items, long totalMinor,
		Sale.Method method, String customerKey) {

	public record Item(long productId, int quantity) {
	}
}
