package com.diggety.catalog;

/**
 * A stock-keeping unit a stand holds (a bun, a sausage, grams of onion).
 *
 * @param lowStockThreshold the default level, in {@link Unit}s, under which a stand is low on it
 */
public record Ingredient(long id, String code, String name, Unit unit, long lowStockThreshold, boolean active,
		int version) {
}
