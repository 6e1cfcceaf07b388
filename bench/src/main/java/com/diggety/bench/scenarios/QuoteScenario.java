package com.diggety.bench.scenarios;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import com.diggety.bench.Api;
import com.diggety.bench.BenchContext;
import com.diggety.bench.Result;
import com.diggety.bench.Scenario;
import com.diggety.bench.Summary;
import com.diggety.bench.Variant;
import com.diggety.bench.Wire;
import com.diggety.bench.Worker;

import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/pricing/quote} (public, anonymous) for random 6-line carts with 30 active promotions, against
 * the app's own pricing engine run inside the load generator on the same promotions, catalog and carts: the cost of
 * the engine alone. The engine's classes come from the app's jar at run time ({@link QuoteEngine}).
 */
public final class QuoteScenario implements Scenario {

	static final int PROMOTIONS = 30;
	static final int LINES = 6;
	static final int MAX_QUANTITY = 3;
	static final int CHECK_CARTS = 50;
	static final double TARGET_QUOTES_PER_SECOND = 2000;
	/** The in-process variant's count bound, as a multiple of the configured one (it runs 50-100x faster). */
	static final int ENGINE_COUNT_FACTOR = 50;
	static final String CARTS = "quote-carts";
	static final String NAME_PREFIX = "Bench: ";

	/** An active product as GET /api/v1/products shows it. */
	record Product(long id, String code, String name, String category, long priceMinor, int vatRateBp) {
	}

	/** One cart: a stand and {@link #LINES} distinct products with their quantities. */
	record CartSpec(long standId, long[] productIds, int[] quantities) {

		String json() {
			var out = new StringBuilder(64 + 40 * productIds.length).append("{\"standId\":").append(standId)
					.append(",\"lines\":[");
			for (int i = 0; i < productIds.length; i++) {
				out.append(i == 0 ? "" : ",").append("{\"productId\":").append(productIds[i]).append(",\"quantity\":")
						.append(quantities[i]).append('}');
			}
			return out.append("],\"codes\":[]}").toString();
		}
	}

	private List<Product> products = List.of();
	private long[] standIds = new long[0];
	private final List<Long> created = new ArrayList<>();
	private List<JsonNode> activeSpecs = List.of();
	private Integer maxDiscountBp;
	private Long maxDiscountMinor;
	private QuoteEngine engine;
	private String engineMissing;
	private final Map<String, Object> setupFigures = new LinkedHashMap<>();

	@Override
	public String name() {
		return "quote";
	}

	@Override
	public String description() {
		return "POST /api/v1/pricing/quote, 6-line carts, 30 active promotions vs. the pricing engine in-process";
	}

	// ------------------------------------------------------------------------------------------------ setup

	@Override
	public void setup(BenchContext ctx) throws Exception {
		var api = ctx.api();
		api.login("owner", "diggety-owner");
		products = readProducts(ctx);
		standIds = readActiveStands(ctx);
		if (products.size() < LINES) {
			throw new IllegalStateException("a cart needs " + LINES + " distinct products, the catalog has " + products.size());
		}
		if (standIds.length == 0) {
			throw new IllegalStateException("no active stand");
		}

		var definitions = definitions(products);
		if (definitions.size() != PROMOTIONS) {
			throw new IllegalStateException("expected " + PROMOTIONS + " definitions, wrote " + definitions.size());
		}
		for (var definition : definitions) {
			var response = api.send(api.post("/api/v1/promotions", Map.of("definition", definition)).build());
			if (response.statusCode() != 201) {
				throw new IllegalStateException("creating promotion " + definition.get("name") + ": HTTP "
						+ response.statusCode() + " " + response.body());
			}
			created.add(api.readTree(response.body()).get("id").asLong());
		}

		// what the app prices with: every ACTIVE promotion (ours, and any other there might be), in id order
		var listed = get(ctx, "/api/v1/promotions");
		var active = new ArrayList<JsonNode>();
		var activeIds = new ArrayList<Long>();
		for (var stored : listed) {
			if ("ACTIVE".equals(stored.get("status").asString())) {
				active.add(stored.get("spec"));
				activeIds.add(stored.get("id").asLong());
			}
		}
		if (!activeIds.containsAll(created)) {
			var missing = new ArrayList<>(created);
			missing.removeAll(activeIds);
			throw new IllegalStateException("promotions not ACTIVE after creation: " + missing);
		}
		active.sort(Comparator.comparingLong(spec -> spec.get("id").asLong()));
		activeSpecs = List.copyOf(active);
		long exclusive = activeSpecs.stream().filter(s -> s.path("exclusive").asBoolean(false)).count();
		var policy = get(ctx, "/api/v1/pricing/policy");
		maxDiscountBp = policy.hasNonNull("maxDiscountBp") ? policy.get("maxDiscountBp").asInt() : null;
		maxDiscountMinor = policy.hasNonNull("maxDiscountMinor") ? policy.get("maxDiscountMinor").asLong() : null;
		BenchContext.log("quote: created %d promotions; %d active in all (%d exclusive); %d products, %d active stands; "
				+ "order cap %s bp / %s minor", created.size(), activeSpecs.size(), exclusive, products.size(),
				standIds.length, maxDiscountBp, maxDiscountMinor);
		if (activeSpecs.size() != PROMOTIONS) {
			BenchContext.log("quote: WARNING expected %d active promotions, found %d (all of them price the carts)",
					PROMOTIONS, activeSpecs.size());
		}

		try {
			engine = new QuoteEngine(products, activeSpecs, maxDiscountBp, maxDiscountMinor);
		}
		catch (NoClassDefFoundError e) {
			engineMissing = "the app's pricing engine classes are not on the class path (" + e.getMessage()
					+ "); run through bench/run, which puts them there";
			BenchContext.log("quote: WARNING %s; the engine variant will fail", engineMissing);
		}
		check(ctx, exclusive);
	}

	/**
	 * Quotes {@link #CHECK_CARTS} carts through the API: each must succeed, at least one must get a promotion, and
	 * the in-process engine must give the same totals and the same promotions, or the comparison means nothing.
	 */
	private void check(BenchContext ctx, long exclusive) throws Exception {
		var random = ctx.random("quote-check", 0);
		var uri = ctx.api().uri("/api/v1/pricing/quote");
		int withPromotion = 0;
		long appliedTotal = 0;
		int same = 0;
		String sample = null;
		for (int i = 0; i < CHECK_CARTS; i++) {
			var cart = randomCart(random);
			var response = ctx.api().send(ctx.api().anonymousPost(uri, cart.json()));
			if (response.statusCode() != 200) {
				throw new IllegalStateException("quote " + cart.json() + ": HTTP " + response.statusCode() + " "
						+ response.body());
			}
			var quote = ctx.api().readTree(response.body()).get("quote");
			var applied = new ArrayList<Long>();
			var reasons = new ArrayList<String>();
			quote.get("applied").forEach(a -> {
				applied.add(a.get("promotionId").asLong());
				reasons.add(a.get("reason").asString());
			});
			if (!applied.isEmpty()) {
				withPromotion++;
				appliedTotal += applied.size();
				if (sample == null) {
					sample = String.format(Locale.ROOT, "total %d of %d minor, %s", quote.get("totalMinor").asLong(),
							quote.get("subtotalMinor").asLong(), reasons);
				}
			}
			if (engine != null) {
				var local = engine.price(cart, Instant.now());
				var localApplied = local.applied().stream().map(a -> a.promotionId()).toList();
				if (local.totalMinor() != quote.get("totalMinor").asLong()
						|| local.discountMinor() != quote.get("discountMinor").asLong() || !localApplied.equals(applied)) {
					throw new IllegalStateException(String.format(Locale.ROOT,
							"the API and the in-process engine disagree on %s: API total %d, promotions %s; engine total %d, "
									+ "promotions %s", cart.json(), quote.get("totalMinor").asLong(), applied,
							local.totalMinor(), localApplied));
				}
				same++;
			}
		}
		if (withPromotion == 0) {
			throw new IllegalStateException("none of " + CHECK_CARTS + " sample quotes applied a promotion");
		}
		BenchContext.log("quote: %d of %d check carts got promotions (%.1f applied on average); e.g. %s", withPromotion,
				CHECK_CARTS, appliedTotal / (double) withPromotion, sample);
		BenchContext.log("quote: %s", engine == null ? "in-process engine not checked (missing)"
				: same + " of " + CHECK_CARTS + " check carts priced identically by the API and the in-process engine");
		setupFigures.put("activePromotions", activeSpecs.size());
		setupFigures.put("exclusivePromotions", exclusive);
		setupFigures.put("products", products.size());
		setupFigures.put("activeStands", standIds.length);
		setupFigures.put("checkCarts", CHECK_CARTS);
		setupFigures.put("checkCartsWithPromotion", withPromotion);
		setupFigures.put("appliedPerDiscountedCart", appliedTotal / (double) withPromotion);
		setupFigures.put("checkCartsSameInProcess", same);
	}

	private static JsonNode get(BenchContext ctx, String path) throws Exception {
		var response = ctx.api().send(ctx.api().get(path).build());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
		}
		return ctx.api().readTree(response.body());
	}

	/** The active products, as pricing sees them (GET /api/v1/products lists the active ones). */
	private static List<Product> readProducts(BenchContext ctx) throws Exception {
		var list = new ArrayList<Product>();
		for (var p : get(ctx, "/api/v1/products")) {
			if (p.path("active").asBoolean(true)) {
				list.add(new Product(p.get("id").asLong(), p.get("code").asString(), p.get("name").asString(),
						p.get("category").asString(), p.get("priceMinor").asLong(), p.get("vatRateBasisPoints").asInt()));
			}
		}
		list.sort(Comparator.comparingLong(Product::id));
		return List.copyOf(list);
	}

	private static long[] readActiveStands(BenchContext ctx) throws Exception {
		var ids = new ArrayList<Long>();
		for (var s : get(ctx, "/api/v1/stands")) {
			if (s.get("active").asBoolean()) {
				ids.add(s.get("id").asLong());
			}
		}
		return ids.stream().mapToLong(Long::longValue).sorted().toArray();
	}

	/** A random cart: a random active stand, {@link #LINES} distinct products, 1 to {@link #MAX_QUANTITY} each. */
	CartSpec randomCart(SplittableRandom random) {
		int n = products.size();
		int[] order = new int[n];
		for (int i = 0; i < n; i++) {
			order[i] = i;
		}
		long[] ids = new long[LINES];
		int[] quantities = new int[LINES];
		for (int i = 0; i < LINES; i++) { // partial Fisher-Yates: the first LINES of a random permutation
			int j = i + random.nextInt(n - i);
			int t = order[i];
			order[i] = order[j];
			order[j] = t;
			ids[i] = products.get(order[i]).id();
			quantities[i] = 1 + random.nextInt(MAX_QUANTITY);
		}
		return new CartSpec(standIds[random.nextInt(standIds.length)], ids, quantities);
	}

	// ------------------------------------------------------------------------------------------------ promotions

	/**
	 * The 30 promotions: 22 stackable and 8 exclusive, of the four cart kinds, on the three categories and on single
	 * products, some with windows that are open all day (every weekday, 00:00-00:00, or years wide). All apply
	 * company-wide, at any time, without a code, to anonymous carts.
	 */
	static List<Map<String, Object>> definitions(List<Product> products) {
		var dogs = ids(products, "hot-dogs");
		var sides = ids(products, "sides");
		var drinks = ids(products, "drinks");
		if (dogs.isEmpty() || sides.isEmpty() || drinks.isEmpty()) {
			throw new IllegalStateException("the demo catalog should have hot-dogs, sides and drinks: " + products);
		}
		long cola = byCode(products, "COLA", drinks.get(0));
		long coffee = byCode(products, "COFFEE", drinks.get(drinks.size() - 1));
		var all = new ArrayList<Map<String, Object>>();
		// stackable: product discounts
		all.add(productDiscount("Classic -10%", products(pick(dogs, 0)), 1000, null));
		all.add(productDiscount("Chili -2 zl", products(pick(dogs, 1)), null, 200L));
		all.add(with(productDiscount("Hot dogs -5%", categories("hot-dogs"), 500, null), "priority", 10));
		all.add(with(productDiscount("Sides -8%", categories("sides"), 800, null), "window", everyDay()));
		all.add(productDiscount("Drinks -0.50 zl", categories("drinks"), null, 50L));
		all.add(with(productDiscount("Cheese and onion -7%", products(pick(dogs, 2), pick(dogs, 3)), 700, null),
				"window", allDay()));
		all.add(with(productDiscount("XXL -3 zl", products(pick(dogs, 6)), null, 300L), "window", years()));
		all.add(productDiscount("Lemonade and tea -12%", products(pick(drinks, 2), pick(drinks, 4)), 1200, null));
		all.add(productDiscount("Cheese fries -1 zl", products(pick(sides, 1)), null, 100L));
		// stackable: bundles
		all.add(bundle("Combo -20%", List.of(component(categories("hot-dogs"), 1), component(categories("drinks"), 1)),
				"percentBp", 2000));
		all.add(with(bundle("Dog and fries 22 zl", List.of(component(categories("hot-dogs"), 1),
				component(categories("sides"), 1)), "priceMinor", 2200L), "priority", 5));
		all.add(bundle("Two dogs -3 zl", List.of(component(categories("hot-dogs"), 2)), "amountMinor", 300L));
		all.add(with(bundle("Full meal -15%", List.of(component(categories("hot-dogs"), 1),
				component(categories("sides"), 1), component(categories("drinks"), 1)), "percentBp", 1500), "window",
				everyDayAllDay()));
		all.add(bundle("Coffee and a dog 18 zl", List.of(component(products(coffee), 1),
				component(categories("hot-dogs"), 1)), "priceMinor", 1800L));
		// stackable: buy X get Y
		all.add(buyXGetY("Third free", categories("hot-dogs"), 2, 1, 10_000));
		all.add(buyXGetY("Drinks 2+1 at half price", categories("drinks"), 2, 1, 5000));
		all.add(with(buyXGetY("Sides 3+1", categories("sides"), 3, 1, 10_000), "window", years()));
		all.add(buyXGetY("Classic and chili 1+1 -30%", products(pick(dogs, 0), pick(dogs, 1)), 1, 1, 3000));
		// stackable: order discounts
		all.add(orderDiscount("10% off from 30 zl", 3000, 1000, null));
		all.add(orderDiscount("5 zl off from 60 zl", 6000, null, 500L));
		all.add(with(orderDiscount("3% off every order", null, 300, null), "window", everyDay()));
		all.add(with(orderDiscount("15 zl off from 150 zl", 15_000, null, 1500L), "priority", -5));
		// exclusive: each is a candidate on its own against all the stackable ones together
		all.add(exclusive(productDiscount("Cola -1 zl", products(cola), null, 100L)));
		all.add(exclusive(productDiscount("Hot dogs -25%", categories("hot-dogs"), 2500, null)));
		all.add(exclusive(with(orderDiscount("Everything -20%", null, 2000, null), "window", allDay())));
		all.add(exclusive(orderDiscount("30 zl off from 100 zl", 10_000, null, 3000L)));
		all.add(exclusive(bundle("Menu -30%", List.of(component(categories("hot-dogs"), 1),
				component(categories("sides"), 1), component(categories("drinks"), 1)), "percentBp", 3000)));
		all.add(exclusive(with(buyXGetY("Second dog half price", categories("hot-dogs"), 1, 1, 5000), "priority", 20)));
		all.add(exclusive(bundle("Three dogs and a drink 45 zl", List.of(component(categories("hot-dogs"), 3),
				component(categories("drinks"), 1)), "priceMinor", 4500L)));
		all.add(exclusive(with(productDiscount("Drinks half price", categories("drinks"), 5000, null), "window",
				everyDay())));
		return all;
	}

	private static List<Long> ids(List<Product> products, String category) {
		return products.stream().filter(p -> category.equals(p.category())).map(Product::id).toList();
	}

	private static long pick(List<Long> ids, int index) {
		return ids.get(index % ids.size());
	}

	private static long byCode(List<Product> products, String code, long fallback) {
		return products.stream().filter(p -> code.equals(p.code())).map(Product::id).findFirst().orElse(fallback);
	}

	private static Map<String, Object> base(String name, String kind) {
		var spec = new LinkedHashMap<String, Object>();
		spec.put("name", NAME_PREFIX + name);
		spec.put("kind", kind);
		return spec;
	}

	private static Map<String, Object> with(Map<String, Object> spec, String field, Object value) {
		spec.put(field, value);
		return spec;
	}

	private static Map<String, Object> exclusive(Map<String, Object> spec) {
		return with(spec, "exclusive", true);
	}

	private static Map<String, Object> products(long... ids) {
		return Map.of("productIds", Arrays.stream(ids).boxed().toList());
	}

	private static Map<String, Object> categories(String... names) {
		return Map.of("categories", List.of(names));
	}

	private static Map<String, Object> component(Map<String, Object> target, int quantity) {
		return Map.of("target", target, "quantity", quantity);
	}

	private static Map<String, Object> productDiscount(String name, Map<String, Object> target, Integer percentBp,
			Long amountMinor) {
		var spec = base(name, "PRODUCT_DISCOUNT");
		spec.put("target", target);
		if (percentBp != null) {
			spec.put("percentBp", percentBp);
		}
		if (amountMinor != null) {
			spec.put("amountMinor", amountMinor);
		}
		return spec;
	}

	private static Map<String, Object> bundle(String name, List<Map<String, Object>> components, String field,
			Object value) {
		var spec = base(name, "BUNDLE");
		spec.put("components", components);
		spec.put(field, value);
		return spec;
	}

	private static Map<String, Object> buyXGetY(String name, Map<String, Object> target, int buy, int get,
			int percentBp) {
		var spec = base(name, "BUY_X_GET_Y");
		spec.put("target", target);
		spec.put("buy", buy);
		spec.put("get", get);
		spec.put("percentBp", percentBp);
		return spec;
	}

	private static Map<String, Object> orderDiscount(String name, Integer minSubtotalMinor, Integer percentBp,
			Long amountMinor) {
		var spec = base(name, "ORDER_DISCOUNT");
		if (minSubtotalMinor != null) {
			spec.put("minSubtotalMinor", minSubtotalMinor);
		}
		if (percentBp != null) {
			spec.put("percentBp", percentBp);
		}
		if (amountMinor != null) {
			spec.put("amountMinor", amountMinor);
		}
		return spec;
	}

	/** Every day of the week, no time limit. */
	private static Map<String, Object> everyDay() {
		return Map.of("days", Arrays.stream(DayOfWeek.values()).map(Enum::name).toList());
	}

	/** 00:00 to 00:00: a time window that ends where it starts runs past midnight, i.e. all day. */
	private static Map<String, Object> allDay() {
		return Map.of("fromTime", "00:00", "toTime", "00:00");
	}

	private static Map<String, Object> everyDayAllDay() {
		var window = new LinkedHashMap<String, Object>(everyDay());
		window.putAll(allDay());
		return window;
	}

	/** A date range around any plausible run. */
	private static Map<String, Object> years() {
		return Map.of("from", "2020-01-01T00:00:00Z", "to", "2100-01-01T00:00:00Z");
	}

	// ------------------------------------------------------------------------------------------------ variants

	@Override
	public List<Variant> variants(BenchContext ctx) {
		var uri = ctx.api().uri("/api/v1/pricing/quote");
		Variant api = new Variant() {
			@Override
			public String name() {
				return "api";
			}

			@Override
			public Worker worker(int index) {
				var random = ctx.random(CARTS, index);
				return Wire.worker(uri, wire -> wire.post(uri.getRawPath(), null, randomCart(random).json()));
			}
		};
		Variant inProcess = new Variant() {
			@Override
			public String name() {
				return "engine";
			}

			@Override
			public Worker worker(int index) {
				if (engine == null) {
					throw new IllegalStateException(engineMissing != null ? engineMissing : "the engine was not set up");
				}
				var random = ctx.random(CARTS, index); // the same carts as the api variant's worker of this index
				return () -> engine.priceCheck(randomCart(random), Instant.now());
			}

			@Override
			public long maxRequests(long configured) {
				return configured > Long.MAX_VALUE / ENGINE_COUNT_FACTOR ? configured : configured * ENGINE_COUNT_FACTOR;
			}
		};
		return List.of(api, inProcess);
	}

	@Override
	public void teardown(BenchContext ctx) throws Exception {
		if (created.isEmpty()) {
			return;
		}
		var api = ctx.api();
		api.login("owner", "diggety-owner");
		int archived = 0;
		for (var id : created) {
			var response = api.send(api.post("/api/v1/promotions/" + id + "/archive", Map.of()).build());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("archiving promotion " + id + ": HTTP " + response.statusCode() + " "
						+ response.body());
			}
			archived++;
		}
		BenchContext.log("quote: archived the %d promotions it created", archived);
	}

	// ------------------------------------------------------------------------------------------------ summary

	@Override
	public List<Summary> summarize(List<Result> results) {
		Result api = find(results, "api");
		Result inProcess = find(results, "engine");
		var summaries = new ArrayList<Summary>();
		if (!setupFigures.isEmpty()) {
			summaries.add(new Summary(name(), String.format(Locale.ROOT,
					"quote setup: %d active promotions (%d exclusive), %d products, %d active stands, %d-line carts; "
							+ "%d/%d check carts discounted (%.1f promotions each), %d/%d priced the same in-process",
					setupFigures.get("activePromotions"), setupFigures.get("exclusivePromotions"),
					setupFigures.get("products"), setupFigures.get("activeStands"), LINES,
					setupFigures.get("checkCartsWithPromotion"), CHECK_CARTS,
					(Double) setupFigures.get("appliedPerDiscountedCart"), setupFigures.get("checkCartsSameInProcess"),
					CHECK_CARTS), Map.copyOf(setupFigures)));
		}
		if (api != null && inProcess != null) {
			double throughputRatio = inProcess.throughput() / api.throughput();
			var figures = new LinkedHashMap<String, Object>();
			figures.put("throughputRatioEngineOverApi", throughputRatio);
			figures.put("p50RatioApiOverEngine", api.p50Ms() / inProcess.p50Ms());
			figures.put("p99RatioApiOverEngine", api.p99Ms() / inProcess.p99Ms());
			summaries.add(new Summary(name(), String.format(Locale.ROOT,
					"quote in-process/HTTP: throughput %.1fx (%.0f vs %.0f quotes/s); per quote p50 %s vs %s ms, "
							+ "p99 %s vs %s ms", throughputRatio, inProcess.throughput(), api.throughput(),
					ms(inProcess.p50Ms()), ms(api.p50Ms()), ms(inProcess.p99Ms()), ms(api.p99Ms())), figures));
		}
		if (api != null) {
			boolean met = api.errors() == 0 && api.throughput() >= TARGET_QUOTES_PER_SECOND;
			int cores = Runtime.getRuntime().availableProcessors();
			var figures = new LinkedHashMap<String, Object>();
			figures.put("targetQuotesPerSecond", TARGET_QUOTES_PER_SECOND);
			figures.put("quotesPerSecond", api.throughput());
			figures.put("cpus", cores);
			figures.put("met", met);
			summaries.add(new Summary(name(), String.format(Locale.ROOT,
					"quote target: >= %.0f HTTP quotes/s on this %d-core machine: %.0f (%s)", TARGET_QUOTES_PER_SECOND,
					cores, api.throughput(), met ? "met" : "not met"), figures));
		}
		return summaries;
	}

	private static String ms(double value) {
		return String.format(Locale.ROOT, value < 1 ? "%.4f" : "%.2f", value);
	}

	private static Result find(List<Result> results, String variant) {
		return results.stream().filter(r -> r.variant().equals(variant)).findFirst().orElse(null);
	}
}
