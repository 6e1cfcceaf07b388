package com.diggety.shared;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs in-memory reactions (a WebSocket nudge, dropping a cache) once the change that caused them is committed.
 * Unlike a {@code @TransactionalEventListener}, which Spring Modulith records as an event publication (a row written
 * and completed on a second pooled connection while the first is still held), this writes nothing: under load, 50
 * syncing phones no longer wait on each other for connections just to send a nudge.
 */
public final class AfterCommit {

	private AfterCommit() {
	}

	/** Runs {@code action} after the current transaction commits (never on rollback), or at once outside one. */
	public static void run(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					action.run();
				}
			});
		}
		else {
			action.run();
		}
	}
}
