package com.diggety.bench;

import java.util.List;

/**
 * One benchmark scenario: prepares its data once through the running app, then offers one or more variants that
 * are measured one after the other with the same load settings. Register a new one in {@link Scenarios}.
 */
public interface Scenario {

	/** The name used on the command line and in the results, e.g. {@code nearby}. */
	String name();

	/** One line for {@code bench/run --list}. */
	String description();

	/** Creates whatever the scenario needs (through the API, as a real client would). Runs once, unmeasured. */
	default void setup(BenchContext ctx) throws Exception {
	}

	/** The workloads to measure, in order; each becomes one row of the table. */
	List<Variant> variants(BenchContext ctx) throws Exception;

	/**
	 * Undoes what {@link #setup} left that would change a later scenario's figures (e.g. archives promotions that
	 * would otherwise price every later cart). Runs after the variants, also when one failed, if setup finished.
	 */
	default void teardown(BenchContext ctx) throws Exception {
	}

	/** Derived lines (ratios between variants, targets) printed under the table and stored in the JSON. */
	default List<Summary> summarize(List<Result> results) {
		return List.of();
	}
}
