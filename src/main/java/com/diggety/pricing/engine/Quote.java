package com.diggety.pricing.engine;

import java.util.List;

/**
 * A priced cart. Lines keep the cart's order; {@code applied} lists the promotions in the order they applied with
 * the amount each took off; line discounts and applied amounts both sum to {@code discountMinor}.
 */
public record Quote(List<Line> lines, List<Applied> applied, long subtotalMinor, long discountMinor, long totalMinor,
		List<Vat> vat, boolean capped) {

	public record Line(long productId, String name, int quantity, long unitPriceMinor, long grossMinor,
			long discountMinor, long totalMinor, int vatRateBp) {
	}

	/** A promotion that took money off, with the reason shown on screen and receipt. */
	public record Applied(long promotionId, String reason, long amountMinor) {
	}

	/** VAT for one rate, computed from the gross (VAT-inclusive) total at that rate. */
	public record Vat(int rateBp, long grossMinor, long netMinor, long vatMinor) {
	}
}
