package com.diggety.notifications.internal;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.diggety.shared.Sql;

/**
 * Moves e-mails from the outbox table to the provider after the transaction that queued them committed. Each attempt
 * first claims the message with a conditional update (so two instances never send it at once); failures back off
 * exponentially with jitter until the attempts run out, and a circuit breaker keeps the outbox waiting while the
 * server is down instead of trying each e-mail against it. No database transaction stays open during a call to the
 * provider. SMTP has no way to ask whether an earlier attempt arrived, so an answer lost after the server took the
 * message may send it twice; that is the usual e-mail trade, and better than losing it.
 */
public class MailRelay {

	private static final Logger log = LoggerFactory.getLogger(MailRelay.class);

	private final JdbcClient db;
	private final OutboxTable outbox;
	private final MailGateway gateway;
	private final CircuitBreaker breaker;
	private final OutboxPolicy policy;
	private final Clock clock;

	public MailRelay(JdbcClient db, MailGateway gateway, CircuitBreaker breaker, OutboxPolicy policy, Clock clock) {
		this.breaker = breaker;
		this.db = db;
		this.outbox = new OutboxTable(db, "mail_outbox");
		this.gateway = gateway;
		this.policy = policy;
		this.clock = clock;
	}

	public String provider() {
		return gateway.name();
	}

	/** E-mails queued for another provider before a switch are this provider's now. */
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
			return outbox.attempt(id, provider(), clock.instant(), policy, breaker, claimed -> {
				var message = db.sql("SELECT * FROM mail_outbox WHERE id = ?").param(claimed)
						.query((rs, i) -> new MailGateway.Message(rs.getLong("id"), rs.getString("reference"),
								rs.getString("to_address"), rs.getString("subject"), rs.getString("body"),
								rs.getInt("attempts")))
						.single();
				return settle(message, gateway.send(message));
			});
		}
		catch (RuntimeException e) {
			log.warn("Delivering e-mail {} failed unexpectedly: {}", id, e.getClass().getSimpleName());
			return false;
		}
	}

	private boolean settle(MailGateway.Message message, MailGateway.Result result) {
		var now = clock.instant();
		if (result.retry()) {
			breaker.failed();
		}
		else {
			breaker.succeeded();
		}
		if (result.sent()) {
			db.sql("UPDATE mail_outbox SET status = 'SENT', sent_at = ?, last_error = NULL WHERE id = ?")
					.params(Sql.ts(now), message.id()).update();
			return true;
		}
		if (!result.retry()) {
			log.warn("Giving up e-mail {}: {}", message.id(), result.reason());
			outbox.failed(message.id(), result.reason());
		}
		else if (outbox.retryOrGiveUp(message.id(), message.attempts(), policy, now, result.reason())) {
			log.warn("Giving up e-mail {} after {} attempts: {}", message.id(), message.attempts(), result.reason());
		}
		return false;
	}

}
