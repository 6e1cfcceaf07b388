package com.diggety.pricing.engine;

import java.time.Instant;
import java.util.List;

/**
 * What is being priced.
 *
 * @param codePromotionIds the promotions whose codes the caller already checked and accepted
 * @param customer         the registered customer and their purchase history, or null
 */
public record Cart(long standId, Instant at, List<Line> lines, List<Long> codePromotionIds, Customer customer) {

	public Cart {
		lines = List.copyOf(lines);
		codePromotionIds = codePromotionIds == null ? List.of() : List.copyOf(codePromotionIds);
	}

	public record Line(long productId, int quantity) {
	}

	/** A registered customer's earlier purchases (each a sale or an order), for loyalty rules. */
	public record Customer(List<Purchase> purchases) {

		public Customer {
			purchases = purchases == null ? List.of() : List.copyOf(purchases);
		}
	}

	public record Purchase(Instant at, List<Line> items) {

		public Purchase {
			items = List.copyOf(items);
		}
	}
}
