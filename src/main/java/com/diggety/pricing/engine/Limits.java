package com.diggety.pricing.engine;

/**
 * The owner's ceiling on the discount of one order: a share of the subtotal and/or an absolute amount. Null
 * parts do not limit.
 */
public record Limits(Integer maxDiscountBp, Long maxDiscountMinor) {

	public static final Limits NONE = new Limits(null, null);
}
