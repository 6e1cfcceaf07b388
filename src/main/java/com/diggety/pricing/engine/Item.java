package com.diggety.pricing.engine;

/** A product as the engine prices it: gross unit price in minor units and its VAT rate in basis points. */
public record Item(long id, String name, String category, long priceMinor, int vatRateBp) {
}
