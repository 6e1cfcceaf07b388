package com.diggety.catalog;

import java.util.List;

/**
 * Something a stand sells.
 *
 * @param priceMinor        the gross price (VAT included) in minor units of {@code currency}
 * @param vatRateBasisPoints the VAT rate in hundredths of a percent: 800 is 8 %
 * @param prepSeconds       how long one takes to prepare, for waiting-time estimates
 * @param recipe            what one unit uses from stock
 */
public record Product(long id, String code, String name, String description, String photoUrl, String category,
		long priceMinor, String currency, int vatRateBasisPoints, int prepSeconds, boolean active, int version,
		List<RecipeLine> recipe) {

	/** One ingredient of a product and how much of it one unit uses. */
	public record RecipeLine(long ingredientId, String ingredientCode, String ingredientName, long quantity, Unit unit) {
	}
}
