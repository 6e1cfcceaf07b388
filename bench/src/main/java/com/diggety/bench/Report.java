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
		var header = String.format(Locale.ROOT, "%-12s %-8s %9s %10s %9s %9s %9s %7s %8s", "scenario", "variant",
				"requests", "req/s", "p50 ms", "p99 ms", "max ms", "errors", "RSS MB");
		var rule = "-".repeat(header.length());
		out.println();
		out.println(heading);
		out.println(rule);
		out.println(header);
		out.println(rule);
		for (var r : results) {
			out.println(String.format(Locale.ROOT, "%-12s %-8s %9d %10.1f %9.2f %9.2f %9.2f %7d %8s", r.scenario(),
					r.variant(), r.requests(), r.throughput(), r.p50Ms(), r.p99Ms(), r.maxMs(), r.errors(),
					r.appPeakRssMb() < 0 ? "-" : Long.toString(r.appPeakRssMb())));
		}
		out.println(rule);
		for (var s : summaries) {
			out.println(s.text());
		}
		for (var f : failures) {
			out.println("FAILED " + f.get("scenario") + ": " + f.get("error"));
		}
		out.flush();
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
