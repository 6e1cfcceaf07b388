package com.diggety.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives one variant with a fixed pool of platform threads, each with one request in flight: a warm-up bounded by
 * time, then a measured phase bounded by time and by request count. Every loop ends on its own; a stuck request
 * ends with its client's timeout (10 s).
 */
final class LoadRunner {

	/** Other programs' CPU above this (in cores) during a measured phase skews its figures. */
	static final double NOISE_CORES = 0.10;

	private final Settings settings;
	private final AppProcess app;
	private final CpuMeter cpu;

	LoadRunner(Settings settings, AppProcess app) {
		this.settings = settings;
		this.app = app;
		this.cpu = new CpuMeter(app);
	}

	Result run(String scenario, Variant variant) throws Exception {
		if (variant instanceof OneShot once) {
			return runOnce(scenario, once);
		}
		int threads = variant.threads(settings.threads());
		var workers = new ArrayList<Worker>(threads);
		ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
			var thread = new Thread(r, "bench-" + scenario + "-" + variant.name());
			thread.setDaemon(true);
			return thread;
		});
		try {
			for (int i = 0; i < threads; i++) {
				workers.add(variant.worker(i));
			}
			var warmup = phase(pool, workers, settings.warmupSeconds(), Long.MAX_VALUE);
			BenchContext.log("%s/%s warm-up: %d requests, %d errors in %.1f s", scenario, variant.name(),
					warmup.requests(), warmup.errors(), warmup.seconds());
			var measured = phase(pool, workers, settings.durationSeconds(), variant.maxRequests(settings.maxRequests()));
			var result = measured.toResult(scenario, variant.name(), threads, app.peakRssMb());
			BenchContext.log("%s/%s measured: %d requests in %.1f s, %.1f req/s, p50 %.4f ms, p99 %.4f ms, %d errors, "
					+ "CPU cores app %.2f, load generator %.2f, PostgreSQL %.2f, kernel %.2f, other programs %.2f%s",
					scenario, variant.name(), result.requests(), result.seconds(), result.throughput(), result.p50Ms(),
					result.p99Ms(), result.errors(), result.appCpu(), result.loadGenCpu(), result.dbCpu(),
					result.kernelCpu(), result.otherCpu(),
					result.firstError() == null ? "" : " (first: " + result.firstError() + ")");
			if (result.otherCpu() > NOISE_CORES) {
				BenchContext.log("%s/%s: WARNING %.2f cores went to other programs during the measured phase (busiest, "
						+ "in cores: %s); this row is skewed, rerun on a quiet machine", scenario, variant.name(),
						result.otherCpu(), measured.busiestOthers());
			}
			return result;
		}
		finally {
			pool.shutdownNow();
			pool.awaitTermination(15, TimeUnit.SECONDS);
			for (var worker : workers) {
				try {
					worker.close();
				}
				catch (Exception e) {
					BenchContext.log("closing a worker failed: %s", e);
				}
			}
		}
	}

	/** A one-shot variant: no warm-up, no workers; the CPU split around its work. */
	private Result runOnce(String scenario, OneShot variant) throws Exception {
		var cpuBefore = cpu.sample();
		var m = variant.measure();
		var cpuUse = CpuMeter.between(cpuBefore, cpu.sample());
		var phase = new Phase(m.units(), m.errors(), m.seconds(), m.latenciesNanos().clone(), cpuUse, m.firstError());
		var result = phase.toResult(scenario, variant.name(), m.threads(), app.peakRssMb());
		BenchContext.log("%s/%s measured: %d units in %.2f s, %.1f units/s, p50 %.4f ms, p99 %.4f ms, %d errors, "
				+ "CPU cores app %.2f, load generator %.2f, PostgreSQL %.2f, kernel %.2f, other programs %.2f%s",
				scenario, variant.name(), result.requests(), result.seconds(), result.throughput(), result.p50Ms(),
				result.p99Ms(), result.errors(), result.appCpu(), result.loadGenCpu(), result.dbCpu(),
				result.kernelCpu(), result.otherCpu(),
				result.firstError() == null ? "" : " (first: " + result.firstError() + ")");
		variant.afterMeasured();
		return result;
	}

	private record Phase(long requests, long errors, double seconds, long[] latenciesNanos, CpuMeter.Use cpu,
			String firstError) {

		String busiestOthers() {
			return cpu.busiestOthers();
		}

		Result toResult(String scenario, String variant, int threads, long rssMb) {
			Arrays.sort(latenciesNanos);
			double mean = Arrays.stream(latenciesNanos).average().orElse(Double.NaN) / 1e6;
			return new Result(scenario, variant, threads, requests, errors, seconds,
					seconds > 0 ? requests / seconds : 0, mean, percentile(0.50), percentile(0.90), percentile(0.99),
					latenciesNanos.length == 0 ? Double.NaN : latenciesNanos[latenciesNanos.length - 1] / 1e6, rssMb,
					cpu.app(), cpu.loadGenerator(), cpu.database(), cpu.kernel(), cpu.other(), firstError);
		}

		/** Nearest rank on the sorted latencies, in milliseconds. */
		private double percentile(double p) {
			if (latenciesNanos.length == 0) {
				return Double.NaN;
			}
			int rank = (int) Math.ceil(p * latenciesNanos.length);
			return latenciesNanos[Math.max(0, rank - 1)] / 1e6;
		}
	}

	/** Per-thread latencies, growing as needed; only its own thread writes it. */
	private static final class Samples {
		long[] nanos = new long[4096];
		int size;
		long errors;

		void add(long value) {
			if (size == nanos.length) {
				nanos = Arrays.copyOf(nanos, size * 2);
			}
			nanos[size++] = value;
		}
	}

	private Phase phase(ExecutorService pool, List<Worker> workers, double seconds, long maxRequests)
			throws InterruptedException, ExecutionException {
		var tickets = new AtomicLong();
		var firstError = new AtomicReference<String>();
		var cpuBefore = cpu.sample();
		long start = System.nanoTime();
		long deadline = start + (long) (seconds * 1e9);
		var futures = new ArrayList<Future<Samples>>();
		for (var worker : workers) {
			futures.add(pool.submit(() -> {
				var samples = new Samples();
				while (System.nanoTime() < deadline && tickets.getAndIncrement() < maxRequests
						&& !Thread.currentThread().isInterrupted()) {
					long t0 = System.nanoTime();
					boolean ok;
					try {
						ok = worker.call();
						if (!ok) {
							firstError.compareAndSet(null, "unexpected answer");
						}
					}
					catch (InterruptedException e) {
						Thread.currentThread().interrupt();
						break;
					}
					catch (Exception e) {
						ok = false;
						firstError.compareAndSet(null, e.toString());
					}
					long elapsed = System.nanoTime() - t0;
					if (ok) {
						samples.add(elapsed);
					}
					else {
						samples.errors++;
					}
				}
				return samples;
			}));
		}
		var all = new ArrayList<Samples>();
		for (var future : futures) {
			all.add(future.get());
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		var cpuUse = CpuMeter.between(cpuBefore, cpu.sample());
		int total = all.stream().mapToInt(s -> s.size).sum();
		var latencies = new long[total];
		int at = 0;
		long errors = 0;
		for (var samples : all) {
			System.arraycopy(samples.nanos, 0, latencies, at, samples.size);
			at += samples.size;
			errors += samples.errors;
		}
		return new Phase(total + errors, errors, elapsed, latencies, cpuUse, firstError.get());
	}
}
