package com.diggety.payments;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.diggety.payments.gateway.ProviderEvent;
import com.diggety.payments.gateway.StripeFormat;
import com.diggety.shared.CardNumbers;
import com.diggety.shared.Sql;

import tools.jackson.databind.ObjectMapper;

/**
 * Verified webhooks wait here, keyed by the provider's event id, until they are applied: at once after they were
 * stored, and by a poller that also retries failures with backoff, so a crash between the 2xx answer and the
 * processing loses nothing. Each event is applied in its own transaction under a row lock ({@code SKIP LOCKED}), so
 * several instances share the work and no event is applied twice; a duplicate never gets in at all.
 */
@Component
class Inbox {

	private static final Logger log = LoggerFactory.getLogger(Inbox.class);
	private static final int BATCH = 50;

	/** What applying an event did, and the payment to read back from the provider when the event left doubt. */
	record Outcome(String text, UUID refresh) {

		static Outcome of(String text) {
			return new Outcome(text, null);
		}
	}

	private final JdbcClient db;
	private final Ledger ledger;
	private final Payments payments;
	private final ObjectMapper json;
	private final TaskExecutor executor;
	private final TransactionTemplate transaction;
	private final AtomicBoolean draining = new AtomicBoolean();
	private final AtomicBoolean again = new AtomicBoolean();

	Inbox(JdbcClient db, Ledger ledger, Payments payments, ObjectMapper json,
			@Qualifier("applicationTaskExecutor") TaskExecutor executor,
			PlatformTransactionManager transactions) {
		this.db = db;
		this.ledger = ledger;
		this.payments = payments;
		this.json = json;
		this.executor = executor;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Keeps a verified event, scrubbed of anything card-like.
	 *
	 * @return false when the event was here already
	 */
	boolean store(String gateway, ProviderEvent event, String payload) {
		var now = Sql.ts(Instant.now());
		return db.sql("""
				INSERT INTO payment_inbox (event_id, gateway, event_type, payload, received_at, attempts, next_attempt_at)
				VALUES (?, ?, ?, ?, ?, 0, ?) ON CONFLICT DO NOTHING""")
				.params(event.id(), gateway, event.type(), CardNumbers.redact(payload), now, now).update() > 0;
	}

	/** Applies what arrived, soon, on another thread. */
	void nudge() {
		executor.execute(this::drain);
	}

	@Scheduled(fixedDelayString = "${diggety.payments.inbox-poll:2s}", initialDelayString = "${diggety.payments.inbox-poll:2s}")
	void poll() {
		drain();
	}

	/** Applies every event that is due. One drain at a time per instance; a nudge during a drain runs it again. */
	void drain() {
		if (!draining.compareAndSet(false, true)) {
			again.set(true);
			return;
		}
		try {
			do {
				again.set(false);
				List<String> due;
				do {
					due = db.sql("""
							SELECT event_id FROM payment_inbox WHERE processed_at IS NULL AND next_attempt_at <= ?
							ORDER BY received_at LIMIT ?""").params(Sql.ts(Instant.now()), BATCH)
							.query(String.class).list();
					due.forEach(this::process);
				}
				while (due.size() == BATCH);
			}
			while (again.get());
		}
		finally {
			draining.set(false);
		}
	}

	private void process(String eventId) {
		UUID refresh;
		try {
			refresh = transaction.execute(status -> {
				var row = db.sql("""
						SELECT gateway, payload FROM payment_inbox WHERE event_id = ? AND processed_at IS NULL
						FOR UPDATE SKIP LOCKED""").param(eventId)
						.query((rs, i) -> new String[] { rs.getString("gateway"), rs.getString("payload") }).optional();
				if (row.isEmpty()) {
					return null; // applied meanwhile, or another instance is at it
				}
				var event = ProviderEvent.parse(json, row.get()[1]);
				var outcome = event == null ? Outcome.of("not an event") : apply(row.get()[0], event);
				db.sql("UPDATE payment_inbox SET processed_at = ?, attempts = attempts + 1, outcome = ? WHERE event_id = ?")
						.params(Sql.ts(Instant.now()), StripeFormat.clip(outcome.text(), 200), eventId).update();
				return outcome.refresh();
			});
		}
		catch (RuntimeException e) {
			failed(eventId, e);
			return;
		}
		if (refresh != null) {
			try {
				payments.refresh(refresh);
			}
			catch (RuntimeException e) {
				log.warn("Could not read payment {} back from the provider: {}", refresh, e.getMessage());
			}
		}
	}

	private void failed(String eventId, RuntimeException e) {
		log.warn("Applying payment event {} failed, will retry: {}", eventId, e.toString());
		try {
			var attempts = db.sql("SELECT attempts FROM payment_inbox WHERE event_id = ?").param(eventId)
					.query(Integer.class).single() + 1;
			var wait = Duration.ofSeconds(Math.min(3600, 1L << Math.min(attempts, 12)));
			db.sql("UPDATE payment_inbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE event_id = ?")
					.params(attempts, Sql.ts(Instant.now().plus(wait)),
							StripeFormat.clip(CardNumbers.redact(e.getClass().getSimpleName() + ": " + e.getMessage()), 500),
							eventId)
					.update();
		}
		catch (RuntimeException alsoFailed) {
			log.warn("Could not record the failure of payment event {}: {}", eventId, alsoFailed.toString());
		}
	}

	/** Moves our payment forward as far as the event proves. Any order, any number of times: the same end. */
	Outcome apply(String gateway, ProviderEvent event) {
		if (event.object() == null) {
			return Outcome.of("no object");
		}
		Payment payment = null;
		if (event.paymentId() != null) {
			payment = ledger.lock(event.paymentId()).filter(p -> gateway.equals(p.gateway())).orElse(null);
		}
		var providerPaymentId = event.providerPaymentId();
		if (payment == null && providerPaymentId != null) {
			payment = ledger.lockByProvider(gateway, providerPaymentId).orElse(null);
		}
		if (payment == null) {
			return Outcome.of("not one of our payments");
		}
		var id = payment.id();
		if (providerPaymentId != null && payment.providerId() == null) {
			// the webhook came before our own call to create it returned
			ledger.attach(id, providerPaymentId, null);
		}
		else if (providerPaymentId != null && !providerPaymentId.equals(payment.providerId())) {
			return new Outcome("about another provider payment " + StripeFormat.clip(providerPaymentId, 60), id);
		}
		var at = event.created() > 0 ? Instant.ofEpochSecond(event.created()) : Instant.now();
		var object = event.object();
		return switch (event.type()) {
			case "payment_intent.succeeded" -> {
				if (object.path("amount").asLong(-1) != payment.amountMinor()) {
					yield new Outcome("the amount differs from ours", id);
				}
				yield moved(ledger.advance(id, Payment.Status.SUCCEEDED, Payment.Source.WEBHOOK, event.id(), null, at));
			}
			case "payment_intent.processing" ->
				moved(ledger.advance(id, Payment.Status.PROCESSING, Payment.Source.WEBHOOK, event.id(), null, at));
			case "payment_intent.payment_failed", "payment_intent.canceled" -> moved(ledger.advance(id,
					Payment.Status.FAILED, Payment.Source.WEBHOOK, event.id(),
					Objects.requireNonNullElse(StripeFormat.failure(object), "declined"), at));
			case "payment_intent.created", "payment_intent.requires_action", "charge.succeeded", "charge.updated",
					"charge.pending", "charge.failed" -> Outcome.of("nothing to do");
			case "charge.refunded" -> moved(ledger.refundedTo(id, object.path("amount_refunded").asLong(0),
					Payment.Source.WEBHOOK, event.id(), null, at));
			case "refund.created", "refund.updated", "refund.failed", "charge.refund.updated" -> refund(event, id, at);
			default -> event.type().startsWith("payment_intent.")
					? new Outcome("unknown kind, read back from the provider", id)
					: Outcome.of("ignored");
		};
	}

	private Outcome refund(ProviderEvent event, UUID paymentId, Instant at) {
		var ours = event.refundId() == null ? null
				: ledger.refund(event.refundId()).filter(r -> r.paymentId().equals(paymentId)).orElse(null);
		if (ours == null) {
			// a refund made elsewhere (the provider's dashboard): what the payment says counts
			return new Outcome("a refund we did not ask for, read back from the provider", paymentId);
		}
		payments.settle(ours.id(), StripeFormat.refund(event.object()), event.id(), at);
		return Outcome.of("refund " + ours.id() + " is " + StripeFormat.text(event.object(), "status"));
	}

	private static Outcome moved(boolean moved) {
		return Outcome.of(moved ? "applied" : "nothing new");
	}
}
