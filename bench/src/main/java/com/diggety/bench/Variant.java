package com.diggety.bench;

/** One measured workload of a scenario, e.g. the HTTP API or the bare SQL baseline. */
public interface Variant {

	/** The name in the table, e.g. {@code api} or {@code jdbc}. */
	String name();

	/**
	 * A worker for one load thread, created before the warm-up and closed after the measured phase. Anything it
	 * holds (a connection, a random generator) belongs to that thread alone.
	 *
	 * @param index the worker's number, 0 to threads - 1; seed per-worker randomness from it for repeatable runs
	 */
	Worker worker(int index) throws Exception;

	/**
	 * The request-count bound of the measured phase, given the configured one. Override only for a workload so fast
	 * that the configured count would end it in a fraction of a second (an in-process baseline); the time bound
	 * still applies.
	 */
	default long maxRequests(long configured) {
		return configured;
	}

	/**
	 * How many load threads drive it, given the configured number. Override only where the real use has a known,
	 * smaller concurrency (the owner's overview is read by a few office people, not by eight at once); the variant's
	 * name says so.
	 */
	default int threads(int configured) {
		return configured;
	}
}
