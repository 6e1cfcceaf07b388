package com.diggety.shared;

import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value read at most once per {@code maxAge} for hot paths (the products with their recipes, the ingredients).
 * A change made through this instance calls {@link #forget()} and is seen at once, also after its transaction ends
 * (so a reader inside that transaction cannot keep the old value); other instances see it within {@code maxAge}.
 */
public final class Snapshot<T> {

	private record Taken<T>(T value, long atNanos) {
	}

	private final Supplier<T> reader;
	private final long maxAgeNanos;
	private volatile Taken<T> taken;

	public Snapshot(Duration maxAge, Supplier<T> reader) {
		this.reader = reader;
		this.maxAgeNanos = maxAge.toNanos();
	}

	public T get() {
		var current = taken;
		if (current == null || System.nanoTime() - current.atNanos() > maxAgeNanos) {
			current = new Taken<>(reader.get(), System.nanoTime());
			taken = current;
		}
		return current.value();
	}

	public void forget() {
		taken = null;
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					taken = null;
				}
			});
		}
	}
}
