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
 * @param appCpu       the app's CPU use during the measured phase, in cores (1.0 = one core all the time)
 * @param loadGenCpu   the load generator's own CPU use (its HTTP client, bookkeeping, an in-process workload)
 * @param dbCpu        PostgreSQL's CPU use (all its processes)
 * @param kernelCpu    the kernel's: its threads, interrupts (loopback networking), steal, processes too short to see
 * @param otherCpu     every other program's (a build, a browser test): more than 0.10
 *                     cores means the row was skewed
 * @param firstError   what the first error was, or null
 */
public record Result(String scenario, String variant, int threads, long requests, long errors, double seconds,
		double throughput, double meanMs, double p50Ms, double p90Ms, double p99Ms, double maxMs, long appPeakRssMb,
		double appCpu, double loadGenCpu, double dbCpu, double kernelCpu, double otherCpu,
		String firstError) {
}
