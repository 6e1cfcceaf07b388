package com.diggety.pricing;

import java.util.Set;

import com.diggety.pricing.engine.Limits;

/**
 * The owner's limits: what an operator may offer at its own stand, and the most any order may be discounted.
 *
 * @param operatorMaxPercentBp the largest share of a list price an operator's promotion may take
 * @param operatorKinds        the kinds of promotion operators may create
 * @param maxDiscountBp        the most one order may be discounted, as a share of its subtotal (null: no limit)
 * @param maxDiscountMinor     the most one order may be discounted, in minor units (null: no limit)
 */
public record DiscountPolicy(int operatorMaxPercentBp, Set<PromotionSpec.Kind> operatorKinds, Integer maxDiscountBp,
		Long maxDiscountMinor, int version) {

	public Limits limits() {
		return new Limits(maxDiscountBp, maxDiscountMinor);
	}
}
