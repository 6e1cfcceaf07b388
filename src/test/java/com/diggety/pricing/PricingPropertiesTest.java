package com.diggety.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.diggety.pricing.engine.Cart;
import com.diggety.pricing.engine.Item;
import com.diggety.pricing.engine.Limits;
import com.diggety.pricing.engine.PricingEngine;
import com.diggety.pricing.engine.Promotion;
import com.diggety.pricing.engine.Quote;
import com.diggety.pricing.engine.Rule;
import com.diggety.pricing.engine.Target;

/**
 * Properties of the engine over thousands of generated carts and rule sets. Every case comes from a fixed seed, so
 * a failure names the seed that reproduces it.
 */
class PricingPropertiesTest {

	static final int CASES = 5000;
	static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
	static final String[] CATEGORIES = { "hot-dogs", "sides", "drinks" };
	static final int[] VAT = { 0, 500, 800, 2300 };

	final PricingEngine engine = new PricingEngine(WARSAW);

	record Generated(Map<Long, Item> catalog, List<Promotion> promotions, Cart cart, Limits limits) {
	}

	static Generated generate(long seed) {
		var random = new Random(seed);
		var catalog = new HashMap<Long, Item>();
		int products = 3 + random.nextInt(10);
		for (long id = 1; id <= products; id++) {
			catalog.put(id, new Item(id, "P" + id, CATEGORIES[random.nextInt(3)], 1 + random.nextInt(random.nextBoolean() ? 100 : 5000),
					VAT[random.nextInt(VAT.length)]));
		}
		var promotions = new ArrayList<Promotion>();
		int count = random.nextInt(9);
		for (long id = 1; id <= count; id++) {
			promotions.add(new Promotion(id, "Promo " + id, rule(random, products), random.nextInt(21) - 10,
					random.nextInt(4) == 0, random.nextInt(5) == 0 ? List.of(1L + random.nextInt(2)) : List.of(),
					random.nextInt(6) == 0, random.nextInt(6) == 0, window(random)));
		}
		var lines = new ArrayList<Cart.Line>();
		int lineCount = 1 + random.nextInt(6);
		for (int i = 0; i < lineCount; i++) {
			lines.add(new Cart.Line(1 + random.nextInt(products), 1 + random.nextInt(random.nextBoolean() ? 3 : 12)));
		}
		var at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(365 * 86_400));
		Cart.Customer customer = null;
		if (random.nextBoolean()) {
			var purchases = new ArrayList<Cart.Purchase>();
			for (int i = random.nextInt(12); i > 0; i--) {
				purchases.add(new Cart.Purchase(at.minusSeconds(random.nextInt(60 * 86_400)),
						List.of(new Cart.Line(1 + random.nextInt(products), 1 + random.nextInt(4)))));
			}
			customer = new Cart.Customer(purchases);
		}
		var codes = random.nextBoolean() ? List.<Long>of(1L, 2L, 3L) : List.<Long>of();
		var limits = switch (random.nextInt(4)) {
			case 0 -> new Limits(random.nextInt(10_001), null);
			case 1 -> new Limits(null, (long) random.nextInt(3000));
			case 2 -> new Limits(random.nextInt(10_001), (long) random.nextInt(3000));
			default -> Limits.NONE;
		};
		return new Generated(catalog, promotions, new Cart(1 + random.nextInt(2), at, lines, codes, customer), limits);
	}

	static Target target(Random random, int products) {
		return random.nextBoolean() ? new Target(List.of(1L + random.nextInt(products), 1L + random.nextInt(products)), List.of())
				: new Target(List.of(), List.of(CATEGORIES[random.nextInt(3)]));
	}

	static Rule rule(Random random, int products) {
		Integer percent = 1 + random.nextInt(10_000);
		Long amount = (long) 1 + random.nextInt(3000);
		return switch (random.nextInt(6)) {
			case 0 -> random.nextBoolean() ? new Rule.ProductDiscount(target(random, products), percent, null)
					: new Rule.ProductDiscount(target(random, products), null, amount);
			case 1 -> {
				var components = new ArrayList<Rule.Bundle.Component>();
				for (int c = 1 + random.nextInt(3); c > 0; c--) {
					components.add(new Rule.Bundle.Component(target(random, products), 1 + random.nextInt(2)));
				}
				yield switch (random.nextInt(3)) {
					case 0 -> new Rule.Bundle(components, percent, null, null);
					case 1 -> new Rule.Bundle(components, null, amount, null);
					default -> new Rule.Bundle(components, null, null, amount);
				};
			}
			case 2 -> new Rule.BuyXGetY(target(random, products), 1 + random.nextInt(3), 1 + random.nextInt(2), percent);
			case 3 -> random.nextBoolean() ? new Rule.OrderDiscount(random.nextInt(5000), percent, null)
					: new Rule.OrderDiscount(random.nextInt(5000), null, amount);
			case 4 -> new Rule.LoyaltyPercent(1 + random.nextInt(6), 1 + random.nextInt(60), percent);
			default -> new Rule.LoyaltyNthFree(target(random, products), 2 + random.nextInt(9));
		};
	}

	static Promotion.Window window(Random random) {
		if (random.nextInt(3) > 0) {
			return Promotion.Window.ALWAYS;
		}
		var days = random.nextBoolean() ? List.of(DayOfWeek.of(1 + random.nextInt(7)), DayOfWeek.of(1 + random.nextInt(7))) : List.<DayOfWeek>of();
		return new Promotion.Window(null, null, days, LocalTime.of(random.nextInt(24), 0), LocalTime.of(random.nextInt(24), 30));
	}

	@Test
	void totalsNeverGoNegativeAndPartsAlwaysAddUp() {
		var failures = new ArrayList<String>();
		for (long seed = 1; seed <= CASES; seed++) {
			var g = generate(seed);
			var quote = engine.price(g.cart(), g.catalog(), g.promotions(), g.limits());
			long cap = quote.subtotalMinor();
			if (g.limits().maxDiscountBp() != null) {
				cap = Math.min(cap, quote.subtotalMinor() * g.limits().maxDiscountBp() / 10_000);
			}
			if (g.limits().maxDiscountMinor() != null) {
				cap = Math.min(cap, g.limits().maxDiscountMinor());
			}
			check(failures, seed, quote.totalMinor() >= 0, "total is negative");
			check(failures, seed, quote.discountMinor() <= cap, "discount above the cap");
			check(failures, seed, quote.discountMinor() <= quote.subtotalMinor(), "discount above the subtotal");
			check(failures, seed, quote.lines().stream().allMatch(l -> l.totalMinor() >= 0 && l.discountMinor() >= 0),
					"a negative line");
			check(failures, seed, quote.lines().stream().mapToLong(Quote.Line::discountMinor).sum() == quote.discountMinor(),
					"line discounts do not add up");
			check(failures, seed, quote.applied().stream().mapToLong(Quote.Applied::amountMinor).sum() == quote.discountMinor(),
					"applied amounts do not add up");
			check(failures, seed, quote.applied().stream().allMatch(a -> a.amountMinor() > 0), "an applied promotion gave nothing");
			check(failures, seed, quote.vat().stream().mapToLong(Quote.Vat::grossMinor).sum() == quote.totalMinor(),
					"VAT gross does not add up to the total");
			check(failures, seed, quote.vat().stream().allMatch(v -> v.netMinor() + v.vatMinor() == v.grossMinor() && v.vatMinor() >= 0),
					"VAT parts do not add up");
		}
		assertThat(failures).as("seeds that break a property").isEmpty();
	}

	@Test
	void theResultDoesNotDependOnTheOrderOfLines() {
		var failures = new ArrayList<String>();
		for (long seed = 1; seed <= CASES; seed++) {
			var g = generate(seed);
			var quote = engine.price(g.cart(), g.catalog(), g.promotions(), g.limits());
			var shuffled = new ArrayList<>(g.cart().lines());
			Collections.shuffle(shuffled, new Random(seed * 31));
			var cart = new Cart(g.cart().standId(), g.cart().at(), shuffled, g.cart().codePromotionIds(), g.cart().customer());
			var again = engine.price(cart, g.catalog(), g.promotions(), g.limits());
			check(failures, seed, quote.totalMinor() == again.totalMinor() && quote.discountMinor() == again.discountMinor()
					&& quote.vat().equals(again.vat()), "shuffled lines price differently");
		}
		assertThat(failures).as("seeds that break a property").isEmpty();
	}

	@Test
	void quotingTwiceGivesTheSameAnswerAndNeverMoreThanNoPromotion() {
		var failures = new ArrayList<String>();
		for (long seed = 1; seed <= CASES; seed++) {
			var g = generate(seed);
			var first = engine.price(g.cart(), g.catalog(), g.promotions(), g.limits());
			var second = engine.price(g.cart(), g.catalog(), g.promotions(), g.limits());
			check(failures, seed, first.equals(second), "two quotes differ");
			check(failures, seed, first.totalMinor() <= first.subtotalMinor(), "promotions made the cart dearer");
		}
		assertThat(failures).as("seeds that break a property").isEmpty();
	}

	@Test
	void theGeneratorReachesEveryKindOfOutcome() {
		// the properties mean little if no generated case ever discounts, caps or stacks
		int discounted = 0, capped = 0, stacked = 0;
		for (long seed = 1; seed <= CASES; seed++) {
			var g = generate(seed);
			var quote = engine.price(g.cart(), g.catalog(), g.promotions(), g.limits());
			discounted += quote.discountMinor() > 0 ? 1 : 0;
			capped += quote.capped() ? 1 : 0;
			stacked += quote.applied().size() > 1 ? 1 : 0;
		}
		assertThat(discounted).isGreaterThan(CASES / 4);
		assertThat(capped).isGreaterThan(CASES / 50);
		assertThat(stacked).isGreaterThan(CASES / 20);
	}

	private static void check(List<String> failures, long seed, boolean holds, String what) {
		if (!holds && failures.size() < 20) {
			failures.add("seed " + seed + ": " + what);
		}
	}
}
