package com.diggety.bench;

/**
 * A variant that is one fixed piece of work rather than a closed loop bounded by time (a backlog of 10,000 events,
 * 200 sales in a browser): no warm-up, no worker threads from the runner; it does its work in {@link #measure} and
 * says what it did. The runner measures the CPU split around it and makes a table row of it.
 */
public interface OneShot extends Variant {

	/** Does the work once and reports it. */
	Measurement measure() throws Exception;

	/**
	 * Runs after the row's CPU split was taken: what should be waited for but not counted (asynchronous work the
	 * measured requests started, timed by the variant itself).
	 */
	default void afterMeasured() throws Exception {
	}

	@Override
	default Worker worker(int index) {
		throw new UnsupportedOperationException(name() + " runs once, without workers");
	}

	/**
	 * What a one-shot variant did.
	 *
	 * @param threads        how many requests it had in flight at most
	 * @param units          what the requests/s column counts (events, calls): the row's "requests"
	 * @param errors         failed units or requests
	 * @param seconds        wall time of the measured work
	 * @param latenciesNanos the latencies the p50/p99/max columns are made of (per batch, per call)
	 * @param firstError     the first failure, or null
	 */
	record Measurement(int threads, long units, long errors, double seconds, long[] latenciesNanos, String firstError) {
	}
}
