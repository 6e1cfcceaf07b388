package com.diggety.notifications.internal;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.diggety.shared.Sql;

/**
 * What the texts' and the e-mails' outboxes share: which messages are due, one attempt at a message (the conditional
 * claim that keeps two workers from sending it at once, and the provider's circuit breaker), and the ways an attempt
 * ends (sent, retry later with back-off, given up).
 */
final class OutboxTable {

	private final JdbcClient db;
	private final String table;

	OutboxTable(JdbcClient db, String table) {
		if (!table.equals("sms_outbox") && !table.equals("mail_outbox")) {
			throw new IllegalArgumentException("not an outbox: " + table);
		}
		this.db = db;
		this.table = table;
	}

	/** Up to 50 pending messages of this provider whose next attempt is due. */
	List<Long> due(String provider, Instant now) {
		return db.sql("SELECT id FROM " + table + " WHERE status = 'PENDING' AND provider = ? AND next_attempt_at <= ?"
				+ " ORDER BY next_attempt_at, id LIMIT 50").params(provider, Sql.ts(now)).query(Long.class).list();
	}

	/** Claims a due message for one attempt, leased until {@code leaseEnd}; false when it is not due or held. */
	private boolean claim(long id, String provider, Instant now, Instant leaseEnd) {
		return db.sql("UPDATE " + table + " SET attempts = attempts + 1, next_attempt_at = ?"
				+ " WHERE id = ? AND status = 'PENDING' AND provider = ? AND next_attempt_at <= ?")
				.params(Sql.ts(leaseEnd), id, provider, Sql.ts(now)).update() == 1;
	}

	/**
	 * One attempt at one message: claims it if it is due and nobody holds it, leaves it waiting untried while the
	 * provider's breaker rests, and hands its id to {@code send} (true when sent). The breaker's slot goes back when
	 * {@code send} throws.
	 */
	boolean attempt(long id, String provider, Instant now, OutboxPolicy policy, CircuitBreaker breaker,
			java.util.function.LongPredicate send) {
		if (!claim(id, provider, now, now.plus(policy.lease()))) {
			return false;
		}
		if (!breaker.tryAcquire()) {
			// the provider is resting after failures: the message waits for it, and this was no attempt
			unclaim(id, breaker.retryAt());
			return false;
		}
		try {
			return send.test(id);
		}
		catch (RuntimeException e) {
			breaker.release();
			throw e;
		}
	}

	/** An attempt that may succeed later: tried again after a back-off, or given up (true) once its attempts are spent. */
	boolean retryOrGiveUp(long id, int attempts, OutboxPolicy policy, Instant now, String reason) {
		if (attempts >= policy.maxAttempts()) {
			failed(id, reason);
			return true;
		}
		retryAt(id, now.plus(Backoff.after(attempts, policy.firstRetry(), policy.maxRetry())), reason);
		return false;
	}

	/** Messages queued for another provider before a switch become this provider's. */
	int adopt(String provider) {
		return db.sql("UPDATE " + table + " SET provider = ? WHERE status = 'PENDING' AND provider <> ?")
				.params(provider, provider).update();
	}

	/** Gives a claimed message back untried (the provider is resting): it waits until {@code at}. */
	private void unclaim(long id, Instant at) {
		db.sql("UPDATE " + table + " SET attempts = attempts - 1, next_attempt_at = ? WHERE id = ?").params(Sql.ts(at), id)
				.update();
	}

	private void retryAt(long id, Instant at, String reason) {
		db.sql("UPDATE " + table + " SET next_attempt_at = ?, last_error = ? WHERE id = ?")
				.params(Sql.ts(at), clip(reason), id).update();
	}

	void failed(long id, String reason) {
		db.sql("UPDATE " + table + " SET status = 'FAILED', last_error = ? WHERE id = ?").params(clip(reason), id)
				.update();
	}

	private static String clip(String text) {
		return text == null || text.length() <= 200 ? text : text.substring(0, 200);
	}
}
