package com.diggety.pricing;

/** A promotion, a code or the discount policy changed; quotes and phones refresh their copy. */
public record PromotionsChanged(Long promotionId) {
}
