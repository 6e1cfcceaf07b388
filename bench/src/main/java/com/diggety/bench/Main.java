package com.diggety.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The load generator: runs the named scenarios (all when none is named) against an app that bench/run started,
 * prints one table and writes the results JSON.
 *
 * <pre>
 * java -jar bench/target/diggety-bench.jar --base-url=http://127.0.0.1:18080 --jdbc-url=jdbc:postgresql://... \
 *      --app-pid=1234 --run-id=20250101T120000Z --results-dir=bench/results [--threads=8 --warmup=5 --duration=20
 *      --max-requests=20000 --seed=42 --git-commit=abc1234] [scenario ...]
 * java -jar bench/target/diggety-bench.jar --list
 * </pre>
 */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) throws Exception {
		Locale.setDefault(Locale.ROOT);
		var options = new HashMap<String, String>();
		var names = new ArrayList<String>();
		for (var arg : args) {
			if (arg.startsWith("--")) {
				int eq = arg.indexOf('=');
				options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
			}
			else {
				names.add(arg);
			}
		}
		if (options.containsKey("list")) {
			for (var name : Scenarios.names()) {
				System.out.println(name + "\t" + Scenarios.create(name).description());
			}
			return;
		}
		if (names.isEmpty()) {
			names.addAll(Scenarios.names());
		}
		for (var name : names) {
			if (!Scenarios.exists(name)) {
				System.err.println("unknown scenario " + name + "; known: " + String.join(", ", Scenarios.names()));
				System.exit(2);
			}
		}
		System.exit(run(options, names));
	}

	private static int run(Map<String, String> options, List<String> names) throws Exception {
		var settings = new Settings(intOption(options, "threads", 8), doubleOption(options, "warmup", 5),
				doubleOption(options, "duration", 20), longOption(options, "max-requests", 20_000),
				longOption(options, "seed", 42));
		var runId = options.getOrDefault("run-id", Instant.now().toString().replaceAll("[-:]|\\.\\d+", ""));
		var app = new AppProcess(longOption(options, "app-pid", -1));
		var json = JsonMapper.builder().build();
		var started = Instant.now();

		var results = new ArrayList<Result>();
		var summaries = new ArrayList<Summary>();
		var failures = new ArrayList<Map<String, String>>();
		try (var api = new Api(URI.create(required(options, "base-url")), json)) {
			var ctx = new BenchContext(api, required(options, "jdbc-url"), options.getOrDefault("jdbc-user", "postgres"),
					options.getOrDefault("jdbc-password", ""), settings, json);
			var runner = new LoadRunner(settings, app);
			for (var name : names) {
				var scenario = Scenarios.create(name);
				var own = new ArrayList<Result>();
				boolean setUp = false;
				try {
					BenchContext.log("%s: setting up", name);
					long t0 = System.nanoTime();
					scenario.setup(ctx);
					setUp = true;
					BenchContext.log("%s: set up in %.1f s", name, (System.nanoTime() - t0) / 1e9);
					for (var variant : scenario.variants(ctx)) {
						own.add(runner.run(name, variant));
					}
				}
				catch (Exception | LinkageError e) { // LinkageError: a variant's classes missing at run time
					BenchContext.log("%s failed: %s", name, e);
					e.printStackTrace();
					failures.add(Map.of("scenario", name, "error", String.valueOf(e)));
				}
				if (setUp) {
					try {
						scenario.teardown(ctx);
					}
					catch (Exception e) {
						BenchContext.log("%s: tear-down failed: %s", name, e);
						failures.add(Map.of("scenario", name, "error", "tear-down: " + e));
					}
				}
				summaries.addAll(scenario.summarize(own));
				results.addAll(own);
			}
		}

		int cpus = Runtime.getRuntime().availableProcessors();
		var heading = String.format(Locale.ROOT,
				"Diggety bench %s%s: %d workers, warm-up %.0f s, measured <= %.0f s or <= %d requests per variant; "
						+ "%d CPUs shared by app and load generator; RSS = app peak (VmHWM)",
				runId, options.containsKey("git-commit") ? " @" + options.get("git-commit") : "", settings.threads(),
				settings.warmupSeconds(), settings.durationSeconds(), settings.maxRequests(), cpus);
		Report.print(System.out, heading, results, summaries, failures);

		var document = new LinkedHashMap<String, Object>();
		document.put("runId", runId);
		document.put("startedAt", started.toString());
		document.put("finishedAt", Instant.now().toString());
		document.put("gitCommit", options.get("git-commit"));
		document.put("scenarios", names);
		document.put("settings", settings);
		document.put("machine", Map.of("cpus", cpus, "java", System.getProperty("java.version"), "os",
				System.getProperty("os.name") + " " + System.getProperty("os.version"),
				"note", "app and load generator share the CPUs"));
		document.put("app", Map.of("pid", app.pid(), "peakRssMb", app.peakRssMb(), "baseUrl",
				required(options, "base-url"), "database", options.getOrDefault("database", "")));
		document.put("results", results);
		document.put("summaries", summaries);
		document.put("failures", failures);
		var file = Report.write(json, Path.of(options.getOrDefault("results-dir", "bench/results")), runId, document);
		BenchContext.log("results written to %s and latest.json", file);

		long errors = results.stream().mapToLong(Result::errors).sum();
		if (!failures.isEmpty() || errors > 0) {
			BenchContext.log("%d scenario(s) failed, %d request error(s)", failures.size(), errors);
			return 1;
		}
		return 0;
	}

	private static String required(Map<String, String> options, String name) {
		var value = options.get(name);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("--" + name + " is required");
		}
		return value;
	}

	private static int intOption(Map<String, String> options, String name, int fallback) {
		return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
	}

	private static long longOption(Map<String, String> options, String name, long fallback) {
		return options.containsKey(name) ? Long.parseLong(options.get(name)) : fallback;
	}

	private static double doubleOption(Map<String, String> options, String name, double fallback) {
		return options.containsKey(name) ? Double.parseDouble(options.get(name)) : fallback;
	}
}
