package com.diggety.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.diggety.pricing.engine.PricingEngine;
import com.diggety.pricing.engine.Quote;

/**
 * The Java engine against the shared vectors, worked out by hand. The browser test runs the same file through the
 * phone's JavaScript engine; both must give these figures to the cent.
 */
class PricingVectorsTest {

	final PricingEngine engine = new PricingEngine(Vectors.ZONE);

	@Test
	void thereAreAtLeastSixtyVectorsCoveringEveryKindOfRule() {
		var cases = Vectors.cases();
		assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
		var kinds = new java.util.HashSet<String>();
		Vectors.ROOT.get("cases").forEach(c -> c.get("promotions").forEach(p -> kinds.add(p.get("kind").asString())));
		assertThat(kinds).containsExactlyInAnyOrder("PRODUCT_DISCOUNT", "BUNDLE", "BUY_X_GET_Y", "ORDER_DISCOUNT",
				"LOYALTY_PERCENT", "LOYALTY_NTH_FREE");
	}

	@TestFactory
	Stream<DynamicTest> everyVectorPricesToTheCent() {
		return Vectors.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
			var quote = engine.price(c.cart(), Vectors.CATALOG, c.promotions(), c.limits());
			var expected = c.expected();
			assertThat(quote.subtotalMinor()).as("subtotal").isEqualTo(expected.get("subtotalMinor").asLong());
			assertThat(quote.discountMinor()).as("discount").isEqualTo(expected.get("discountMinor").asLong());
			assertThat(quote.totalMinor()).as("total").isEqualTo(expected.get("totalMinor").asLong());
			assertThat(quote.capped()).as("capped").isEqualTo(expected.get("capped").asBoolean());
			assertThat(applied(quote)).as("applied").isEqualTo(expectedApplied(expected));
			assertThat(quote.lines().stream().map(Quote.Line::discountMinor).toList()).as("line discounts")
					.isEqualTo(expected.get("lineDiscounts").valueStream().map(n -> n.asLong()).toList());
			if (expected.has("vat")) {
				var vat = new ArrayList<List<Long>>();
				quote.vat().forEach(v -> vat.add(List.of((long) v.rateBp(), v.grossMinor(), v.netMinor(), v.vatMinor())));
				var wanted = new ArrayList<List<Long>>();
				expected.get("vat").forEach(v -> wanted.add(List.of(v.get("rateBp").asLong(), v.get("grossMinor").asLong(),
						v.get("netMinor").asLong(), v.get("vatMinor").asLong())));
				assertThat(vat).as("vat").isEqualTo(wanted);
			}
		}));
	}

	static List<List<Long>> applied(Quote quote) {
		return quote.applied().stream().map(a -> List.of(a.promotionId(), a.amountMinor())).toList();
	}

	static List<List<Long>> expectedApplied(tools.jackson.databind.JsonNode expected) {
		return expected.get("applied").valueStream()
				.map(a -> List.of(a.get("promotionId").asLong(), a.get("amountMinor").asLong())).toList();
	}
}
