package com.diggety.sales;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A sale reached the server. Stock follows it (each product's recipe), reports count it, loyalty remembers it.
 *
 * @param at the corrected time of the sale
 */
public record SaleRecorded(UUID saleId, long standId, Instant at, List<Item> items, long totalMinor,
		Sale.Method method, String customerKey) {

	public record Item(long productId, int quantity) {
	}
}
