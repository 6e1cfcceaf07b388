package com.diggety.notifications.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.diggety.shared.Sql;

/**
 * Moves texts from the outbox table to the provider, after the transaction that queued them committed. Each attempt
 * first claims the message with a conditional update (so two instances never send it at once), a retry first asks
 * the provider whether an earlier attempt went through, failures back off exponentially with jitter, and the
 * provider's circuit breaker keeps the outbox waiting while the provider is down. No database transaction stays open
 * during a call to the provider.
 */
public class SmsRelay {

	private static final Logger log = LoggerFactory.getLogger(SmsRelay.class);

	/** A message's delivery state, as callers may ask for it by their reference. */
	public record Delivery(long id, String reference, String to, String status, int attempts, Instant createdAt,
			Instant sentAt, String providerId, String lastError) {
	}

	private final JdbcClient db;
	private final OutboxTable outbox;
	private final SmsGateway gateway;
	private final CircuitBreaker breaker;
	private final OutboxPolicy policy;
	private final Clock clock;

	public SmsRelay(JdbcClient db, SmsGateway gateway, CircuitBreaker breaker, OutboxPolicy policy, Clock clock) {
		this.db = db;
		this.outbox = new OutboxTable(db, "sms_outbox");
		this.gateway = gateway;
		this.breaker = breaker;
		this.policy = policy;
		this.clock = clock;
	}

	public String provider() {
		return gateway.name();
	}

	public CircuitBreaker breaker() {
		return breaker;
	}

	/** Messages queued for another provider before a switch are this provider's now. */
	public int adoptPending() {
		return outbox.adopt(provider());
	}

	/** Attempts every message that is due; the scheduler calls it, tests may too. */
	public int deliverDue() {
		return (int) outbox.due(provider(), clock.instant()).stream().filter(this::deliver).count();
	}

	/** One attempt at one message, if it is due and nobody else holds it. True when it is sent now. */
	public boolean deliver(long id) {
		try {
			return outbox.attempt(id, provider(), clock.instant(), policy, breaker,
					claimed -> call(message(claimed).orElseThrow()));
		}
		catch (RuntimeException e) {
			log.warn("Delivering text {} failed unexpectedly: {}", id, e.getClass().getSimpleName());
			return false;
		}
	}

	private boolean call(SmsGateway.Message message) {
		SmsGateway.Result result;
		if (message.attempts() > 1) {
			try {
				var earlier = gateway.find(message);
				result = earlier.isPresent() ? new SmsGateway.Sent(earlier.get()) : gateway.send(message);
			}
			catch (SmsGateway.LookupFailed e) {
				result = new SmsGateway.Retry(e.getMessage());
			}
		}
		else {
			result = gateway.send(message);
		}
		return settle(message, result);
	}

	private boolean settle(SmsGateway.Message message, SmsGateway.Result result) {
		var now = clock.instant();
		if (result instanceof SmsGateway.Sent sent) {
			breaker.succeeded();
			db.sql("UPDATE sms_outbox SET status = 'SENT', sent_at = ?, provider_id = ?, last_error = NULL WHERE id = ?")
					.params(Sql.ts(now), clip(sent.providerId(), 64), message.id()).update();
			return true;
		}
		if (result instanceof SmsGateway.Rejected rejected) {
			breaker.succeeded();
			outbox.failed(message.id(), rejected.reason());
			return false;
		}
		breaker.failed();
		var reason = ((SmsGateway.Retry) result).reason();
		if (outbox.retryOrGiveUp(message.id(), message.attempts(), policy, now, reason)) {
			log.warn("Giving up text {} after {} attempts: {}", message.id(), message.attempts(), reason);
		}
		return false;
	}

	private Optional<SmsGateway.Message> message(long id) {
		return db.sql("SELECT * FROM sms_outbox WHERE id = ?").param(id)
				.query((rs, i) -> new SmsGateway.Message(rs.getLong("id"), rs.getString("reference"),
						rs.getString("to_number"), rs.getString("from_number"), rs.getString("body"),
						Sql.instant(rs, "created_at"), rs.getInt("attempts")))
				.optional();
	}

	public Optional<Delivery> delivery(String reference) {
		return db.sql("SELECT * FROM sms_outbox WHERE reference = ?").param(reference)
				.query((rs, i) -> new Delivery(rs.getLong("id"), rs.getString("reference"), rs.getString("to_number"),
						rs.getString("status"), rs.getInt("attempts"), Sql.instant(rs, "created_at"),
						Sql.instant(rs, "sent_at"), rs.getString("provider_id"), rs.getString("last_error")))
				.optional();
	}

	private static String clip(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max);
	}
}
