package com.diggety.pricing.engine;

import java.math.BigInteger;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prices a cart with the promotions that apply to it. The algorithm, which {@code pricing.js} repeats line by line:
 *
 * <ol>
 * <li>A promotion applies when the stand is in its scope, the time is in its window (business zone), its code was
 * given when it needs one, and the customer is registered when it needs one (loyalty also needs enough purchases).</li>
 * <li>Lines are priced in a canonical order (by product, then quantity), so the order in which a cart lists them
 * never changes the totals.</li>
 * <li>Candidates: all applicable stackable promotions together (in priority order, highest first, then by id), each
 * exclusive promotion alone, and no promotion. The candidate with the lowest total after the cap wins; on a tie the
 * earlier candidate.</li>
 * <li>Rules work on the lines' remaining amounts (gross minus discounts so far); no line ever goes below zero.
 * Product and order discounts do not use up items. Bundles, buy-X-get-Y and every-Nth-free use up the items they
 * take, so one item is never in two of them. Bundles take the most expensive fitting items, as often as the cart
 * allows; buy-X-get-Y and Nth-free give away the cheapest.</li>
 * <li>Percentages round half up per line (a bundle or an order discount rounds once and is then spread). Spreading
 * uses the largest remainder, so parts always sum to the whole.</li>
 * <li>The cap (share of subtotal and/or amount) trims the discount, spread back over lines and promotions alike.</li>
 * <li>VAT per rate from the gross total at that rate: net = gross x 10000 / (10000 + rate), rounded half up.</li>
 * </ol>
 */
public final class PricingEngine {

	/** A cart line names a product the catalog does not have. */
	public static final class UnknownProduct extends IllegalArgumentException {

		private final int lineIndex;

		UnknownProduct(int lineIndex, long productId) {
			super("lines[" + lineIndex + "].productId: unknown product " + productId);
			this.lineIndex = lineIndex;
		}

		public int lineIndex() {
			return lineIndex;
		}
	}

	private static final int FULL = 10_000;

	private final ZoneId zone;

	public PricingEngine(ZoneId zone) {
		this.zone = zone;
	}

	public Quote price(Cart cart, Map<Long, Item> catalog, List<Promotion> promotions, Limits limits) {
		for (int i = 0; i < cart.lines().size(); i++) {
			var line = cart.lines().get(i);
			if (!catalog.containsKey(line.productId())) {
				throw new UnknownProduct(i, line.productId());
			}
			if (line.quantity() <= 0) {
				throw new IllegalArgumentException("lines[" + i + "].quantity: must be positive");
			}
		}
		// Lines are priced in a canonical order (product, then quantity), so the same cart listed in another order gets
		// the same totals; the quote's lines go back in the cart's order at the end.
		var order = new ArrayList<Integer>();
		for (int i = 0; i < cart.lines().size(); i++) {
			order.add(i);
		}
		order.sort(Comparator.<Integer>comparingLong(i -> cart.lines().get(i).productId())
				.thenComparingInt(i -> cart.lines().get(i).quantity()).thenComparingInt(i -> i));
		var canonical = new Cart(cart.standId(), cart.at(), order.stream().map(cart.lines()::get).toList(),
				cart.codePromotionIds(), cart.customer());
		var eligible = promotions.stream().filter(p -> applies(p, cart, catalog))
				.sorted(Comparator.comparingInt(Promotion::priority).reversed().thenComparingLong(Promotion::id))
				.toList();
		var candidates = new ArrayList<List<Promotion>>();
		var stackable = eligible.stream().filter(p -> !p.exclusive()).toList();
		if (!stackable.isEmpty()) {
			candidates.add(stackable);
		}
		eligible.stream().filter(Promotion::exclusive).forEach(p -> candidates.add(List.of(p)));
		candidates.add(List.of());
		Quote best = null;
		for (var candidate : candidates) {
			var quote = run(canonical, catalog, candidate, limits);
			if (best == null || quote.totalMinor() < best.totalMinor()) {
				best = quote;
			}
		}
		var lines = new Quote.Line[order.size()];
		for (int k = 0; k < order.size(); k++) {
			lines[order.get(k)] = best.lines().get(k);
		}
		return new Quote(List.of(lines), best.applied(), best.subtotalMinor(), best.discountMinor(), best.totalMinor(),
				best.vat(), best.capped());
	}

	// ---------------------------------------------------------------- which promotions apply

	boolean applies(Promotion p, Cart cart, Map<Long, Item> catalog) {
		if (!p.standIds().isEmpty() && !p.standIds().contains(cart.standId())) {
			return false;
		}
		var w = p.window();
		if (w.from() != null && cart.at().isBefore(w.from())) {
			return false;
		}
		if (w.to() != null && !cart.at().isBefore(w.to())) {
			return false;
		}
		var local = cart.at().atZone(zone);
		if (!w.days().isEmpty() && !w.days().contains(local.getDayOfWeek())) {
			return false;
		}
		var time = local.toLocalTime();
		if (w.fromTime() != null && w.toTime() != null) {
			boolean inside = w.toTime().isAfter(w.fromTime())
					? !time.isBefore(w.fromTime()) && time.isBefore(w.toTime())
					: !time.isBefore(w.fromTime()) || time.isBefore(w.toTime());
			if (!inside) {
				return false;
			}
		}
		else if (w.fromTime() != null && time.isBefore(w.fromTime())) {
			return false;
		}
		else if (w.toTime() != null && !time.isBefore(w.toTime())) {
			return false;
		}
		if (p.requiresCode() && !cart.codePromotionIds().contains(p.id())) {
			return false;
		}
		boolean loyalty = p.rule() instanceof Rule.LoyaltyPercent || p.rule() instanceof Rule.LoyaltyNthFree;
		if ((p.customersOnly() || loyalty) && cart.customer() == null) {
			return false;
		}
		if (p.rule() instanceof Rule.LoyaltyPercent l) {
			var since = cart.at().minusSeconds(86_400L * l.withinDays());
			long recent = cart.customer().purchases().stream()
					.filter(x -> x.at().isAfter(since) && !x.at().isAfter(cart.at())).count();
			return recent >= l.minPurchases();
		}
		return true;
	}

	// ---------------------------------------------------------------- applying one candidate

	private static final class LineState {
		final int index;
		final Item item;
		final int quantity;
		final long gross;
		long discount;
		int consumed;

		LineState(int index, Item item, int quantity) {
			this.index = index;
			this.item = item;
			this.quantity = quantity;
			this.gross = item.priceMinor() * quantity;
		}

		long remaining() {
			return gross - discount;
		}

		/** Takes up to {@code amount} off this line, never below zero; returns what was taken. */
		long give(long amount) {
			long taken = Math.min(amount, remaining());
			discount += taken;
			return taken;
		}
	}

	private record Unit(LineState line, long price) {
	}

	private static final Comparator<Unit> CHEAPEST_FIRST = Comparator.comparingLong(Unit::price)
			.thenComparingLong(u -> u.line().item.id()).thenComparingInt(u -> u.line().index);

	private static final Comparator<Unit> DEAREST_FIRST = Comparator.comparingLong(Unit::price).reversed()
			.thenComparingLong(u -> u.line().item.id()).thenComparingInt(u -> u.line().index);

	private Quote run(Cart cart, Map<Long, Item> catalog, List<Promotion> candidate, Limits limits) {
		var lines = new ArrayList<LineState>();
		for (int i = 0; i < cart.lines().size(); i++) {
			var line = cart.lines().get(i);
			lines.add(new LineState(i, catalog.get(line.productId()), line.quantity()));
		}
		var applied = new ArrayList<Quote.Applied>();
		for (var promotion : candidate) {
			long amount = apply(promotion.rule(), lines, cart, catalog);
			if (amount > 0) {
				applied.add(new Quote.Applied(promotion.id(), promotion.name(), amount));
			}
		}
		long subtotal = lines.stream().mapToLong(l -> l.gross).sum();
		long discount = lines.stream().mapToLong(l -> l.discount).sum();
		boolean capped = false;
		long cap = cap(subtotal, limits);
		if (discount > cap) {
			long excess = discount - cap;
			var lineCuts = spread(excess, lines.stream().mapToLong(l -> l.discount).toArray());
			for (int i = 0; i < lines.size(); i++) {
				lines.get(i).discount -= lineCuts[i];
			}
			var promoCuts = spread(excess, applied.stream().mapToLong(Quote.Applied::amountMinor).toArray());
			var trimmed = new ArrayList<Quote.Applied>();
			for (int i = 0; i < applied.size(); i++) {
				var a = applied.get(i);
				if (a.amountMinor() - promoCuts[i] > 0) {
					trimmed.add(new Quote.Applied(a.promotionId(), a.reason(), a.amountMinor() - promoCuts[i]));
				}
			}
			applied = trimmed;
			discount = cap;
			capped = true;
		}
		var quoteLines = lines.stream().map(l -> new Quote.Line(l.item.id(), l.item.name(), l.quantity,
				l.item.priceMinor(), l.gross, l.discount, l.remaining(), l.item.vatRateBp())).toList();
		var byRate = new TreeMap<Integer, Long>();
		lines.forEach(l -> byRate.merge(l.item.vatRateBp(), l.remaining(), Long::sum));
		var vat = new ArrayList<Quote.Vat>();
		byRate.forEach((rate, gross) -> {
			long net = mulDivHalfUp(gross, FULL, FULL + rate);
			vat.add(new Quote.Vat(rate, gross, net, gross - net));
		});
		return new Quote(quoteLines, List.copyOf(applied), subtotal, discount, subtotal - discount, vat, capped);
	}

	private static long apply(Rule rule, List<LineState> lines, Cart cart, Map<Long, Item> catalog) {
		// Java 17: no pattern switch yet; the sealed interface keeps this list complete
		if (rule instanceof Rule.ProductDiscount r) {
			return productDiscount(r, lines);
		}
		if (rule instanceof Rule.Bundle r) {
			return bundle(r, lines);
		}
		if (rule instanceof Rule.BuyXGetY r) {
			return buyXGetY(r, lines);
		}
		if (rule instanceof Rule.OrderDiscount r) {
			return orderDiscount(lines, r.minSubtotalMinor(), r.percentBp(), r.amountMinor());
		}
		if (rule instanceof Rule.LoyaltyPercent r) {
			return orderDiscount(lines, 0, r.percentBp(), null);
		}
		if (rule instanceof Rule.LoyaltyNthFree r) {
			return nthFree(r, lines, cart, catalog);
		}
		throw new IllegalArgumentException("unknown rule " + rule);
	}

	private static long cap(long subtotal, Limits limits) {
		long cap = subtotal;
		if (limits.maxDiscountBp() != null) {
			cap = Math.min(cap, mulDivFloor(subtotal, limits.maxDiscountBp(), FULL));
		}
		if (limits.maxDiscountMinor() != null) {
			cap = Math.min(cap, limits.maxDiscountMinor());
		}
		return cap;
	}

	private static long productDiscount(Rule.ProductDiscount r, List<LineState> lines) {
		long total = 0;
		for (var line : lines) {
			if (!r.target().matches(line.item)) {
				continue;
			}
			long amount = r.percentBp() != null ? mulDivHalfUp(line.remaining(), r.percentBp(), FULL)
					: r.amountMinor() * line.quantity;
			total += line.give(amount);
		}
		return total;
	}

	private static long bundle(Rule.Bundle r, List<LineState> lines) {
		if (r.components().isEmpty()) {
			return 0;
		}
		int[] taken = new int[lines.size()];
		long[] perLine = new long[lines.size()];
		while (true) {
			int[] tentative = taken.clone();
			var chosen = new ArrayList<Unit>();
			boolean complete = true;
			for (var component : r.components()) {
				var pool = new ArrayList<Unit>();
				for (var line : lines) {
					if (!component.target().matches(line.item)) {
						continue;
					}
					int available = line.quantity - line.consumed - tentative[line.index];
					for (int u = 0; u < Math.min(available, component.quantity()); u++) {
						pool.add(new Unit(line, line.item.priceMinor()));
					}
				}
				pool.sort(DEAREST_FIRST);
				if (pool.size() < component.quantity()) {
					complete = false;
					break;
				}
				for (int u = 0; u < component.quantity(); u++) {
					var unit = pool.get(u);
					chosen.add(unit);
					tentative[unit.line().index]++;
				}
			}
			if (!complete) {
				break;
			}
			long value = chosen.stream().mapToLong(Unit::price).sum();
			long discount = r.percentBp() != null ? mulDivHalfUp(value, r.percentBp(), FULL)
					: r.priceMinor() != null ? Math.max(0, value - r.priceMinor()) : Math.min(r.amountMinor(), value);
			if (discount <= 0) {
				break;
			}
			var parts = spread(discount, chosen.stream().mapToLong(Unit::price).toArray());
			for (int i = 0; i < chosen.size(); i++) {
				perLine[chosen.get(i).line().index] += parts[i];
			}
			taken = tentative;
		}
		long total = 0;
		for (var line : lines) {
			line.consumed += taken[line.index];
			total += line.give(perLine[line.index]);
		}
		return total;
	}

	private static List<Unit> available(Target target, List<LineState> lines) {
		var units = new ArrayList<Unit>();
		for (var line : lines) {
			if (target.matches(line.item)) {
				for (int u = 0; u < line.quantity - line.consumed; u++) {
					units.add(new Unit(line, line.item.priceMinor()));
				}
			}
		}
		units.sort(CHEAPEST_FIRST);
		return units;
	}

	private static long buyXGetY(Rule.BuyXGetY r, List<LineState> lines) {
		var units = available(r.target(), lines);
		int groups = units.size() / (r.buy() + r.get());
		long[] perLine = new long[lines.size()];
		for (int i = 0; i < groups * (r.buy() + r.get()); i++) {
			var unit = units.get(i);
			unit.line().consumed++;
			if (i < groups * r.get()) {
				perLine[unit.line().index] += mulDivHalfUp(unit.price(), r.percentBp(), FULL);
			}
		}
		long total = 0;
		for (var line : lines) {
			total += line.give(perLine[line.index]);
		}
		return total;
	}

	private static long nthFree(Rule.LoyaltyNthFree r, List<LineState> lines, Cart cart, Map<Long, Item> catalog) {
		long prior = 0;
		for (var purchase : cart.customer().purchases()) {
			if (purchase.at().isAfter(cart.at())) {
				continue;
			}
			for (var item : purchase.items()) {
				var product = catalog.get(item.productId());
				if (product != null && r.target().matches(product)) {
					prior += item.quantity();
				}
			}
		}
		var units = available(r.target(), lines);
		long free = (prior + units.size()) / r.every() - prior / r.every();
		long[] perLine = new long[lines.size()];
		for (int i = 0; i < free; i++) {
			var unit = units.get(i);
			unit.line().consumed++;
			perLine[unit.line().index] += unit.price();
		}
		long total = 0;
		for (var line : lines) {
			total += line.give(perLine[line.index]);
		}
		return total;
	}

	private static long orderDiscount(List<LineState> lines, long minSubtotal, Integer percentBp, Long amountMinor) {
		long remaining = lines.stream().mapToLong(LineState::remaining).sum();
		if (remaining == 0 || remaining < minSubtotal) {
			return 0;
		}
		long discount = percentBp != null ? mulDivHalfUp(remaining, percentBp, FULL) : Math.min(amountMinor, remaining);
		var parts = spread(discount, lines.stream().mapToLong(LineState::remaining).toArray());
		long total = 0;
		for (int i = 0; i < lines.size(); i++) {
			total += lines.get(i).give(parts[i]);
		}
		return total;
	}

	// ---------------------------------------------------------------- integer arithmetic

	/** a x b / c rounded half up, for non-negative numbers, without overflow. */
	static long mulDivHalfUp(long a, long b, long c) {
		long high = Math.multiplyHigh(a, b);
		long low = a * b;
		if (high == 0 && low >= 0 && low <= (Long.MAX_VALUE - c) / 2 && c <= Long.MAX_VALUE / 2) {
			return (2 * low + c) / (2 * c); // the common case: money x basis points fits a long many times over
		}
		var product = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).shiftLeft(1).add(BigInteger.valueOf(c));
		return product.divide(BigInteger.valueOf(c).shiftLeft(1)).longValueExact();
	}

	static long mulDivFloor(long a, long b, long c) {
		long high = Math.multiplyHigh(a, b);
		long low = a * b;
		if (high == 0 && low >= 0) {
			return low / c;
		}
		return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c)).longValueExact();
	}

	/**
	 * Splits {@code total} in proportion to {@code weights} by the largest remainder: floors first, then one more
	 * to the parts with the largest remainders (earlier part on a tie). The parts sum to {@code total} exactly.
	 */
	static long[] spread(long total, long[] weights) {
		long[] parts = new long[weights.length];
		long sum = 0;
		for (long w : weights) {
			sum += w;
		}
		if (total == 0 || sum == 0) {
			return parts;
		}
		var bigSum = BigInteger.valueOf(sum);
		long[] remainders = new long[weights.length];
		long given = 0;
		for (int i = 0; i < weights.length; i++) {
			long low = total * weights[i];
			if (Math.multiplyHigh(total, weights[i]) == 0 && low >= 0) {
				parts[i] = low / sum;
				remainders[i] = low % sum;
			}
			else {
				var divided = BigInteger.valueOf(total).multiply(BigInteger.valueOf(weights[i])).divideAndRemainder(bigSum);
				parts[i] = divided[0].longValueExact();
				remainders[i] = divided[1].longValueExact();
			}
			given += parts[i];
		}
		var order = new ArrayList<Integer>();
		for (int i = 0; i < weights.length; i++) {
			order.add(i);
		}
		order.sort((x, y) -> remainders[x] != remainders[y] ? Long.compare(remainders[y], remainders[x])
				: Integer.compare(x, y));
		for (int k = 0; k < total - given; k++) {
			parts[order.get(k)]++;
		}
		return parts;
	}
}
