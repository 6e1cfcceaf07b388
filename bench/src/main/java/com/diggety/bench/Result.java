package com.diggety.bench;

/**
 * The figures of one measured variant.
 *
 * @param scenario     scenario name
 * @param variant      variant name
 * @param threads      concurrent workers
 * @param requests     requests finished in the measured phase, errors included
 * @param errors       requests that failed or gave an unexpected answer
 * @param seconds      wall time of the measured phase
 * @param throughput   requests per second (requests / seconds)
 * @param meanMs       mean latency of the successful requests
 * @param p50Ms        median latency of the successful requests
 * @param p90Ms        90th percentile
 * @param p99Ms        99th percentile
 * @param maxMs        slowest successful request
 * @param appPeakRssMb the app's peak resident memory since it started (VmHWM), read after this variant; -1 if unknown
 * @param firstError   what the first error was, or null
 */
public record Result(String scenario, String variant, int threads, long requests, long errors, double seconds,
		double throughput, double meanMs, double p50Ms, double p90Ms, double p99Ms, double maxMs, long appPeakRssMb,
		String firstError) {
}
