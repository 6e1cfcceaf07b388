package com.diggety.bench;

/** Sends one request at a time from a single load thread. */
@FunctionalInterface
public interface Worker extends AutoCloseable {

	/**
	 * Does one request and waits for its complete answer.
	 *
	 * @return true when the answer is what the scenario expects; false (or an exception) counts as an error
	 */
	boolean call() throws Exception;

	@Override
	default void close() throws Exception {
	}
}
