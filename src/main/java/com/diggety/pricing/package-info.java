/**
 * Discounts: the promotion engine (plain Java in {@code engine}, twin of the phone's {@code pricing.js}), the
 * company's and the stands' promotions, discount codes and their atomic redemption, the owner's limits, and
 * quotes. A quote has no side effects; a code is redeemed only when a sale or an order is recorded.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Pricing",
		allowedDependencies = { "identity", "catalog", "stands", "shared" })
package com.diggety.pricing;
