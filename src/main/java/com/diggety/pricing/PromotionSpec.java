package com.diggety.pricing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import com.diggety.pricing.engine.Promotion;
import com.diggety.pricing.engine.Rule;
import com.diggety.pricing.engine.Target;
import com.diggety.shared.Problem;

/**
 * A promotion in its one flat JSON shape: what the office and operators send, what is stored, what the phone
 * receives and what the shared test vectors use. {@link #toPromotion()} checks it and builds the engine's type.
 */
public record PromotionSpec(Long id, String name, Kind kind, Integer priority, Boolean exclusive, List<Long> standIds,
		Boolean requiresCode, Boolean customersOnly, WindowSpec window, Target target, Integer percentBp,
		Long amountMinor, Long priceMinor, List<Component> components, Integer buy, Integer get,
		Long minSubtotalMinor, Integer minPurchases, Integer withinDays, Integer every) {

	public enum Kind {
		PRODUCT_DISCOUNT, BUNDLE, BUY_X_GET_Y, ORDER_DISCOUNT, LOYALTY_PERCENT, LOYALTY_NTH_FREE
	}

	public record WindowSpec(Instant from, Instant to, List<DayOfWeek> days, LocalTime fromTime, LocalTime toTime) {
	}

	public record Component(Target target, Integer quantity) {
	}

	public PromotionSpec withId(long newId) {
		return new PromotionSpec(newId, name, kind, priority, exclusive, standIds, requiresCode, customersOnly, window,
				target, percentBp, amountMinor, priceMinor, components, buy, get, minSubtotalMinor, minPurchases,
				withinDays, every);
	}

	public PromotionSpec withStands(List<Long> stands) {
		return new PromotionSpec(id, name, kind, priority, exclusive, stands, requiresCode, customersOnly, window,
				target, percentBp, amountMinor, priceMinor, components, buy, get, minSubtotalMinor, minPurchases,
				withinDays, every);
	}

	/** Checks every field the kind needs and builds the engine's promotion; a 422 problem names each bad field. */
	public Promotion toPromotion() {
		var errors = new ArrayList<Problem.FieldError>();
		if (name == null || name.isBlank() || name.length() > 120) {
			errors.add(new Problem.FieldError("name", "is required, at most 120 characters"));
		}
		if (kind == null) {
			errors.add(new Problem.FieldError("kind", "is required"));
			throw Problem.invalid(errors);
		}
		Rule rule = switch (kind) {
			case PRODUCT_DISCOUNT -> {
				requireTarget("target", target, errors);
				oneOf(errors, "percentBp", percentBp, "amountMinor", amountMinor);
				yield new Rule.ProductDiscount(target, percentBp, amountMinor);
			}
			case BUNDLE -> {
				if (components == null || components.isEmpty()) {
					errors.add(new Problem.FieldError("components", "a bundle needs at least one component"));
				}
				else {
					for (int i = 0; i < components.size(); i++) {
						var c = components.get(i);
						requireTarget("components[" + i + "].target", c == null ? null : c.target(), errors);
						if (c == null || c.quantity() == null || c.quantity() < 1 || c.quantity() > 20) {
							errors.add(new Problem.FieldError("components[" + i + "].quantity", "must be 1 to 20"));
						}
					}
				}
				int set = (percentBp != null ? 1 : 0) + (priceMinor != null ? 1 : 0) + (amountMinor != null ? 1 : 0);
				if (set != 1) {
					errors.add(new Problem.FieldError("percentBp", "give exactly one of percentBp, priceMinor, amountMinor"));
				}
				checkPercent(errors);
				checkMoney("priceMinor", priceMinor, errors);
				checkMoney("amountMinor", amountMinor, errors);
				yield new Rule.Bundle(components == null ? List.of() : components.stream()
						.map(c -> new Rule.Bundle.Component(c == null ? null : c.target(),
								c == null || c.quantity() == null ? 1 : c.quantity()))
						.toList(), percentBp, priceMinor, amountMinor);
			}
			case BUY_X_GET_Y -> {
				requireTarget("target", target, errors);
				range("buy", buy, 1, 20, errors);
				range("get", get, 1, 20, errors);
				if (percentBp == null) {
					errors.add(new Problem.FieldError("percentBp", "is required (10000 means free)"));
				}
				checkPercent(errors);
				yield new Rule.BuyXGetY(target, buy == null ? 1 : buy, get == null ? 1 : get,
						percentBp == null ? 0 : percentBp);
			}
			case ORDER_DISCOUNT -> {
				oneOf(errors, "percentBp", percentBp, "amountMinor", amountMinor);
				checkMoney("minSubtotalMinor", minSubtotalMinor, errors);
				yield new Rule.OrderDiscount(minSubtotalMinor == null ? 0 : minSubtotalMinor, percentBp, amountMinor);
			}
			case LOYALTY_PERCENT -> {
				range("minPurchases", minPurchases, 1, 1000, errors);
				range("withinDays", withinDays, 1, 3660, errors);
				if (percentBp == null) {
					errors.add(new Problem.FieldError("percentBp", "is required"));
				}
				checkPercent(errors);
				yield new Rule.LoyaltyPercent(minPurchases == null ? 1 : minPurchases,
						withinDays == null ? 1 : withinDays, percentBp == null ? 0 : percentBp);
			}
			case LOYALTY_NTH_FREE -> {
				requireTarget("target", target, errors);
				range("every", every, 2, 1000, errors);
				yield new Rule.LoyaltyNthFree(target, every == null ? 2 : every);
			}
		};
		if (priority != null && (priority < -1000 || priority > 1000)) {
			errors.add(new Problem.FieldError("priority", "must be between -1000 and 1000"));
		}
		if (window != null && window.from() != null && window.to() != null && !window.to().isAfter(window.from())) {
			errors.add(new Problem.FieldError("window.to", "must be after window.from"));
		}
		if (window != null && (window.fromTime() == null) != (window.toTime() == null) && window.fromTime() != null
				&& window.fromTime().equals(window.toTime())) {
			errors.add(new Problem.FieldError("window.toTime", "must differ from fromTime"));
		}
		if (!errors.isEmpty()) {
			throw Problem.invalid(errors);
		}
		var w = window == null ? Promotion.Window.ALWAYS
				: new Promotion.Window(window.from(), window.to(), window.days(), window.fromTime(), window.toTime());
		return new Promotion(id == null ? 0 : id, name.trim(), rule, priority == null ? 0 : priority,
				Boolean.TRUE.equals(exclusive), standIds, Boolean.TRUE.equals(requiresCode),
				Boolean.TRUE.equals(customersOnly), w);
	}

	/** The largest share of a list price this promotion can take, in basis points, for the operators' limit. */
	int maxShareBp(java.util.function.LongUnaryOperator cheapestPriceOfTarget) {
		return switch (kind) {
			case PRODUCT_DISCOUNT -> percentBp != null ? percentBp
					: share(amountMinor, cheapestPriceOfTarget.applyAsLong(0));
			case BUY_X_GET_Y -> (int) ((long) percentBp * get / (buy + get));
			case ORDER_DISCOUNT, LOYALTY_PERCENT -> percentBp != null ? percentBp : 10_000;
			case BUNDLE -> percentBp != null ? percentBp : 10_000;
			case LOYALTY_NTH_FREE -> 10_000 / every;
		};
	}

	private static int share(long amount, long price) {
		return price <= 0 ? 10_000 : (int) Math.min(10_000, amount * 10_000 / price);
	}

	private void checkPercent(List<Problem.FieldError> errors) {
		if (percentBp != null && (percentBp < 1 || percentBp > 10_000)) {
			errors.add(new Problem.FieldError("percentBp", "must be 1 to 10000 (basis points: 2000 is 20 %)"));
		}
	}

	private static void checkMoney(String field, Long value, List<Problem.FieldError> errors) {
		if (value != null && (value < 0 || value > 100_000_00L)) {
			errors.add(new Problem.FieldError(field, "must be 0 to 10000000 minor units"));
		}
	}

	private void oneOf(List<Problem.FieldError> errors, String a, Object av, String b, Object bv) {
		if ((av == null) == (bv == null)) {
			errors.add(new Problem.FieldError(a, "give exactly one of " + a + " and " + b));
		}
		checkPercent(errors);
		checkMoney("amountMinor", amountMinor, errors);
		if (amountMinor != null && amountMinor == 0) {
			errors.add(new Problem.FieldError("amountMinor", "must be more than 0"));
		}
	}

	private static void range(String field, Integer value, int min, int max, List<Problem.FieldError> errors) {
		if (value == null || value < min || value > max) {
			errors.add(new Problem.FieldError(field, "must be " + min + " to " + max));
		}
	}

	private static void requireTarget(String field, Target target, List<Problem.FieldError> errors) {
		if (target == null || (target.productIds().isEmpty() && target.categories().isEmpty())) {
			errors.add(new Problem.FieldError(field, "name at least one product or category"));
		}
	}
}
