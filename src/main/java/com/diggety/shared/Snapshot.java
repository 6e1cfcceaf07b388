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
	/** Grows at every {@link #forget()}: a read that began before one is answered but not kept. */
	private final java.util.concurrent.atomic.AtomicLong forgotten = new java.util.concurrent.atomic.AtomicLong();

	public Snapshot(Duration maxAge, Supplier<T> reader) {
		this.reader = reader;
		this.maxAgeNanos = maxAge.toNanos();
	}

	public T get() {
		var current = taken;
		if (current == null || System.nanoTime() - current.atNanos() > maxAgeNanos) {
			long generation = forgotten.get();
			long startedAt = System.nanoTime(); // its age counts from before the read, not after
			current = new Taken<>(reader.get(), startedAt);
			if (forgotten.get() == generation) {
				taken = current;
			}
		}
		return current.value();
	}

	public void forget() {
		forgotten.incrementAndGet();
		taken = null;
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					forgotten.incrementAndGet();
					taken = null;
				}
			});
		}
	}
}
