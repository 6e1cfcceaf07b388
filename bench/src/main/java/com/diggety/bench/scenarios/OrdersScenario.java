package com.diggety.bench.scenarios;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.diggety.bench.BenchContext;
import com.diggety.bench.Result;
import com.diggety.bench.Scenario;
import com.diggety.bench.Summary;
import com.diggety.bench.Variant;
import com.diggety.bench.Wire;
import com.diggety.bench.Worker;

/**
 * Order placement: 1,000 simulated guest customers ordering 1-3 items at the 50 demo stands (open around the clock
 * for the run) through {@code POST /api/v1/orders}, which checks the stand, its menu and stock, prices the cart,
 * stores the order and opens its payment with the sandbox gateway; beside it, the rows a placement stores inserted
 * straight through JDBC (order, lines, status change, payment with its provider id, payment status change, the
 * sandbox gateway's intent) as the floor. Both draw the order's number again when the stand has it under way.
 */
public final class OrdersScenario implements Scenario {

	static final int CUSTOMERS = 1_000;
	/** Each stand's level of each ingredient at the start, far more than the run's orders take. */
	static final long STOCK = 100_000;
	static final double TARGET_THROUGHPUT = 500;
	static final double TARGET_P99_MS = 50;
	static final double TARGET_SHARE = 0.40;

	/** A product one stand can sell now, with its price for the baseline's rows. */
	private record Item(long productId, String name, long priceMinor) {
	}

	private long[] stands;
	private final Map<Long, List<Item>> menus = new HashMap<>();

	@Override
	public String name() {
		return "orders";
	}

	@Override
	public String description() {
		return "POST /api/v1/orders by 1,000 guest customers at 50 stands (order + sandbox payment opened) vs. the same "
				+ "rows inserted through JDBC";
	}

	@Override
	public void setup(BenchContext ctx) throws Exception {
		var api = ctx.api();
		api.login("owner", "diggety-owner");
		try (var c = ctx.connect(); var st = c.createStatement()) {
			var ids = new ArrayList<Long>();
			try (var rs = st.executeQuery("SELECT id FROM stands WHERE code LIKE 'KRK-%' AND active ORDER BY id")) {
				while (rs.next()) {
					ids.add(rs.getLong(1));
				}
			}
			stands = ids.stream().mapToLong(Long::longValue).toArray();
			// open around the clock for the run, whatever the hour: two intervals a day, no gap at midnight
			st.executeUpdate("DELETE FROM stand_hours WHERE stand_id IN (SELECT id FROM stands WHERE code LIKE 'KRK-%')");
			st.executeUpdate("DELETE FROM stand_special_days WHERE stand_id IN (SELECT id FROM stands WHERE code LIKE 'KRK-%')");
			st.executeUpdate("""
					INSERT INTO stand_hours (stand_id, day_of_week, opens, closes)
					SELECT s.id, d, t.opens, t.closes FROM stands s CROSS JOIN generate_series(1, 7) d
					CROSS JOIN (VALUES (TIME '00:00', TIME '12:00'), (TIME '12:00', TIME '00:00')) t(opens, closes)
					WHERE s.code LIKE 'KRK-%'""");
			st.executeUpdate("UPDATE stands SET open_for_customers = true WHERE code LIKE 'KRK-%'");
		}
		// stock for the run: a scenario before this one (sync-ingest) may have sold a stand's buns; deliveries through
		// the API, so the ledger and the levels stay one story
		int deliveries = 0;
		for (long stand : stands) {
			var view = api.readTree(api.send(api.get("/api/v1/stands/" + stand + "/stock").build()).body());
			for (var level : view.get("levels")) {
				long quantity = level.get("quantity").asLong();
				if (quantity < STOCK) {
					var response = api.send(api.post("/api/v1/stands/" + stand + "/stock/movements", Map.of("kind",
							"DELIVERY", "ingredientId", level.get("ingredientId").asLong(), "quantity", STOCK - quantity))
							.build());
					if (response.statusCode() / 100 != 2) {
						throw new IllegalStateException("delivery to stand " + stand + ": HTTP " + response.statusCode()
								+ " " + response.body());
					}
					deliveries++;
				}
			}
		}
		BenchContext.log("orders: %d deliveries brought every ingredient of the 50 stands to %d", deliveries, STOCK);
		int items = 0;
		for (long stand : stands) {
			var list = new ArrayList<Item>();
			var menu = api.readTree(api.send(api.get("/api/v1/stands/" + stand + "/menu").build()).body());
			for (var item : menu.get("items")) {
				if (item.get("available").asBoolean()) {
					list.add(new Item(item.get("productId").asLong(), item.get("name").asString(),
							item.get("priceMinor").asLong()));
				}
			}
			if (list.size() < 3) {
				throw new IllegalStateException("stand " + stand + " sells fewer than 3 products now");
			}
			menus.put(stand, list);
			items += list.size();
		}
		var probe = api.readTree(api.send(api.get("/api/v1/stands/" + stands[0] + "/ordering").build()).body());
		if (!probe.get("accepting").asBoolean()) {
			throw new IllegalStateException("stand " + stands[0] + " takes no orders: " + probe);
		}
		BenchContext.log("orders: %d stands open for orders, %d menu items, %d customers, answered by %s",
				stands.length, items, CUSTOMERS, probe.get("way").asString());
	}

	/** One order: a customer, a stand and 1-3 distinct products from its menu with quantities 1-2. */
	private record Draw(int customer, long stand, List<Item> items, int[] quantities) {
	}

	private Draw draw(java.util.SplittableRandom random) {
		long stand = stands[random.nextInt(stands.length)];
		var menu = menus.get(stand);
		int count = 1 + random.nextInt(3);
		var chosen = new ArrayList<Item>(count);
		while (chosen.size() < count) {
			var item = menu.get(random.nextInt(menu.size()));
			if (!chosen.contains(item)) {
				chosen.add(item);
			}
		}
		var quantities = new int[count];
		for (int i = 0; i < count; i++) {
			quantities[i] = 1 + random.nextInt(2);
		}
		return new Draw(random.nextInt(CUSTOMERS), stand, chosen, quantities);
	}

	@Override
	public List<Variant> variants(BenchContext ctx) {
		var api = ctx.api();
		Variant http = new Variant() {
			@Override
			public String name() {
				return "api";
			}

			@Override
			public Worker worker(int index) {
				var random = ctx.random("orders-api", index);
				return Wire.worker(api.uri("/"), wire -> {
					var d = draw(random);
					var body = new StringBuilder(200);
					body.append("{\"standId\":").append(d.stand()).append(",\"items\":[");
					for (int i = 0; i < d.items().size(); i++) {
						body.append(i == 0 ? "" : ",").append("{\"productId\":").append(d.items().get(i).productId())
								.append(",\"quantity\":").append(d.quantities()[i]).append('}');
					}
					body.append("],\"email\":\"customer").append(String.format(Locale.ROOT, "%04d", d.customer()))
							.append("@example.com\"}");
					var reply = wire.post("/api/v1/orders", null, body.toString());
					return reply.status() == 201 ? reply : new Wire.Reply(599, reply.body()); // only 201 Created counts
				});
			}
		};
		Variant jdbc = new Variant() {
			@Override
			public String name() {
				return "jdbc";
			}

			@Override
			public Worker worker(int index) throws Exception {
				var random = ctx.random("orders-jdbc", index);
				var connection = ctx.connect();
				connection.setAutoCommit(false);
				var statements = new Statements(connection);
				return new Worker() {
					@Override
					public boolean call() throws Exception {
						statements.insert(draw(random), random);
						connection.commit();
						return true;
					}

					@Override
					public void close() throws Exception {
						statements.close();
						connection.close();
					}
				};
			}
		};
		return List.of(http, jdbc);
	}

	/** The statements of the baseline: what one placement stores, no checks, no pricing. */
	private static final class Statements implements AutoCloseable {

		private final java.sql.PreparedStatement order;
		private final java.sql.PreparedStatement item;
		private final java.sql.PreparedStatement change;
		private final java.sql.PreparedStatement payment;
		private final java.sql.PreparedStatement paymentChange;
		private final java.sql.PreparedStatement intent;

		Statements(Connection c) throws Exception {
			order = c.prepareStatement("""
					INSERT INTO orders (id, stand_id, number, customer_user_id, contact_email, contact_phone, access_key_hash,
					 status, version, way, currency, subtotal_minor, discount_minor, total_minor, codes, prep_seconds,
					 placed_at, updated_at, active_number)
					VALUES (?, ?, ?, NULL, ?, NULL, ?, 'PLACED', 1, NULL, 'PLN', ?, 0, ?, NULL, 90, ?, ?, ?)
					ON CONFLICT DO NOTHING""");
			item = c.prepareStatement("""
					INSERT INTO order_items (order_id, line, product_id, name, quantity, unit_price_minor, substitute_for, swaps)
					VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)""");
			change = c.prepareStatement("""
					INSERT INTO order_status_changes (order_id, status, version, actor, reason, at)
					VALUES (?, 'PLACED', 1, 'customer', NULL, ?)""");
			payment = c.prepareStatement("""
					INSERT INTO payments (id, reference, channel, method, gateway, provider_id, stand_id, amount_minor, currency,
					 refunded_minor, status, description, return_url, checkout_url, created_at, updated_at)
					VALUES (?, ?, 'ONLINE', 'GATEWAY', 'sandbox', ?, ?, ?, 'PLN', 0, 'REQUIRES_PAYMENT', ?, ?, ?, ?, ?)""");
			paymentChange = c.prepareStatement("""
					INSERT INTO payment_status_changes (payment_id, status, refunded_minor, source, event_id, reason, at)
					VALUES (?, 'REQUIRES_PAYMENT', 0, 'CHECKOUT', NULL, NULL, ?)""");
			intent = c.prepareStatement("""
					INSERT INTO payment_sandbox_intents (id, idempotency_key, payment_id, reference, amount_minor, currency,
					 description, return_url, status, amount_refunded, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, 'PLN', ?, ?, 'requires_payment_method', 0, ?, ?)""");
		}

		void insert(Draw d, java.util.SplittableRandom random) throws Exception {
			var id = new UUID(random.nextLong(), random.nextLong());
			var now = Timestamp.from(Instant.now());
			long total = 0;
			for (int i = 0; i < d.items().size(); i++) {
				total += d.items().get(i).priceMinor() * d.quantities()[i];
			}
			// a number no other order under way at the stand has, as the app draws it (orders_active_number_uq)
			do {
				var number = String.format(Locale.ROOT, "%04d", 1000 + random.nextInt(9000));
				order.setObject(1, id);
				order.setLong(2, d.stand());
				order.setString(3, number);
				order.setString(4, String.format(Locale.ROOT, "customer%04d@example.com", d.customer()));
				order.setString(5, "0".repeat(64));
				order.setLong(6, total);
				order.setLong(7, total);
				order.setTimestamp(8, now);
				order.setTimestamp(9, now);
				order.setString(10, number);
			}
			while (order.executeUpdate() == 0);
			for (int i = 0; i < d.items().size(); i++) {
				var it = d.items().get(i);
				item.setObject(1, id);
				item.setInt(2, i + 1);
				item.setLong(3, it.productId());
				item.setString(4, it.name());
				item.setInt(5, d.quantities()[i]);
				item.setLong(6, it.priceMinor());
				item.addBatch();
			}
			item.executeBatch();
			change.setObject(1, id);
			change.setTimestamp(2, now);
			change.executeUpdate();
			var paymentId = new UUID(random.nextLong(), random.nextLong());
			payment.setObject(1, paymentId);
			payment.setString(2, "order:" + id);
			payment.setString(3, "pi_sbx_" + paymentId.toString().replace("-", ""));
			payment.setLong(4, d.stand());
			payment.setLong(5, total);
			payment.setString(6, "Diggety order");
			payment.setString(7, "/#/orders/" + id);
			payment.setString(8, "/sandbox/checkout/pi_sbx_" + paymentId.toString().replace("-", ""));
			payment.setTimestamp(9, now);
			payment.setTimestamp(10, now);
			payment.executeUpdate();
			paymentChange.setObject(1, paymentId);
			paymentChange.setTimestamp(2, now);
			paymentChange.executeUpdate();
			intent.setString(1, "pi_sbx_" + paymentId.toString().replace("-", ""));
			intent.setString(2, "payment:" + paymentId);
			intent.setObject(3, paymentId);
			intent.setString(4, "order:" + id);
			intent.setLong(5, total);
			intent.setString(6, "Diggety order");
			intent.setString(7, "/#/orders/" + id);
			intent.setTimestamp(8, now);
			intent.setTimestamp(9, now);
			intent.executeUpdate();
		}

		@Override
		public void close() throws Exception {
			order.close();
			item.close();
			change.close();
			payment.close();
			paymentChange.close();
			intent.close();
		}
	}

	@Override
	public List<Summary> summarize(List<Result> results) {
		var by = new LinkedHashMap<String, Result>();
		results.forEach(r -> by.put(r.variant(), r));
		var api = by.get("api");
		var jdbc = by.get("jdbc");
		if (api == null || jdbc == null) {
			return List.of();
		}
		double share = jdbc.throughput() == 0 ? 0 : api.throughput() / jdbc.throughput();
		boolean throughputMet = api.errors() == 0 && api.throughput() >= TARGET_THROUGHPUT;
		boolean p99Met = api.p99Ms() < TARGET_P99_MS;
		boolean shareMet = share >= TARGET_SHARE;
		var figures = new LinkedHashMap<String, Object>();
		figures.put("ordersPerSecond", api.throughput());
		figures.put("p50Ms", api.p50Ms());
		figures.put("p99Ms", api.p99Ms());
		figures.put("jdbcPerSecond", jdbc.throughput());
		figures.put("ratio", share);
		figures.put("met", throughputMet && p99Met && shareMet);
		return List.of(new Summary(name(), String.format(Locale.ROOT,
				"orders: %.0f placements/s (target >= 500: %s), p50 %.2f ms, p99 %.2f ms (target < 50: %s); JDBC "
						+ "baseline %.0f/s; ratio %.2f (target >= 0.40: %s)",
				api.throughput(), throughputMet ? "met" : "not met", api.p50Ms(), api.p99Ms(), p99Met ? "met" : "not met",
				jdbc.throughput(), share, shareMet ? "met" : "not met"), figures));
	}
}
