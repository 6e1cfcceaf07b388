package com.diggety.notifications.internal;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.diggety.shared.Sql;

/**
 * The statements the texts' and the e-mails' outboxes share: which messages are due, the conditional claim that
 * keeps two workers from sending one message, and the three ways an attempt ends (sent, retry later, given up).
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
	boolean claim(long id, String provider, Instant now, Instant leaseEnd) {
		return db.sql("UPDATE " + table + " SET attempts = attempts + 1, next_attempt_at = ?"
				+ " WHERE id = ? AND status = 'PENDING' AND provider = ? AND next_attempt_at <= ?")
				.params(Sql.ts(leaseEnd), id, provider, Sql.ts(now)).update() == 1;
	}

	/** Messages queued for another provider before a switch become this provider's. */
	int adopt(String provider) {
		return db.sql("UPDATE " + table + " SET provider = ? WHERE status = 'PENDING' AND provider <> ?")
				.params(provider, provider).update();
	}

	/** Gives a claimed message back untried (the provider is resting): it waits until {@code at}. */
	void unclaim(long id, Instant at) {
		db.sql("UPDATE " + table + " SET attempts = attempts - 1, next_attempt_at = ? WHERE id = ?").params(Sql.ts(at), id)
				.update();
	}

	void retryAt(long id, Instant at, String reason) {
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
