package com.diggety.pricing.engine;

import java.util.List;

/** Which products a rule applies to: listed products, whole categories, or both. Empty means none. */
public record Target(List<Long> productIds, List<String> categories) {

	public Target {
		productIds = productIds == null ? List.of() : List.copyOf(productIds);
		categories = categories == null ? List.of() : List.copyOf(categories);
	}

	public boolean matches(Item product) {
		return productIds.contains(product.id()) || categories.contains(product.category());
	}
}
