/**
 * The promotion engine: plain Java, no framework, the same rules as {@code static/operator/pricing.js} on the
 * phone. Both run the shared test vectors in {@code src/test/resources/pricing/vectors.json} and must agree to the
 * cent. The algorithm is written down in {@link com.diggety.pricing.engine.PricingEngine}; change both twins and
 * the vectors together. Its value types (carts, quotes, limits) are part of pricing's API: the named interface
 * {@code pricing :: engine}.
 */
@org.springframework.modulith.NamedInterface("engine")
package com.diggety.pricing.engine;
