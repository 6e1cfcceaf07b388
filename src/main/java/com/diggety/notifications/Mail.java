package com.diggety.notifications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.diggety.notifications.internal.MailRelay;
import com.diggety.shared.AfterCommit;
import com.diggety.shared.CardNumbers;
import com.diggety.shared.Problem;
import com.diggety.shared.Sql;

/**
 * E-mails to customers. A message is queued in the caller's transaction and handed to the provider after it
 * committed (a rolled-back change sends nothing); a reference derived from the caller's own ids (e.g.
 * {@code order:<id>:ready}) makes sending idempotent: the same reference twice sends once.
 */
@Service
public class Mail {

	/** Good enough to refuse what is surely not an address; the provider has the last word. */
	public static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	/** An e-mail as the outbox keeps it, for the office. */
	public record Outgoing(long id, String reference, String provider, String to, String subject, String body,
			String status, int attempts, Instant createdAt, Instant sentAt, String lastError) {
	}

	private final JdbcClient db;
	private final MailRelay relay;
	private final Executor executor;

	Mail(JdbcClient db, MailRelay relay, @Qualifier("applicationTaskExecutor") Executor executor) {
		this.db = db;
		this.relay = relay;
		this.executor = executor;
	}

	/** Queues an e-mail; false when one with this reference was queued before (nothing new is sent). */
	@Transactional
	public boolean send(String to, String subject, String text, String reference) {
		var errors = new ArrayList<Problem.FieldError>();
		if (to == null || to.length() > 254 || !ADDRESS.matcher(to).matches()) {
			errors.add(new Problem.FieldError("to", "is not an e-mail address"));
		}
		if (subject == null || subject.isBlank() || subject.length() > 200) {
			errors.add(new Problem.FieldError("subject", "must be 1 to 200 characters"));
		}
		if (text == null || text.isBlank()) {
			errors.add(new Problem.FieldError("text", "must not be empty"));
		}
		if (reference == null || reference.isBlank() || reference.length() > 120) {
			errors.add(new Problem.FieldError("reference", "must be 1 to 120 characters"));
		}
		if (!errors.isEmpty()) {
			throw Problem.invalid(errors);
		}
		var body = CardNumbers.redact(text.strip());
		if (body.length() > 4000) {
			body = body.substring(0, 4000);
		}
		var now = Sql.ts(Instant.now());
		int queued = db.sql("""
				INSERT INTO mail_outbox (reference, provider, to_address, subject, body, status, attempts, next_attempt_at,
				 created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?) ON CONFLICT DO NOTHING""")
				.params(reference, relay.provider(), to, subject.strip(), body, now, now).update();
		if (queued == 0) {
			return false;
		}
		long id = db.sql("SELECT id FROM mail_outbox WHERE reference = ?").param(reference).query(Long.class).single();
		AfterCommit.run(() -> executor.execute(() -> relay.deliver(id)));
		return true;
	}

	/** The outbox, newest first, optionally for one address (the office's view; the sandbox's "inbox"). */
	public List<Outgoing> outbox(String to, int limit) {
		var sql = "SELECT * FROM mail_outbox" + (to == null ? "" : " WHERE to_address = :to") + " ORDER BY id DESC LIMIT "
				+ Math.max(1, Math.min(limit, 1000));
		var spec = db.sql(sql);
		if (to != null) {
			spec = spec.param("to", to);
		}
		return spec.query((rs, i) -> new Outgoing(rs.getLong("id"), rs.getString("reference"), rs.getString("provider"),
				rs.getString("to_address"), rs.getString("subject"), rs.getString("body"), rs.getString("status"),
				rs.getInt("attempts"), Sql.instant(rs, "created_at"), Sql.instant(rs, "sent_at"),
				rs.getString("last_error"))).list();
	}
}
