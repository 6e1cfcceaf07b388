package com.diggety.bench.scenarios;

import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.diggety.bench.BenchContext;
import com.diggety.bench.Krakow;
import com.diggety.bench.Result;
import com.diggety.bench.Scenario;
import com.diggety.bench.Summary;
import com.diggety.bench.Variant;
import com.diggety.bench.Worker;

/**
 * {@code GET /api/v1/stands/nearby} over 500 stands (50 demo + 450 created here), from random points around Kraków,
 * against the same query sent straight through JDBC as the floor the API can approach.
 */
public final class NearbyScenario implements Scenario {

	static final int EXTRA_STANDS = 450;
	static final int LIMIT = 10;
	static final String POINTS = "nearby-points";

	/** The query Stands.nearby runs (src/main/java/com/diggety/stands/Stands.java), with positional parameters. */
	static final String SQL = "SELECT id, code, name, place_name, latitude, longitude, phone, auto_confirm, active, version, "
			+ "2 * 6371008.8 * ASIN(LEAST(1, SQRT(POWER(SIN(RADIANS(latitude - ?) / 2), 2) + COS(RADIANS(?)) "
			+ "* COS(RADIANS(latitude)) * POWER(SIN(RADIANS(longitude - ?) / 2), 2)))) AS distance "
			+ "FROM stands WHERE active ORDER BY distance LIMIT ?";

	private int activeStands;

	@Override
	public String name() {
		return "nearby";
	}

	@Override
	public String description() {
		return "GET /api/v1/stands/nearby (limit 10) over 500 stands vs. the same SQL through JDBC";
	}

	@Override
	public void setup(BenchContext ctx) throws Exception {
		var api = ctx.api();
		api.login("owner", "diggety-owner");
		var random = ctx.random("nearby-stands", 0);
		var tasks = new ArrayList<Callable<Void>>();
		var created = new AtomicInteger();
		for (int i = 1; i <= EXTRA_STANDS; i++) {
			var point = Krakow.randomPoint(random);
			var number = String.format("%03d", i);
			var body = new LinkedHashMap<String, Object>();
			body.put("code", "BENCH-" + number);
			body.put("name", "Bench " + number);
			body.put("placeName", "Bench place " + number);
			body.put("latitude", point.lat());
			body.put("longitude", point.lon());
			body.put("phone", null);
			body.put("autoConfirm", false);
			body.put("hours", Map.of("weekly", weekly("08:00", "20:00"), "specialDays", List.of()));
			tasks.add(() -> {
				var response = api.send(api.post("/api/v1/stands", body).build());
				if (response.statusCode() == 201) {
					created.incrementAndGet();
				}
				else if (response.statusCode() != 409) { // 409: exists already, fine for a rerun on the same data
					throw new IllegalStateException("creating " + body.get("code") + ": HTTP " + response.statusCode()
							+ " " + response.body());
				}
				return null;
			});
		}
		var pool = Executors.newFixedThreadPool(4);
		try {
			for (var future : pool.invokeAll(tasks)) {
				future.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		try (var connection = ctx.connect(); var statement = connection.createStatement();
				var rs = statement.executeQuery("SELECT COUNT(*) FROM stands WHERE active")) {
			rs.next();
			activeStands = rs.getInt(1);
		}
		BenchContext.log("nearby: created %d stands, %d active stands in all", created.get(), activeStands);
		if (activeStands != 500) {
			BenchContext.log("nearby: WARNING expected 500 active stands, found %d", activeStands);
		}
		checkSameAnswer(ctx);
	}

	private static List<Map<String, String>> weekly(String opens, String closes) {
		var days = new ArrayList<Map<String, String>>();
		for (var day : DayOfWeek.values()) {
			days.add(Map.of("day", day.name(), "opens", opens, "closes", closes));
		}
		return days;
	}

	/** The API and the baseline must name the same stands in the same order, or the comparison means nothing. */
	private void checkSameAnswer(BenchContext ctx) throws Exception {
		var point = Krakow.randomPoint(ctx.random("nearby-check", 0));
		var response = ctx.api().send(ctx.api().get(path(point)).build());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("nearby answered HTTP " + response.statusCode() + " " + response.body());
		}
		var fromApi = new ArrayList<Long>();
		ctx.api().readTree(response.body()).forEach(stand -> fromApi.add(stand.get("id").asLong()));
		var fromSql = new ArrayList<Long>();
		try (var connection = ctx.connect(); var statement = connection.prepareStatement(SQL)) {
			bind(statement, point);
			try (var rs = statement.executeQuery()) {
				while (rs.next()) {
					fromSql.add(rs.getLong("id"));
				}
			}
		}
		if (!fromApi.equals(fromSql)) {
			throw new IllegalStateException("the API and the SQL baseline disagree: " + fromApi + " vs " + fromSql);
		}
	}

	private static String path(Krakow.Point point) {
		return "/api/v1/stands/nearby?lat=" + point.lat() + "&lon=" + point.lon() + "&limit=" + LIMIT;
	}

	private static void bind(PreparedStatement statement, Krakow.Point point) throws SQLException {
		statement.setDouble(1, point.lat());
		statement.setDouble(2, point.lat());
		statement.setDouble(3, point.lon());
		statement.setInt(4, LIMIT);
	}

	@Override
	public List<Variant> variants(BenchContext ctx) {
		int expectedRows = Math.min(LIMIT, activeStands);
		Variant api = new Variant() {
			@Override
			public String name() {
				return "api";
			}

			@Override
			public Worker worker(int index) {
				var random = ctx.random(POINTS, index);
				return () -> {
					var request = ctx.api().get(path(Krakow.randomPoint(random))).build();
					HttpResponse<byte[]> response = ctx.api().sendForBytes(request);
					var body = response.body();
					return response.statusCode() == 200 && body.length > 2 && body[0] == '[';
				};
			}
		};
		Variant jdbc = new Variant() {
			@Override
			public String name() {
				return "jdbc";
			}

			@Override
			public Worker worker(int index) throws SQLException {
				var random = ctx.random(POINTS, index);
				var connection = ctx.connect();
				var statement = connection.prepareStatement(SQL);
				statement.setQueryTimeout(10);
				return new Worker() {
					@Override
					public boolean call() throws SQLException {
						bind(statement, Krakow.randomPoint(random));
						int rows = 0;
						try (ResultSet rs = statement.executeQuery()) {
							while (rs.next()) { // read every column, as the app's row mapper does
								rs.getLong(1);
								rs.getString(2);
								rs.getString(3);
								rs.getString(4);
								rs.getDouble(5);
								rs.getDouble(6);
								rs.getString(7);
								rs.getBoolean(8);
								rs.getBoolean(9);
								rs.getInt(10);
								rs.getDouble(11);
								rows++;
							}
						}
						return rows == expectedRows;
					}

					@Override
					public void close() throws SQLException {
						connection.close();
					}
				};
			}
		};
		return List.of(api, jdbc);
	}

	@Override
	public List<Summary> summarize(List<Result> results) {
		Result api = find(results, "api");
		Result jdbc = find(results, "jdbc");
		var summaries = new ArrayList<Summary>();
		if (api != null && jdbc != null) {
			double throughputRatio = api.throughput() / jdbc.throughput();
			double p50Ratio = api.p50Ms() / jdbc.p50Ms();
			double p99Ratio = api.p99Ms() / jdbc.p99Ms();
			var figures = new LinkedHashMap<String, Object>();
			figures.put("throughputRatioApiOverJdbc", throughputRatio);
			figures.put("p50RatioApiOverJdbc", p50Ratio);
			figures.put("p99RatioApiOverJdbc", p99Ratio);
			summaries.add(new Summary(name(), String.format(
					"nearby api/jdbc: throughput %.2f (%.0f vs %.0f req/s), p50 %.2fx (%.2f vs %.2f ms), p99 %.2fx (%.2f vs %.2f ms)",
					throughputRatio, api.throughput(), jdbc.throughput(), p50Ratio, api.p50Ms(), jdbc.p50Ms(), p99Ratio,
					api.p99Ms(), jdbc.p99Ms()), figures));
		}
		if (api != null) {
			var figures = new LinkedHashMap<String, Object>();
			figures.put("activeStands", activeStands);
			figures.put("limit", LIMIT);
			figures.put("p50Ms", api.p50Ms());
			figures.put("p99Ms", api.p99Ms());
			summaries.add(new Summary(name(), String.format(
					"nearby target (reported, not pass/fail): %d active stands, limit %d, through the API p50 %.2f ms, p99 %.2f ms",
					activeStands, LIMIT, api.p50Ms(), api.p99Ms()), figures));
		}
		return summaries;
	}

	private static Result find(List<Result> results, String variant) {
		return results.stream().filter(r -> r.variant().equals(variant)).findFirst().orElse(null);
	}
}
