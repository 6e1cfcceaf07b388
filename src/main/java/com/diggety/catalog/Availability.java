package com.diggety.catalog;

import java.util.List;
import java.util.Map;

/**
 * Whether a stand can make its products right now. Catalog owns the menu but not the stock: the inventory module
 * answers this, so a menu item whose ingredients ran out shows as sold out.
 */
public interface Availability {

	/** The products of {@code candidates} the stand cannot make now, with the reason. */
	Map<Long, String> unavailable(long standId, List<Product> candidates);
}
