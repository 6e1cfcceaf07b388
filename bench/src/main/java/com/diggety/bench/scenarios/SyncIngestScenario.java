package com.diggety.bench.scenarios;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import com.diggety.bench.BenchContext;
import com.diggety.bench.OneShot;
import com.diggety.bench.OneShot.Measurement;
import com.diggety.bench.Result;
import com.diggety.bench.Scenario;
import com.diggety.bench.Summary;
import com.diggety.bench.Variant;

import tools.jackson.databind.JsonNode;

/**
 * Phones pushing their backlogs of SALE_RECORDED events over the device protocol (docs/sync-protocol.md):
 * one device's 10,000 events in batches of 500, 50 devices' 200 events at once, the same 10,000 again (all
 * replays), and the rows the server writes per sale inserted straight through JDBC as the floor.
 */
public final class SyncIngestScenario implements Scenario {

	static final int BACKLOG = 10_000;
	static final int BATCH = 500;
	static final int DEVICES = 50;
	static final int PER_DEVICE = 200;
	static final long CATCH_UP_TIMEOUT_SECONDS = 600;

	/** One event as the server stores it, for the JDBC baseline, and its JSON for the push. */
	private record Sale(UUID eventId, long sequence, Instant occurredAt, UUID saleId, String payloadJson,
			long[][] lines, long total) {
	}

	private record Device(UUID id, String token, long standId) {
	}

	/** An active product; {@code recipe} holds {ingredientId, quantity} pairs. */
	private record Product(long id, String name, long priceMinor, int vatRateBp, long[][] recipe) {
	}

	private List<Product> products;
	private Device single;
	private List<Sale> singleBacklog;
	private final List<Device> devices = new ArrayList<>();
	private final List<List<Sale>> backlogs = new ArrayList<>();
	private final Map<String, Double> catchUpSeconds = new LinkedHashMap<>();
	private int expectedSaleCauses;
	private int causesBefore;

	@Override
	public String name() {
		return "sync-ingest";
	}

	@Override
	public String description() {
		return "device pushes of SALE_RECORDED backlogs: 1 device x 10,000 (batches of 500), 50 devices x 200 at once, "
				+ "10,000 replays, vs. the same rows inserted through JDBC";
	}

	@Override
	public void setup(BenchContext ctx) throws Exception {
		var api = ctx.api();
		api.login("owner", "diggety-owner");
		var list = new ArrayList<Product>();
		for (var p : api.readTree(api.send(api.get("/api/v1/products").build()).body())) {
			if (p.path("active").asBoolean(true)) {
				var recipe = new ArrayList<long[]>();
				p.path("recipe").forEach(r -> recipe.add(new long[] { r.get("ingredientId").asLong(),
						r.get("quantity").asLong() }));
				list.add(new Product(p.get("id").asLong(), p.get("name").asString(), p.get("priceMinor").asLong(),
						p.get("vatRateBasisPoints").asInt(), recipe.toArray(new long[0][])));
			}
		}
		products = List.copyOf(list);
		if (products.isEmpty()) {
			throw new IllegalStateException("no active products");
		}
		// one device per operator op01..op50 (each at its demo stand); op01 gets a second one for the single backlog
		var pool = Executors.newFixedThreadPool(4);
		try {
			var tasks = new ArrayList<Callable<Device>>();
			for (int i = 1; i <= DEVICES; i++) {
				var operator = String.format("op%02d", i);
				tasks.add(() -> register(ctx, operator, "bench phone"));
			}
			for (var f : pool.invokeAll(tasks)) {
				devices.add(f.get());
			}
		}
		finally {
			pool.shutdownNow();
		}
		single = register(ctx, "op01", "bench backlog phone");
		var random = ctx.random("sync-ingest", 0);
		singleBacklog = backlog(random, BACKLOG);
		for (int i = 0; i < DEVICES; i++) {
			backlogs.add(backlog(random, PER_DEVICE));
		}
		try (var c = ctx.connect()) {
			causesBefore = saleCauses(c);
		}
		BenchContext.log("sync-ingest: %d devices registered, %d products, %d sale causes in stock_movements already",
				devices.size() + 1, products.size(), causesBefore);
	}

	private static Device register(BenchContext ctx, String operator, String name) throws Exception {
		var api = ctx.api();
		var login = api.send(HttpRequest.newBuilder(api.uri("/api/v1/auth/login")).timeout(java.time.Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(ctx.json().writeValueAsString(
						Map.of("username", operator, "password", "diggety-operator")))).build());
		if (login.statusCode() != 200) {
			throw new IllegalStateException("login " + operator + ": HTTP " + login.statusCode() + " " + login.body());
		}
		var token = api.readTree(login.body()).get("accessToken").asString();
		var response = api.send(HttpRequest.newBuilder(api.uri("/api/v1/devices")).timeout(java.time.Duration.ofSeconds(10))
				.header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
				.POST(HttpRequest.BodyPublishers.ofString(ctx.json().writeValueAsString(
						Map.of("name", name + " " + operator, "platform", "diggety-bench")))).build());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException("registering a device of " + operator + ": HTTP " + response.statusCode()
					+ " " + response.body());
		}
		var r = api.readTree(response.body());
		return new Device(UUID.fromString(r.get("deviceId").asString()), r.get("deviceToken").asString(),
				r.get("standId").asLong());
	}

	/** n cash sales of 1-3 lines, sequences 1..n, occurred over the last hours. */
	private List<Sale> backlog(SplittableRandom random, int n) {
		var sales = new ArrayList<Sale>(n);
		var start = Instant.now().minusSeconds(6 * 3600);
		for (int s = 1; s <= n; s++) {
			int count = 1 + random.nextInt(3);
			var lines = new long[count][];
			var used = new java.util.HashSet<Integer>();
			var json = new StringBuilder(400);
			var saleId = new UUID(random.nextLong(), random.nextLong());
			long total = 0;
			json.append("{\"saleId\":\"").append(saleId).append("\",\"shiftId\":null,\"lines\":[");
			for (int i = 0; i < count; i++) {
				int pick;
				do {
					pick = random.nextInt(products.size());
				}
				while (!used.add(pick));
				var p = products.get(pick);
				int quantity = 1 + random.nextInt(3);
				long lineTotal = p.priceMinor() * quantity;
				total += lineTotal;
				lines[i] = new long[] { pick, quantity, p.priceMinor(), lineTotal, p.vatRateBp() };
				json.append(i == 0 ? "" : ",").append("{\"productId\":").append(p.id()).append(",\"quantity\":")
						.append(quantity).append(",\"unitPriceMinor\":").append(p.priceMinor())
						.append(",\"discountMinor\":0,\"totalMinor\":").append(lineTotal).append(",\"vatRateBp\":")
						.append(p.vatRateBp()).append('}');
			}
			long tendered = ((total + 999) / 1000) * 1000;
			json.append("],\"applied\":[],\"codes\":[],\"subtotalMinor\":").append(total)
					.append(",\"discountMinor\":0,\"totalMinor\":").append(total)
					.append(",\"payment\":{\"method\":\"CASH\",\"tenderedMinor\":").append(tendered)
					.append(",\"changeMinor\":").append(tendered - total).append("}}");
			sales.add(new Sale(new UUID(random.nextLong(), random.nextLong()), s, start.plusMillis(s * 1000L), saleId,
					json.toString(), lines, total));
		}
		return sales;
	}

	/** The events array of a push body. */
	private static String events(List<Sale> sales) {
		var b = new StringBuilder(sales.size() * 600);
		b.append('[');
		for (int i = 0; i < sales.size(); i++) {
			var s = sales.get(i);
			b.append(i == 0 ? "" : ",").append("{\"id\":\"").append(s.eventId()).append("\",\"sequence\":")
					.append(s.sequence()).append(",\"type\":\"SALE_RECORDED\",\"occurredAt\":\"").append(s.occurredAt())
					.append("\",\"position\":{\"latitude\":50.06,\"longitude\":19.94,\"accuracyMeters\":20},\"payload\":")
					.append(s.payloadJson()).append('}');
		}
		return b.append(']').toString();
	}

	private static List<String> batches(List<Sale> sales, int size) {
		var out = new ArrayList<String>();
		for (int i = 0; i < sales.size(); i += size) {
			out.add(events(sales.subList(i, Math.min(sales.size(), i + size))));
		}
		return out;
	}

	/** Pushes one batch; null when the answer is what a phone expects (every event with {@code status}). */
	private static String push(BenchContext ctx, Device device, String events, int count, String status)
			throws Exception {
		var api = ctx.api();
		var body = "{\"deviceClock\":\"" + Instant.now() + "\",\"events\":" + events + "}";
		var request = HttpRequest.newBuilder(api.uri("/api/v1/devices/" + device.id() + "/events"))
				.timeout(java.time.Duration.ofSeconds(60)).header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + device.token())
				.POST(HttpRequest.BodyPublishers.ofString(body)).build();
		var response = api.send(request);
		if (response.statusCode() != 200) {
			return "HTTP " + response.statusCode() + " " + clip(response.body());
		}
		JsonNode answer = api.readTree(response.body());
		var results = answer.get("results");
		if (results == null || results.size() != count) {
			return "expected " + count + " results: " + clip(response.body());
		}
		for (var r : results) {
			if (!status.equals(r.get("status").asString())) {
				return "an event was " + r.get("status").asString() + " (" + r.path("reason").asString("") + "), not "
						+ status;
			}
		}
		return null;
	}

	private static String clip(String s) {
		return s.length() > 300 ? s.substring(0, 300) + "..." : s;
	}

	private static int saleCauses(Connection c) throws Exception {
		try (var st = c.createStatement();
				var rs = st.executeQuery("SELECT COUNT(DISTINCT cause) FROM stock_movements WHERE cause LIKE 'sale:%'")) {
			rs.next();
			return rs.getInt(1);
		}
	}

	/** Seconds from {@code since} until stock_movements holds {@code expected} sale causes; NaN on time-out. */
	private double waitForStock(BenchContext ctx, long since, int expected) throws Exception {
		try (var c = ctx.connect()) {
			long deadline = System.nanoTime() + CATCH_UP_TIMEOUT_SECONDS * 1_000_000_000L;
			int seen = -1;
			while (System.nanoTime() < deadline) {
				seen = saleCauses(c);
				if (seen >= expected) {
					return (System.nanoTime() - since) / 1e9;
				}
				Thread.sleep(50);
			}
			BenchContext.log("sync-ingest: stock did not catch up within %d s (%d of %d sale causes)",
					CATCH_UP_TIMEOUT_SECONDS, seen, expected);
			return Double.NaN;
		}
	}

	private OneShot sequential(BenchContext ctx, String name, String status, boolean waitForStock) {
		return new OneShot() {
			@Override
			public String name() {
				return name;
			}

			@Override
			public Measurement measure() throws Exception {
				var bodies = batches(singleBacklog, BATCH);
				var latencies = new long[bodies.size()];
				long errors = 0;
				String first = null;
				long t0 = System.nanoTime();
				for (int i = 0; i < bodies.size(); i++) {
					long start = System.nanoTime();
					String error = push(ctx, single, bodies.get(i), Math.min(BATCH, BACKLOG - i * BATCH), status);
					latencies[i] = System.nanoTime() - start;
					if (error != null) {
						errors += BATCH;
						first = first == null ? "batch " + (i + 1) + ": " + error : first;
					}
				}
				long end = System.nanoTime();
				answered = end;
				return new Measurement(1, BACKLOG, errors, (end - t0) / 1e9, latencies, first);
			}

			private long answered;

			@Override
			public void afterMeasured() throws Exception {
				if (waitForStock) {
					expectedSaleCauses = causesBefore + BACKLOG;
					catchUpSeconds.put(name, waitForStock(ctx, answered, expectedSaleCauses));
				}
			}
		};
	}

	@Override
	public List<Variant> variants(BenchContext ctx) {
		OneShot concurrent = new OneShot() {
			@Override
			public String name() {
				return "50-dev";
			}

			@Override
			public Measurement measure() throws Exception {
				var bodies = new ArrayList<String>();
				for (var b : backlogs) {
					bodies.add(events(b));
				}
				var pool = Executors.newFixedThreadPool(DEVICES);
				try {
					var start = new java.util.concurrent.CountDownLatch(1);
					var tasks = new ArrayList<java.util.concurrent.Future<Object[]>>();
					for (int i = 0; i < DEVICES; i++) {
						int d = i;
						tasks.add(pool.submit(() -> {
							start.await();
							long t = System.nanoTime();
							String error = push(ctx, devices.get(d), bodies.get(d), PER_DEVICE, "APPLIED");
							return new Object[] { System.nanoTime() - t, error };
						}));
					}
					long t0 = System.nanoTime();
					start.countDown();
					var latencies = new long[DEVICES];
					long errors = 0;
					String first = null;
					for (int i = 0; i < DEVICES; i++) {
						var r = tasks.get(i).get();
						latencies[i] = (long) r[0];
						if (r[1] != null) {
							errors += PER_DEVICE;
							first = first == null ? "device " + (i + 1) + ": " + r[1] : first;
						}
					}
					long end = System.nanoTime();
					answered = end;
					return new Measurement(DEVICES, (long) DEVICES * PER_DEVICE, errors, (end - t0) / 1e9, latencies,
							first);
				}
				finally {
					pool.shutdownNow();
				}
			}

			private long answered;

			@Override
			public void afterMeasured() throws Exception {
				expectedSaleCauses += DEVICES * PER_DEVICE;
				catchUpSeconds.put(name(), waitForStock(ctx, answered, expectedSaleCauses));
			}
		};
		OneShot jdbc = new OneShot() {
			@Override
			public String name() {
				return "jdbc";
			}

			@Override
			public Measurement measure() throws Exception {
				return baseline(ctx);
			}
		};
		return List.of(sequential(ctx, "1-dev", "APPLIED", true), concurrent,
				sequential(ctx, "replay", "REPLAYED", false), jdbc);
	}

	private static final String INSERT_EVENT = """
			INSERT INTO bench_device_events (device_id, sequence, event_id, type, occurred_at, corrected_at, received_at,
			 latitude, longitude, payload, status, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
	private static final String INSERT_SALE = """
			INSERT INTO bench_sales (id, stand_id, shift_id, device_id, event_id, occurred_at, corrected_at, received_at,
			 latitude, longitude, currency, subtotal_minor, discount_minor, total_minor, payment_method,
			 tendered_minor, change_minor, payment_reference, codes, status, refunded_minor, repriced_total_minor,
			 price_mismatch, mismatch_reason, customer_key)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'COMPLETED', 0, ?, ?, ?, ?)""";
	private static final String INSERT_LINE = """
			INSERT INTO bench_sale_lines (sale_id, line_no, product_id, name, quantity, unit_price_minor, discount_minor,
			 total_minor, vat_rate_bp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	private static final String INSERT_SALE_STATUS = """
			INSERT INTO bench_sale_status_changes (sale_id, status, reason, at) VALUES (?, ?, ?, ?)""";
	private static final String INSERT_PAYMENT = """
			INSERT INTO bench_payments (id, reference, channel, method, stand_id, amount_minor, currency, refunded_minor,
			 status, created_at, updated_at) VALUES (?, ?, 'STAND', ?, ?, ?, ?, 0, 'SUCCEEDED', ?, ?)""";
	private static final String INSERT_PAYMENT_STATUS = """
			INSERT INTO bench_payment_status_changes (payment_id, status, refunded_minor, source, event_id, reason, at)
			VALUES (?, ?, ?, ?, ?, ?, ?)""";
	private static final String INSERT_MOVEMENT = """
			INSERT INTO bench_stock_movements (stand_id, ingredient_id, quantity, kind, cause, occurred_at, recorded_at,
			 note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
	private static final String UPDATE_LEVEL = """
			UPDATE bench_stock_levels SET quantity = quantity + ?, updated_at = ? WHERE stand_id = ? AND ingredient_id = ?""";
	private static final String BASELINE_TABLES = "bench_sale_lines, bench_sales, bench_device_events, "
			+ "bench_sale_status_changes, bench_payments, bench_payment_status_changes, bench_stock_movements, "
			+ "bench_stock_levels";

	/**
	 * The same rows as the server writes for (a)'s 10,000 sales, into scratch copies, 500 per transaction: the events,
	 * sales, lines and status rows, the stand payments with their status rows, the recipes' stock movements, and each
	 * batch's net change of the levels.
	 */
	private Measurement baseline(BenchContext ctx) throws Exception {
		try (var c = ctx.connect()) {
			try (var st = c.createStatement()) {
				st.execute("DROP TABLE IF EXISTS " + BASELINE_TABLES);
				st.execute("CREATE TABLE bench_device_events (LIKE device_events INCLUDING ALL)");
				st.execute("CREATE TABLE bench_sales (LIKE sales INCLUDING ALL)");
				st.execute("CREATE TABLE bench_sale_lines (LIKE sale_lines INCLUDING ALL)");
				st.execute("CREATE TABLE bench_sale_status_changes (LIKE sale_status_changes INCLUDING ALL)");
				st.execute("CREATE TABLE bench_payments (LIKE payments INCLUDING ALL)");
				st.execute("CREATE TABLE bench_payment_status_changes (LIKE payment_status_changes INCLUDING ALL)");
				st.execute("CREATE TABLE bench_stock_movements (LIKE stock_movements INCLUDING ALL)");
				st.execute("CREATE TABLE bench_stock_levels (LIKE stock_levels INCLUDING ALL)");
				st.execute("INSERT INTO bench_stock_levels SELECT * FROM stock_levels WHERE stand_id = " + single.standId());
			}
			c.setAutoCommit(false);
			var latencies = new long[(BACKLOG + BATCH - 1) / BATCH];
			long t0 = System.nanoTime();
			try (var events = c.prepareStatement(INSERT_EVENT); var sales = c.prepareStatement(INSERT_SALE);
					var lines = c.prepareStatement(INSERT_LINE); var statuses = c.prepareStatement(INSERT_SALE_STATUS);
					var payments = c.prepareStatement(INSERT_PAYMENT);
					var paymentStatuses = c.prepareStatement(INSERT_PAYMENT_STATUS);
					var movements = c.prepareStatement(INSERT_MOVEMENT); var levels = c.prepareStatement(UPDATE_LEVEL)) {
				for (int b = 0; b * BATCH < BACKLOG; b++) {
					long start = System.nanoTime();
					var now = Timestamp.from(Instant.now());
					var net = new java.util.TreeMap<Long, Long>();
					for (var s : singleBacklog.subList(b * BATCH, Math.min(BACKLOG, (b + 1) * BATCH))) {
						var at = Timestamp.from(s.occurredAt());
						events.setObject(1, single.id());
						events.setLong(2, s.sequence());
						events.setObject(3, s.eventId());
						events.setString(4, "SALE_RECORDED");
						events.setTimestamp(5, at);
						events.setTimestamp(6, at);
						events.setTimestamp(7, now);
						events.setDouble(8, 50.06);
						events.setDouble(9, 19.94);
						events.setString(10, s.payloadJson());
						events.setString(11, "APPLIED");
						events.setString(12, null);
						events.addBatch();
						sales.setObject(1, s.saleId());
						sales.setLong(2, single.standId());
						sales.setObject(3, null);
						sales.setObject(4, single.id());
						sales.setObject(5, s.eventId());
						sales.setTimestamp(6, at);
						sales.setTimestamp(7, at);
						sales.setTimestamp(8, now);
						sales.setDouble(9, 50.06);
						sales.setDouble(10, 19.94);
						sales.setString(11, "PLN");
						sales.setLong(12, s.total());
						sales.setLong(13, 0);
						sales.setLong(14, s.total());
						sales.setString(15, "CASH");
						long tendered = ((s.total() + 999) / 1000) * 1000;
						sales.setLong(16, tendered);
						sales.setLong(17, tendered - s.total());
						sales.setString(18, null);
						sales.setString(19, null);
						sales.setLong(20, s.total());
						sales.setBoolean(21, false);
						sales.setString(22, null);
						sales.setString(23, null);
						sales.addBatch();
						for (int i = 0; i < s.lines().length; i++) {
							var l = s.lines()[i];
							var p = products.get((int) l[0]);
							lines.setObject(1, s.saleId());
							lines.setInt(2, i);
							lines.setLong(3, p.id());
							lines.setString(4, p.name());
							lines.setInt(5, (int) l[1]);
							lines.setLong(6, l[2]);
							lines.setLong(7, 0);
							lines.setLong(8, l[3]);
							lines.setInt(9, (int) l[4]);
							lines.addBatch();
						}
						statuses.setObject(1, s.saleId());
						statuses.setString(2, "COMPLETED");
						statuses.setString(3, null);
						statuses.setTimestamp(4, now);
						statuses.addBatch();
						var paymentId = UUID.nameUUIDFromBytes(("sale:" + s.saleId()).getBytes(
								java.nio.charset.StandardCharsets.UTF_8));
						payments.setObject(1, paymentId);
						payments.setString(2, "sale:" + s.saleId());
						payments.setString(3, "CASH");
						payments.setLong(4, single.standId());
						payments.setLong(5, s.total());
						payments.setString(6, "PLN");
						payments.setTimestamp(7, at);
						payments.setTimestamp(8, now);
						payments.addBatch();
						paymentStatuses.setObject(1, paymentId);
						paymentStatuses.setString(2, "SUCCEEDED");
						paymentStatuses.setLong(3, 0);
						paymentStatuses.setString(4, "STAND");
						paymentStatuses.setString(5, null);
						paymentStatuses.setString(6, null);
						paymentStatuses.setTimestamp(7, at);
						paymentStatuses.addBatch();
						var use = new java.util.TreeMap<Long, Long>();
						for (var l : s.lines()) {
							for (var r : products.get((int) l[0]).recipe()) {
								use.merge(r[0], r[1] * l[1], Long::sum);
							}
						}
						for (var u : use.entrySet()) {
							movements.setLong(1, single.standId());
							movements.setLong(2, u.getKey());
							movements.setLong(3, -u.getValue());
							movements.setString(4, "SALE");
							movements.setString(5, "sale:" + s.saleId());
							movements.setTimestamp(6, at);
							movements.setTimestamp(7, now);
							movements.setString(8, null);
							movements.addBatch();
							net.merge(u.getKey(), -u.getValue(), Long::sum);
						}
					}
					events.executeBatch();
					sales.executeBatch();
					lines.executeBatch();
					statuses.executeBatch();
					payments.executeBatch();
					paymentStatuses.executeBatch();
					movements.executeBatch();
					for (var n : net.entrySet()) {
						levels.setLong(1, n.getValue());
						levels.setTimestamp(2, now);
						levels.setLong(3, single.standId());
						levels.setLong(4, n.getKey());
						levels.addBatch();
					}
					levels.executeBatch();
					c.commit();
					latencies[b] = System.nanoTime() - start;
				}
			}
			long end = System.nanoTime();
			return new Measurement(1, BACKLOG, 0, (end - t0) / 1e9, latencies, null);
		}
	}

	@Override
	public void teardown(BenchContext ctx) throws Exception {
		try (var c = ctx.connect(); var st = c.createStatement()) {
			st.execute("DROP TABLE IF EXISTS " + BASELINE_TABLES);
		}
	}

	@Override
	public List<Summary> summarize(List<Result> results) {
		var by = new LinkedHashMap<String, Result>();
		results.forEach(r -> by.put(r.variant(), r));
		var lines = new ArrayList<Summary>();
		var one = by.get("1-dev");
		var many = by.get("50-dev");
		var replay = by.get("replay");
		var base = by.get("jdbc");
		var stock = new StringBuilder();
		catchUpSeconds.forEach((k, v) -> stock.append(stock.length() == 0 ? "" : ", ").append(k).append(' ')
				.append(Double.isNaN(v) ? "not within " + CATCH_UP_TIMEOUT_SECONDS + " s" : fmt("%.1f s", v)));
		if (stock.length() > 0) {
			lines.add(new Summary(name(), "sync-ingest stock caught up after (last push answered -> all sales' "
					+ "movements in stock_movements): " + stock, Map.copyOf(catchUpSeconds.entrySet().stream()
							.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> (Object) e.getValue())))));
		}
		if (one != null && replay != null) {
			lines.add(new Summary(name(), fmt("sync-ingest replay: %.0f events/s re-sent (all REPLAYED) vs %.0f applied "
					+ "(%.2fx)", replay.throughput(), one.throughput(), replay.throughput() / one.throughput()),
					Map.of("replayEventsPerSecond", replay.throughput())));
		}
		if (base != null && (one != null || many != null)) {
			double r1 = one == null ? Double.NaN : one.throughput() / base.throughput();
			double r50 = many == null ? Double.NaN : many.throughput() / base.throughput();
			lines.add(new Summary(name(), fmt("sync-ingest API/baseline: 1 device %.0f / %.0f = %.1f%%, 50 devices "
					+ "%.0f / %.0f = %.1f%% (JDBC batches of %d rows, 1 connection)", one == null ? Double.NaN
							: one.throughput(), base.throughput(), 100 * r1, many == null ? Double.NaN : many.throughput(),
					base.throughput(), 100 * r50, BATCH), Map.of("ratio1", r1, "ratio50", r50)));
			boolean met = one != null && many != null && one.errors() == 0 && many.errors() == 0
					&& Math.min(one.throughput(), many.throughput()) >= 1000 && Math.min(r1, r50) >= 0.40;
			lines.add(new Summary(name(), fmt("sync-ingest target: >= 1000 events/s and >= 40%% of the raw baseline: "
					+ "1 device %.0f events/s (%.1f%%), 50 devices %.0f events/s (%.1f%%), baseline %.0f (%s)",
					one == null ? Double.NaN : one.throughput(), 100 * r1, many == null ? Double.NaN : many.throughput(),
					100 * r50, base.throughput(), met ? "met" : "not met"), Map.of("met", met)));
		}
		return lines;
	}

	private static String fmt(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}
}
