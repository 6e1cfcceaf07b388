package com.diggety.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** The one table per run on stdout, and the same figures as JSON under bench/results. */
final class Report {

	private Report() {
	}

	static void print(PrintStream out, String heading, List<Result> results, List<Summary> summaries,
			List<Map<String, String>> failures) {
		var header = String.format(Locale.ROOT, "%-12s %-8s %9s %10s %9s %9s %9s %7s %5s %5s %5s %5s %6s %7s",
				"scenario", "variant", "requests", "req/s", "p50 ms", "p99 ms", "max ms", "errors", "app", "gen", "db",
				"sys", "other", "RSS MB");
		var rule = "-".repeat(header.length());
		out.println();
		out.println(heading);
		out.println(rule);
		out.println(header);
		out.println(rule);
		for (var r : results) {
			out.println(String.format(Locale.ROOT, "%-12s %-8s %9d %10.1f %9s %9s %9s %7d %5s %5s %5s %5s %6s %7s",
					r.scenario(), r.variant(), r.requests(), r.throughput(), millis(r.p50Ms()), millis(r.p99Ms()),
					millis(r.maxMs()), r.errors(), cores(r.appCpu()), cores(r.loadGenCpu()), cores(r.dbCpu()),
					cores(r.kernelCpu()), cores(r.otherCpu()) + (r.otherCpu() > LoadRunner.NOISE_CORES ? "!" : ""),
					r.appPeakRssMb() < 0 ? "-" : Long.toString(r.appPeakRssMb())));
		}
		out.println(rule);
		if (results.stream().anyMatch(r -> r.otherCpu() > LoadRunner.NOISE_CORES)) {
			out.println(String.format(Locale.ROOT, "! other > %.2f cores: other programs were busy during that row; "
					+ "its figures are skewed, rerun on a quiet machine", LoadRunner.NOISE_CORES));
		}
		for (var s : summaries) {
			out.println(s.text());
		}
		for (var f : failures) {
			out.println("FAILED " + f.get("scenario") + ": " + f.get("error"));
		}
		out.flush();
	}

	/** Milliseconds: 2 decimals, 4 below 1 ms (an in-process workload takes microseconds). */
	static String millis(double ms) {
		return String.format(Locale.ROOT, ms < 1 ? "%.4f" : "%.2f", ms);
	}

	private static String cores(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
	}

	/** Writes {@code <dir>/<runId>.json} and copies it to {@code <dir>/latest.json}. */
	static Path write(JsonMapper json, Path dir, String runId, Map<String, Object> document) throws IOException {
		Files.createDirectories(dir);
		var file = dir.resolve(runId + ".json");
		Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n");
		Files.copy(file, dir.resolve("latest.json"), StandardCopyOption.REPLACE_EXISTING);
		return file;
	}
}
