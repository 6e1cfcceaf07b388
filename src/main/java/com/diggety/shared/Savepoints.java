package com.diggety.shared;

import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a step inside a savepoint of the current transaction: when the step fails, only its own writes roll back and
 * the transaction goes on. A synced batch uses it so one bad event (or a code that can no longer be redeemed) does
 * not undo the good ones around it.
 */
@Component
public class Savepoints {

	private final TransactionTemplate nested;

	Savepoints(PlatformTransactionManager transactions) {
		this.nested = new TransactionTemplate(transactions);
		this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/** Runs {@code step}; on a runtime failure its writes are undone and the failure is rethrown. */
	public <T> T attempt(Supplier<T> step) {
		return nested.execute(status -> step.get());
	}

	public void attempt(Runnable step) {
		nested.executeWithoutResult(status -> step.run());
	}
}
