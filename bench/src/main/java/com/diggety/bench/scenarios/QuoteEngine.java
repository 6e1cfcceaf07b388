package com.diggety.bench.scenarios;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.diggety.pricing.engine.Cart;
import com.diggety.pricing.engine.Item;
import com.diggety.pricing.engine.Limits;
import com.diggety.pricing.engine.PricingEngine;
import com.diggety.pricing.engine.Promotion;
import com.diggety.pricing.engine.Quote;
import com.diggety.pricing.engine.Rule;
import com.diggety.pricing.engine.Target;

import tools.jackson.databind.JsonNode;

/**
 * The app's pricing engine ({@code com.diggety.pricing.engine}, plain Java) inside the load generator, fed like the
 * app's {@code Pricing} feeds it: the active products as items, the active promotions built from their stored
 * definitions (mirroring {@code PromotionSpec.toPromotion()}), the owner's cap. It does not do what the app does
 * around the engine per quote: request validation, the stand check (a query), codes, JSON, HTTP, security.
 *
 * <p>The engine's classes are compiled against here, but not shaded into the bench jar: {@code bench/run} puts the
 * ones of the very app jar it runs on the class path, so this is the engine the app runs. Only this class touches
 * them, so the rest of the load generator works without them.
 */
final class QuoteEngine {

	/** The app's business zone (diggety.business.zone, default Europe/Warsaw), where promotion windows are read. */
	static final ZoneId ZONE = ZoneId.of("Europe/Warsaw");

	private final PricingEngine engine = new PricingEngine(ZONE);
	private final Map<Long, Item> catalog;
	private final List<Promotion> promotions;
	private final Limits limits;

	QuoteEngine(List<QuoteScenario.Product> products, List<JsonNode> specs, Integer maxDiscountBp,
			Long maxDiscountMinor) {
		var items = new HashMap<Long, Item>();
		for (var p : products) {
			items.put(p.id(), new Item(p.id(), p.name(), p.category(), p.priceMinor(), p.vatRateBp()));
		}
		this.catalog = Map.copyOf(items); // as the app's snapshot holds it
		this.promotions = specs.stream().map(QuoteEngine::promotion).toList();
		this.limits = new Limits(maxDiscountBp, maxDiscountMinor);
	}

	Quote price(QuoteScenario.CartSpec spec, Instant at) {
		var lines = new ArrayList<Cart.Line>(spec.productIds().length);
		for (int i = 0; i < spec.productIds().length; i++) {
			lines.add(new Cart.Line(spec.productIds()[i], spec.quantities()[i]));
		}
		return engine.price(new Cart(spec.standId(), at, lines, List.of(), null), catalog, promotions, limits);
	}

	/** One quote for the load loop; true when it looks right (every line priced, a sane total). */
	boolean priceCheck(QuoteScenario.CartSpec spec, Instant at) {
		var quote = price(spec, at);
		return quote.lines().size() == spec.productIds().length && quote.totalMinor() >= 0
				&& quote.totalMinor() <= quote.subtotalMinor();
	}

	// ---------------------------------------------------------------- PromotionSpec.toPromotion(), for valid specs

	static Promotion promotion(JsonNode s) {
		String kind = s.get("kind").asString();
		Rule rule = switch (kind) {
			case "PRODUCT_DISCOUNT" -> new Rule.ProductDiscount(target(s.get("target")), integer(s, "percentBp"),
					longer(s, "amountMinor"));
			case "BUNDLE" -> {
				var components = new ArrayList<Rule.Bundle.Component>();
				for (var c : s.get("components")) {
					components.add(new Rule.Bundle.Component(target(c.get("target")),
							c.hasNonNull("quantity") ? c.get("quantity").asInt() : 1));
				}
				yield new Rule.Bundle(components, integer(s, "percentBp"), longer(s, "priceMinor"),
						longer(s, "amountMinor"));
			}
			case "BUY_X_GET_Y" -> new Rule.BuyXGetY(target(s.get("target")), orElse(integer(s, "buy"), 1),
					orElse(integer(s, "get"), 1), orElse(integer(s, "percentBp"), 0));
			case "ORDER_DISCOUNT" -> new Rule.OrderDiscount(orElse(longer(s, "minSubtotalMinor"), 0L),
					integer(s, "percentBp"), longer(s, "amountMinor"));
			case "LOYALTY_PERCENT" -> new Rule.LoyaltyPercent(orElse(integer(s, "minPurchases"), 1),
					orElse(integer(s, "withinDays"), 1), orElse(integer(s, "percentBp"), 0));
			case "LOYALTY_NTH_FREE" -> new Rule.LoyaltyNthFree(target(s.get("target")), orElse(integer(s, "every"), 2));
			default -> throw new IllegalArgumentException("unknown promotion kind " + kind);
		};
		var w = s.get("window");
		var window = w == null || w.isNull() ? Promotion.Window.ALWAYS
				: new Promotion.Window(instant(w, "from"), instant(w, "to"), days(w.get("days")), time(w, "fromTime"),
						time(w, "toTime"));
		var standIds = new ArrayList<Long>();
		if (s.hasNonNull("standIds")) {
			s.get("standIds").forEach(id -> standIds.add(id.asLong()));
		}
		return new Promotion(orElse(longer(s, "id"), 0L), s.get("name").asString().trim(), rule,
				orElse(integer(s, "priority"), 0), flag(s, "exclusive"), standIds, flag(s, "requiresCode"),
				flag(s, "customersOnly"), window);
	}

	private static Target target(JsonNode t) {
		if (t == null || t.isNull()) {
			return null;
		}
		var ids = new ArrayList<Long>();
		var categories = new ArrayList<String>();
		if (t.hasNonNull("productIds")) {
			t.get("productIds").forEach(id -> ids.add(id.asLong()));
		}
		if (t.hasNonNull("categories")) {
			t.get("categories").forEach(c -> categories.add(c.asString()));
		}
		return new Target(ids, categories);
	}

	private static Integer integer(JsonNode node, String field) {
		return node.hasNonNull(field) ? node.get(field).asInt() : null;
	}

	private static Long longer(JsonNode node, String field) {
		return node.hasNonNull(field) ? node.get(field).asLong() : null;
	}

	private static boolean flag(JsonNode node, String field) {
		return node.hasNonNull(field) && node.get(field).asBoolean();
	}

	private static <T> T orElse(T value, T fallback) {
		return value != null ? value : fallback;
	}

	private static Instant instant(JsonNode window, String field) {
		return window.hasNonNull(field) ? Instant.parse(window.get(field).asString()) : null;
	}

	private static LocalTime time(JsonNode window, String field) {
		return window.hasNonNull(field) ? LocalTime.parse(window.get(field).asString()) : null;
	}

	private static List<DayOfWeek> days(JsonNode days) {
		var list = new ArrayList<DayOfWeek>();
		if (days != null && !days.isNull()) {
			days.forEach(d -> list.add(DayOfWeek.valueOf(d.asString())));
		}
		return list;
	}
}
