package com.diggety.pricing.engine;

import java.util.List;

/**
 * What a promotion does. Percentages are basis points (2000 = 20 %); amounts are minor units. Exactly one of the
 * alternatives (percent, amount, price) is set where a rule offers several.
 */
public sealed interface Rule {

	/** Percent or amount (per unit) off the matching products. */
	record ProductDiscount(Target target, Integer percentBp, Long amountMinor) implements Rule {
	}

	/** A set of products together is cheaper: percent off the set, a fixed set price, or an amount off the set. */
	record Bundle(List<Component> components, Integer percentBp, Long priceMinor, Long amountMinor) implements Rule {

		public record Component(Target target, int quantity) {
		}
	}

	/** Buy {@code buy}, get {@code get} of the cheapest qualifying items at {@code percentBp} off (10000 = free). */
	record BuyXGetY(Target target, int buy, int get, int percentBp) implements Rule {
	}

	/** Percent or amount off the whole order from a minimum subtotal. */
	record OrderDiscount(long minSubtotalMinor, Integer percentBp, Long amountMinor) implements Rule {
	}

	/** Percent off the order for a registered customer with enough purchases in the last days. */
	record LoyaltyPercent(int minPurchases, int withinDays, int percentBp) implements Rule {
	}

	/** Every {@code every}-th qualifying item a registered customer buys is free, counting earlier purchases. */
	record LoyaltyNthFree(Target target, int every) implements Rule {
	}
}
