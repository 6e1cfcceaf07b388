package com.diggety.catalog;

/**
 * A product as one stand offers it now.
 *
 * @param available         whether it can be ordered at this stand
 * @param unavailableReason why not, when it cannot
 */
public record MenuItem(long productId, String code, String name, String description, String photoUrl,
		String category, long priceMinor, String currency, int vatRateBasisPoints, int prepSeconds, boolean available,
		String unavailableReason) {
}
