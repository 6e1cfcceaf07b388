package com.diggety.inventory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.diggety.catalog.Availability;
import com.diggety.catalog.Product;

/** Tells the menus which products a stand cannot make now: one of their ingredients is below one portion. */
@Component
class MenuAvailability implements Availability {

	static final String SOLD_OUT = "sold-out";

	private final Stock stock;

	MenuAvailability(Stock stock) {
		this.stock = stock;
	}

	@Override
	public Map<Long, String> unavailable(long standId, List<Product> candidates) {
		var levels = stock.quantities(standId);
		var result = new HashMap<Long, String>();
		for (var product : candidates) {
			for (var line : product.recipe()) {
				if (levels.getOrDefault(line.ingredientId(), 0L) < line.quantity()) {
					result.put(product.id(), SOLD_OUT);
					break;
				}
			}
		}
		return result;
	}
}
