package com.diggety.notifications;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.diggety.notifications.internal.SmsRelay;
import com.diggety.shared.AfterCommit;
import com.diggety.shared.CardNumbers;
import com.diggety.shared.Problem;
import com.diggety.shared.Snapshot;
import com.diggety.shared.Sql;

/**
 * Sending texts. A text is written to the outbox in the caller's transaction and leaves only after that commits (a
 * rolled-back order sends nothing), with retries, backoff and a circuit breaker per provider. The caller's reference
 * (derived from its own ids, e.g. {@code order:42:confirm}) makes sending idempotent: the same reference twice is
 * one text.
 */
@Service
public class Sms {

	/** E.164: a plus, a country code and up to fifteen digits in all. */
	public static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

	public static final int MAX_TEXT = 1600;

	/** Where a text stands: PENDING (queued or waiting for a retry), SENT, or FAILED (given up or refused). */
	public record Delivery(String reference, String to, String status, int attempts, Instant createdAt, Instant sentAt,
			String providerId) {
	}

	private static final int REACH_ENTRIES = 10_000;

	/**
	 * Reachability by number, asked by every placement and ordering page, so read at most every 2 s: a text queued
	 * here is seen at once, a text given up elsewhere within 2 s.
	 */
	private final java.util.Map<String, Snapshot<Boolean>> reach = new java.util.concurrent.ConcurrentHashMap<>();
	private final JdbcClient db;
	private final SmsRelay relay;
	private final Executor executor;
	private final SmsSettings settings;

	Sms(JdbcClient db, SmsRelay relay, @Qualifier("applicationTaskExecutor") Executor executor, SmsSettings settings) {
		this.db = db;
		this.relay = relay;
		this.executor = executor;
		this.settings = settings;
	}

	/**
	 * Queues a text to {@code to} (E.164). Returns false when a text with this reference was queued before (nothing
	 * new is sent).
	 */
	@Transactional
	public boolean send(String to, String text, String reference) {
		if (to == null || !E164.matcher(to).matches()) {
			throw Problem.invalid("to", "must be a phone number in E.164 form, like +48600100200");
		}
		if (text == null || text.isBlank()) {
			throw Problem.invalid("text", "must not be empty");
		}
		if (reference == null || reference.isBlank() || reference.length() > 120) {
			throw Problem.invalid("reference", "must be 1 to 120 characters");
		}
		var body = CardNumbers.redact(text.strip());
		if (body.length() > MAX_TEXT) {
			body = body.substring(0, MAX_TEXT);
		}
		var now = Sql.ts(Instant.now());
		int queued = db.sql("""
				INSERT INTO sms_outbox (reference, provider, to_number, from_number, body, status, attempts, next_attempt_at, created_at)
				VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?) ON CONFLICT DO NOTHING""")
				.params(reference, relay.provider(), to, settings.from(), body, now, now).update();
		if (queued == 0) {
			return false;
		}
		long id = db.sql("SELECT id FROM sms_outbox WHERE reference = ?").param(reference).query(Long.class).single();
		var known = reach.get(to);
		if (known != null) {
			known.forget(); // the newest text decides, and this one has not failed
		}
		afterCommit(() -> relay.deliver(id));
		return true;
	}

	/**
	 * Answers an inbound text ("unknown code", "order 42 accepted"). One answer per inbound message: its id is the
	 * reference, so handling the same message again does not answer twice.
	 */
	@Transactional
	public boolean reply(SmsReceived message, String text) {
		if (message.from() == null || !E164.matcher(message.from()).matches()) {
			return false; // short codes and alphanumeric senders cannot be answered
		}
		return send(message.from(), text, "reply:" + message.messageId());
	}

	/**
	 * Whether a text to this number can be expected to arrive: it is a valid number and the last text to it did not
	 * fail for good. A stand whose phone is offline and unreachable by text cannot take online orders.
	 */
	public boolean reachable(String phone) {
		if (phone == null || !E164.matcher(phone).matches()) {
			return false;
		}
		if (reach.size() >= REACH_ENTRIES) {
			reach.clear(); // stands' phones are a few hundred at most; this only bounds a misuse
		}
		return reach.computeIfAbsent(phone, number -> new Snapshot<>(java.time.Duration.ofSeconds(2), () -> db
				.sql("SELECT status FROM sms_outbox WHERE to_number = ? ORDER BY id DESC LIMIT 1").param(number)
				.query(String.class).optional().map(status -> !"FAILED".equals(status)).orElse(true)))
				.get();
	}

	/** The delivery state of the text queued under this reference. */
	public Optional<Delivery> delivery(String reference) {
		return db.sql("SELECT * FROM sms_outbox WHERE reference = ?").param(reference)
				.query((rs, i) -> new Delivery(rs.getString("reference"), rs.getString("to_number"),
						rs.getString("status"), rs.getInt("attempts"), Sql.instant(rs, "created_at"),
						Sql.instant(rs, "sent_at"), rs.getString("provider_id")))
				.optional();
	}

	private void afterCommit(Runnable task) {
		AfterCommit.run(() -> executor.execute(task));
	}
}
