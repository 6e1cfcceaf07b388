package com.diggety.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.diggety.bench.scenarios.NearbyScenario;
import com.diggety.bench.scenarios.OrdersScenario;
import com.diggety.bench.scenarios.QuoteScenario;
import com.diggety.bench.scenarios.OperatorShellScenario;
import com.diggety.bench.scenarios.StockScenario;
import com.diggety.bench.scenarios.SyncIngestScenario;

/** Every scenario by name, in the order {@code bench/run} without arguments runs them. Add new ones here. */
final class Scenarios {

	private static final Map<String, Supplier<Scenario>> ALL = new LinkedHashMap<>();

	static {
		register("nearby", NearbyScenario::new);
		register("quote", QuoteScenario::new);
		register("sync-ingest", SyncIngestScenario::new);
		register("orders", OrdersScenario::new);
		register("stock", StockScenario::new);
		register("operator-shell", OperatorShellScenario::new);
	}

	private Scenarios() {
	}

	private static void register(String name, Supplier<Scenario> factory) {
		if (ALL.putIfAbsent(name, factory) != null) {
			throw new IllegalStateException("two scenarios named " + name);
		}
	}

	static List<String> names() {
		return List.copyOf(ALL.keySet());
	}

	static boolean exists(String name) {
		return ALL.containsKey(name);
	}

	static Scenario create(String name) {
		var factory = ALL.get(name);
		if (factory == null) {
			throw new IllegalArgumentException("no scenario " + name + "; known: " + String.join(", ", names()));
		}
		var scenario = factory.get();
		if (!scenario.name().equals(name)) {
			throw new IllegalStateException("scenario registered as " + name + " calls itself " + scenario.name());
		}
		return scenario;
	}
}
