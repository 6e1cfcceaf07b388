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

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AfterCommit.class);

	/**
	 * Runs {@code action} after the current transaction commits (never on rollback), or at once outside one. A
	 * failure of the action is logged, never thrown: the change it reacts to is committed and stays so.
	 */
	public static void run(Runnable action) {
		Runnable guarded = () -> {
			try {
				action.run();
			}
			catch (RuntimeException e) {
				log.warn("An after-commit reaction failed: {}", e.toString());
			}
		};
		if (TransactionSynchronizationManager.isActualTransactionActive()
				&& TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					guarded.run();
				}
			});
		}
		else {
			guarded.run();
		}
	}
}
