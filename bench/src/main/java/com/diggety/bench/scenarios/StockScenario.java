package com.diggety.bench.scenarios;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.diggety.bench.Api;
import com.diggety.bench.BenchContext;
import com.diggety.bench.Result;
import com.diggety.bench.Scenario;
import com.diggety.bench.Summary;
import com.diggety.bench.Variant;
import com.diggety.bench.Wire;
import com.diggety.bench.Worker;

/**
 * The stock ledger at size: 500 stands x 30 ingredients with 1,000,000 movements and their balances, prepared
 * straight in the database; then one stand's levels, the overview of all stands, and manual deliveries through
 * the API.
 */
public final class StockScenario implements Scenario {

	static final int STANDS = 500;
	static final int INGREDIENTS = 30;
	static final int MOVEMENTS = 1_000_000;
	static final double TARGET_P99_MS = 50;

	private long[] stands;
	private long[] ingredients;

	@Override
	public String name() {
		return "stock";
	}

	@Override
	public String description() {
		return "GET /api/v1/stands/{id}/stock and /api/v1/stock/overview over 500 stands x 30 ingredients with "
				+ "1,000,000 movements; POST .../stock/movements deliveries";
	}

	@Override
	public void setup(BenchContext ctx) throws Exception {
		var api = ctx.api();
		api.login("owner", "diggety-owner");
		int existing;
		try (var c = ctx.connect(); var st = c.createStatement();
				var rs = st.executeQuery("SELECT COUNT(*) FROM ingredients WHERE active")) {
			rs.next();
			existing = rs.getInt(1);
		}
		// the missing ingredients through the API, as the office would add them
		for (int i = existing + 1; i <= INGREDIENTS; i++) {
			var body = Map.<String, Object>of("code", String.format("BENCH-ING-%02d", i), "name",
					"Bench ingredient " + i, "unit", "PIECE", "lowStockThreshold", 10);
			var response = api.send(api.post("/api/v1/ingredients", body).build());
			if (response.statusCode() / 100 != 2) {
				throw new IllegalStateException("creating an ingredient: HTTP " + response.statusCode() + " "
						+ response.body());
			}
		}
		long t0 = System.nanoTime();
		try (var c = ctx.connect(); var st = c.createStatement()) {
			// the missing stands straight into the table (the columns of V2__stands.sql + open_for_customers)
			st.executeUpdate("""
					INSERT INTO stands (code, name, place_name, latitude, longitude, phone, auto_confirm, active, version,
					 created_at, updated_at, open_for_customers)
					SELECT 'STOCK-' || lpad(g::text, 3, '0'), 'Stock bench ' || g, 'Bench place ' || g,
					 50.0617 + (random() - 0.5) * 0.2, 19.9373 + (random() - 0.5) * 0.3, NULL, false, true, 0, now(), now(), true
					FROM generate_series(1, GREATEST(0, %d - (SELECT COUNT(*) FROM stands WHERE active))) g
					ON CONFLICT (code) DO NOTHING""".formatted(STANDS));
			st.execute("DROP TABLE IF EXISTS bench_stock_pairs");
			st.execute("""
					CREATE TABLE bench_stock_pairs AS
					SELECT (row_number() OVER (ORDER BY s.id, i.id) - 1)::int AS n, s.id AS stand_id, i.id AS ingredient_id
					FROM (SELECT id FROM stands WHERE active ORDER BY id LIMIT %d) s
					CROSS JOIN (SELECT id FROM ingredients WHERE active ORDER BY id LIMIT %d) i""".formatted(STANDS,
					INGREDIENTS));
			int pairs;
			try (var rs = st.executeQuery("SELECT COUNT(*) FROM bench_stock_pairs")) {
				rs.next();
				pairs = rs.getInt(1);
			}
			// 1,000,000 ledger rows spread evenly over the pairs and the last 30 days: 70% sales, 30% deliveries
			st.executeUpdate("""
					INSERT INTO stock_movements (stand_id, ingredient_id, quantity, kind, cause, occurred_at, recorded_at, note)
					SELECT p.stand_id, p.ingredient_id,
					 CASE WHEN g %% 10 < 7 THEN -(1 + g %% 3) ELSE 5 + g %% 7 END,
					 CASE WHEN g %% 10 < 7 THEN 'SALE' ELSE 'DELIVERY' END,
					 'bench:' || g, now() - ((g %% 43200) * interval '1 minute'), now(), NULL
					FROM generate_series(0, %d) g JOIN bench_stock_pairs p ON p.n = g %% %d""".formatted(MOVEMENTS - 1,
					pairs));
			// the balances: the ledger's sums, for every pair
			st.executeUpdate("""
					INSERT INTO stock_levels (stand_id, ingredient_id, quantity, updated_at)
					SELECT stand_id, ingredient_id, SUM(quantity), now() FROM stock_movements GROUP BY stand_id, ingredient_id
					ON CONFLICT (stand_id, ingredient_id) DO UPDATE SET quantity = EXCLUDED.quantity, updated_at = EXCLUDED.updated_at""");
			st.execute("ANALYZE stands");
			st.execute("ANALYZE stock_movements");
			st.execute("ANALYZE stock_levels");
			var s = new ArrayList<Long>();
			var i = new ArrayList<Long>();
			try (var rs = st.executeQuery("SELECT DISTINCT stand_id FROM bench_stock_pairs ORDER BY 1")) {
				while (rs.next()) {
					s.add(rs.getLong(1));
				}
			}
			try (var rs = st.executeQuery("SELECT DISTINCT ingredient_id FROM bench_stock_pairs ORDER BY 1")) {
				while (rs.next()) {
					i.add(rs.getLong(1));
				}
			}
			stands = s.stream().mapToLong(Long::longValue).toArray();
			ingredients = i.stream().mapToLong(Long::longValue).toArray();
			st.execute("DROP TABLE bench_stock_pairs");
			long movements;
			try (var rs = st.executeQuery("SELECT COUNT(*) FROM stock_movements")) {
				rs.next();
				movements = rs.getLong(1);
			}
			BenchContext.log("stock: %d stands x %d ingredients, %d movements in the ledger, prepared in %.1f s",
					stands.length, ingredients.length, movements, (System.nanoTime() - t0) / 1e9);
		}
		if (stands.length != STANDS || ingredients.length != INGREDIENTS) {
			throw new IllegalStateException("expected " + STANDS + " x " + INGREDIENTS + ", got " + stands.length + " x "
					+ ingredients.length);
		}
	}

	@Override
	public List<Variant> variants(BenchContext ctx) {
		var api = ctx.api();
		Variant level = new Variant() {
			@Override
			public String name() {
				return "level";
			}

			@Override
			public Worker worker(int index) {
				var random = ctx.random("stock-stands", index);
				return Wire.worker(api.uri("/"), wire -> wire.get("/api/v1/stands/"
						+ stands[random.nextInt(stands.length)] + "/stock", api.token()));
			}
		};
		Variant overview = overview(api, "overview", null);
		Variant overviewAlone = overview(api, "overview-1", 1); // one office user opening the matrix, nobody else
		Variant deliver = new Variant() {
			@Override
			public String name() {
				return "movement";
			}

			@Override
			public Worker worker(int index) {
				var random = ctx.random("stock-movements", index);
				return Wire.worker(api.uri("/"), wire -> wire.post("/api/v1/stands/" + stands[random.nextInt(stands.length)]
						+ "/stock/movements", api.token(), "{\"kind\":\"DELIVERY\",\"ingredientId\":"
								+ ingredients[random.nextInt(ingredients.length)] + ",\"quantity\":5}"));
			}
		};
		return List.of(level, overview, overviewAlone, deliver);
	}

	/** The whole matrix as the owner reads it, by the configured workers or by {@code threads} of them. */
	private static Variant overview(Api api, String name, Integer threads) {
		return new Variant() {
			@Override
			public String name() {
				return name;
			}

			@Override
			public Worker worker(int index) {
				return Wire.worker(api.uri("/"), wire -> wire.get("/api/v1/stock/overview", api.token()));
			}

			@Override
			public int threads(int configured) {
				return threads == null ? configured : threads;
			}
		};
	}

	@Override
	public List<Summary> summarize(List<Result> results) {
		var by = new LinkedHashMap<String, Result>();
		results.forEach(r -> by.put(r.variant(), r));
		var lines = new ArrayList<Summary>();
		var level = by.get("level");
		var overview = by.get("overview");
		var movement = by.get("movement");
		lines.add(new Summary(name(), String.format(Locale.ROOT,
				"stock setup: %d stands x %d ingredients, %,d movements + balances; one stand p50/p99 %s/%s ms, overview "
						+ "(%d x %d) p50/p99 %s/%s ms, deliveries %s movements/s",
				STANDS, INGREDIENTS, MOVEMENTS, level == null ? "-" : f(level.p50Ms()), level == null ? "-" : f(level.p99Ms()),
				STANDS, INGREDIENTS, overview == null ? "-" : f(overview.p50Ms()),
				overview == null ? "-" : f(overview.p99Ms()), movement == null ? "-" : f(movement.throughput())),
				Map.of()));
		var alone = by.get("overview-1");
		if (level != null) {
			boolean met = level.errors() == 0 && level.p99Ms() < TARGET_P99_MS;
			lines.add(new Summary(name(), String.format(Locale.ROOT, "stock target: p99 < 50 ms: one stand's levels %s ms"
					+ " at %d workers (%s); the whole 500 x 30 matrix %s ms at %d workers, %s ms for one office user",
					f(level.p99Ms()), level.threads(), met ? "met" : "not met",
					overview == null ? "-" : f(overview.p99Ms()), overview == null ? 0 : overview.threads(),
					alone == null ? "-" : f(alone.p99Ms())), Map.of("p99Ms", level.p99Ms(), "met", met,
							"overviewP99Ms", overview == null ? -1 : overview.p99Ms(),
							"overviewAloneP99Ms", alone == null ? -1 : alone.p99Ms())));
		}
		return lines;
	}

	private static String f(double v) {
		return String.format(Locale.ROOT, "%.2f", v);
	}
}
