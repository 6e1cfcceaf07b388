package com.diggety.payments;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.diggety.payments.gateway.StripeFormat;
import com.diggety.shared.Sql;

/**
 * The only writer of payments' status. Each move locks the payment's row, goes forward or not at all, stores the
 * change as a row, and (for online payments) publishes the event other modules react to, all in the caller's
 * transaction, so a duplicate or late event, however it arrives, changes nothing and publishes nothing.
 */
@Component
class Ledger {

	private final JdbcClient db;
	private final org.springframework.jdbc.core.JdbcTemplate jdbc;
	private final ApplicationEventPublisher events;

	Ledger(JdbcClient db, org.springframework.jdbc.core.JdbcTemplate jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.db = db;
		this.events = events;
	}

	Optional<Payment> find(UUID id) {
		return db.sql("SELECT * FROM payments WHERE id = ?").param(id).query(PAYMENT).optional();
	}

	Optional<Payment> findByReference(String reference) {
		return db.sql("SELECT * FROM payments WHERE reference = ?").param(reference).query(PAYMENT).optional();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	Optional<Payment> lock(UUID id) {
		return db.sql("SELECT * FROM payments WHERE id = ? FOR UPDATE").param(id).query(PAYMENT).optional();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	Optional<Payment> lockByProvider(String gateway, String providerId) {
		return db.sql("SELECT * FROM payments WHERE gateway = ? AND provider_id = ? FOR UPDATE")
				.params(gateway, providerId).query(PAYMENT).optional();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	Optional<Payment> lockByReference(String reference) {
		return db.sql("SELECT * FROM payments WHERE reference = ? FOR UPDATE").param(reference).query(PAYMENT)
				.optional();
	}

	/**
	 * A new online payment waiting for the customer; its provider is known already when the gateway is local. False,
	 * storing nothing, when the reference has a payment (the caller looks at that one).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean open(UUID id, Payments.Request request, String gateway, String providerId, String checkoutUrl,
			Instant now) {
		int stored = db.sql("""
				INSERT INTO payments (id, reference, channel, method, gateway, provider_id, stand_id, amount_minor,
				 currency, refunded_minor, status, description, return_url, checkout_url, created_at, updated_at)
				VALUES (?, ?, 'ONLINE', 'GATEWAY', ?, ?, ?, ?, ?, 0, 'REQUIRES_PAYMENT', ?, ?, ?, ?, ?)
				ON CONFLICT DO NOTHING""")
				.params(id, request.reference(), gateway, providerId, request.standId(), request.amountMinor(),
						request.currency(), request.description(), request.returnUrl(), checkoutUrl, Sql.ts(now),
						Sql.ts(now))
				.update();
		if (stored == 0) {
			return false;
		}
		history(id, Payment.Status.REQUIRES_PAYMENT, 0, Payment.Source.CHECKOUT, null, null, now);
		return true;
	}

	/** A payment taken at a stand, recorded once per sale however often its event arrives. */
	@Transactional(propagation = Propagation.MANDATORY)
	void recordStand(UUID saleId, long standId, Payment.Method method, long amountMinor, String currency, Instant at) {
		recordStand(List.of(new StandPayment(saleId, standId, method, amountMinor, at)), currency);
	}

	/** A payment taken at a stand: one per sale, keyed by it. */
	record StandPayment(UUID saleId, long standId, Payment.Method method, long amountMinor, Instant at) {
	}

	/** Stand payments in two batched statements; a sale's payment that is stored already is left as it is. */
	@Transactional(propagation = Propagation.MANDATORY)
	void recordStand(List<StandPayment> taken, String currency) {
		var now = Sql.ts(Instant.now());
		var payments = new java.util.ArrayList<Object[]>(taken.size());
		var ids = new java.util.ArrayList<UUID>(taken.size());
		for (var p : taken) {
			var id = UUID.nameUUIDFromBytes(("sale:" + p.saleId()).getBytes(StandardCharsets.UTF_8));
			ids.add(id);
			payments.add(new Object[] { id, standReference(p.saleId()), p.method().name(), p.standId(), p.amountMinor(),
					currency, Sql.ts(p.at()), now });
		}
		int[] inserted = jdbc.batchUpdate("""
				INSERT INTO payments (id, reference, channel, method, stand_id, amount_minor, currency, refunded_minor,
				 status, created_at, updated_at)
				VALUES (?, ?, 'STAND', ?, ?, ?, ?, 0, 'SUCCEEDED', ?, ?) ON CONFLICT DO NOTHING""", payments);
		var uncounted = java.util.Arrays.stream(inserted).anyMatch(n -> n == java.sql.Statement.SUCCESS_NO_INFO);
		// a driver that does not count batch rows (rewritten batches): the new ones are those without history yet
		var recorded = uncounted ? new java.util.HashSet<>(db.sql(
				"SELECT payment_id FROM payment_status_changes WHERE payment_id IN (:ids)").param("ids", ids)
				.query(UUID.class).list()) : java.util.Set.<UUID>of();
		var history = new java.util.ArrayList<Object[]>();
		for (int i = 0; i < inserted.length; i++) {
			if (uncounted ? !recorded.contains(ids.get(i)) : inserted[i] > 0) {
				history.add(new Object[] { ids.get(i), Payment.Status.SUCCEEDED.name(), 0L, Payment.Source.STAND.name(),
						null, null, Sql.ts(taken.get(i).at()) });
			}
		}
		if (!history.isEmpty()) {
			jdbc.batchUpdate(HISTORY_INSERT, history);
		}
	}

	static String standReference(UUID saleId) {
		return "sale:" + saleId;
	}

	/** The provider's id and checkout page of an online payment, once the provider created it. */
	@Transactional(propagation = Propagation.MANDATORY)
	void attach(UUID id, String providerId, String checkoutUrl) {
		db.sql("""
				UPDATE payments SET provider_id = COALESCE(provider_id, ?), checkout_url = COALESCE(?, checkout_url),
				 updated_at = ? WHERE id = ?""")
				.params(providerId, StripeFormat.clip(checkoutUrl, 1000), Sql.ts(Instant.now()), id).update();
	}

	/**
	 * Moves a payment forward to {@code to}; a status at or behind the current one changes nothing.
	 *
	 * @return whether the payment moved
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean advance(UUID id, Payment.Status to, Payment.Source source, String eventId, String reason, Instant at) {
		if (to == Payment.Status.REFUNDED || to == Payment.Status.PARTIALLY_REFUNDED) {
			throw new IllegalArgumentException("refunds move a payment through refundedTo");
		}
		var payment = lock(id).orElseThrow();
		if (!payment.status().mayMoveTo(to)) {
			return false;
		}
		db.sql("UPDATE payments SET status = ?, updated_at = ? WHERE id = ?")
				.params(to.name(), Sql.ts(Instant.now()), id).update();
		history(id, to, payment.refundedMinor(), source, eventId, reason, at);
		if (payment.channel() == Payment.Channel.ONLINE) {
			switch (to) {
				case SUCCEEDED -> events.publishEvent(new PaymentSucceeded(id, payment.reference(), payment.amountMinor()));
				case FAILED -> events.publishEvent(new PaymentFailed(id, payment.reference(), reason == null ? "failed" : reason));
				default -> {
				}
			}
		}
		return true;
	}

	/**
	 * Raises what was refunded of a payment to {@code total} (never lowers it, so refund reports in any order and
	 * any number agree). A refund proves the payment succeeded, so a payment not yet known as paid is moved there
	 * first.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean refundedTo(UUID id, long total, Payment.Source source, String eventId, String reason, Instant at) {
		var payment = lock(id).orElseThrow();
		long capped = Math.min(total, payment.amountMinor());
		if (capped <= payment.refundedMinor() || payment.status() == Payment.Status.VOIDED) {
			return false;
		}
		if (!payment.status().paid()) {
			advance(id, Payment.Status.SUCCEEDED, source, eventId, "a refund shows it was paid", at);
		}
		var status = capped >= payment.amountMinor() ? Payment.Status.REFUNDED : Payment.Status.PARTIALLY_REFUNDED;
		db.sql("UPDATE payments SET refunded_minor = ?, status = ?, updated_at = ? WHERE id = ?")
				.params(capped, status.name(), Sql.ts(Instant.now()), id).update();
		history(id, status, capped, source, eventId, reason, at);
		if (payment.channel() == Payment.Channel.ONLINE) {
			events.publishEvent(new PaymentRefunded(id, payment.reference(), capped - payment.refundedMinor(), capped,
					status == Payment.Status.REFUNDED));
		}
		return true;
	}

	/** What the refunds stored as succeeded add up to. */
	long succeededRefunds(UUID paymentId) {
		return db.sql("SELECT COALESCE(SUM(amount_minor), 0) FROM payment_refunds WHERE payment_id = ? AND status = 'SUCCEEDED'")
				.param(paymentId).query(Long.class).single();
	}

	private static final String HISTORY_INSERT = """
			INSERT INTO payment_status_changes (payment_id, status, refunded_minor, source, event_id, reason, at)
			VALUES (?, ?, ?, ?, ?, ?, ?)""";

	private void history(UUID id, Payment.Status status, long refunded, Payment.Source source, String eventId,
			String reason, Instant at) {
		db.sql(HISTORY_INSERT).params(id, status.name(), refunded, source.name(), eventId, StripeFormat.clip(reason, 200),
						Sql.ts(at == null ? Instant.now() : at))
				.update();
	}

	List<Payment.StatusChange> history(UUID id) {
		return db.sql("SELECT * FROM payment_status_changes WHERE payment_id = ? ORDER BY id").param(id)
				.query((rs, i) -> new Payment.StatusChange(Payment.Status.valueOf(rs.getString("status")),
						rs.getLong("refunded_minor"), Payment.Source.valueOf(rs.getString("source")),
						rs.getString("event_id"), rs.getString("reason"), Sql.instant(rs, "at")))
				.list();
	}

	Optional<Payment.Refund> refund(UUID refundId) {
		return db.sql("SELECT * FROM payment_refunds WHERE id = ?").param(refundId).query(REFUND).optional();
	}

	Optional<Payment.Refund> refundByKey(String key) {
		return db.sql("SELECT * FROM payment_refunds WHERE refund_key = ?").param(key).query(REFUND).optional();
	}

	List<Payment.Refund> refunds(UUID paymentId) {
		return db.sql("SELECT * FROM payment_refunds WHERE payment_id = ? ORDER BY requested_at, id").param(paymentId)
				.query(REFUND).list();
	}

	static final RowMapper<Payment.Refund> REFUND = (rs, i) -> new Payment.Refund(rs.getObject("id", UUID.class),
			rs.getObject("payment_id", UUID.class), rs.getLong("amount_minor"), rs.getString("reason"),
			Payment.RefundStatus.valueOf(rs.getString("status")), rs.getString("provider_id"),
			Sql.instant(rs, "requested_at"), Sql.instant(rs, "completed_at"));

	static final RowMapper<Payment> PAYMENT = (rs, i) -> new Payment(rs.getObject("id", UUID.class),
			rs.getString("reference"), Payment.Channel.valueOf(rs.getString("channel")),
			Payment.Method.valueOf(rs.getString("method")), rs.getString("gateway"), rs.getString("provider_id"),
			(Long) rs.getObject("stand_id", Long.class), rs.getLong("amount_minor"), rs.getString("currency"),
			rs.getLong("refunded_minor"), Payment.Status.valueOf(rs.getString("status")), rs.getString("description"),
			rs.getString("checkout_url"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
}
