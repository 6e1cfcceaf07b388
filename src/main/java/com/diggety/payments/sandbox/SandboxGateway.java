package com.diggety.payments.sandbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.diggety.payments.Payment;
import com.diggety.payments.gateway.Gateway;
import com.diggety.payments.gateway.GatewayException;
import com.diggety.payments.gateway.Intent;
import com.diggety.payments.gateway.IntentOrder;
import com.diggety.payments.gateway.ProviderRefund;
import com.diggety.payments.gateway.RefundOrder;
import com.diggety.payments.gateway.StripeFormat;
import com.diggety.shared.Sql;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The sandbox as a provider: its own payment intents and refunds (in its own tables, never read by the rest of the
 * module), idempotent by key like the real thing, moved by the customer's choice on the checkout page, and told to
 * us only through signed webhooks and reads, exactly as a provider would.
 */
@Component
@ConditionalOnProperty(name = "diggety.payments.gateway", havingValue = "sandbox", matchIfMissing = true)
class SandboxGateway implements Gateway {

	static final String REQUIRES_PAYMENT_METHOD = "requires_payment_method";
	static final String PROCESSING = "processing";
	static final String SUCCEEDED = "succeeded";
	/** The sandbox's hosted checkout page of an intent: this path and the intent's id. */
	private static final String CHECKOUT = "/sandbox/checkout/";

	/** One of the sandbox's payment intents. */
	record SandboxIntent(String id, UUID paymentId, String reference, long amountMinor, String currency,
			String description, String returnUrl, String status, String failure, long amountRefunded) {
	}

	private final JdbcClient db;
	private final SandboxWebhooks webhooks;
	private final TransactionTemplate transaction;
	private final ObjectMapper mapper;

	SandboxGateway(JdbcClient db, SandboxWebhooks webhooks, PlatformTransactionManager transactions, ObjectMapper mapper) {
		this.db = db;
		this.webhooks = webhooks;
		this.mapper = mapper;
		this.transaction = new TransactionTemplate(transactions);
	}

	@Override
	public String key() {
		return "sandbox";
	}

	@Override
	public String name() {
		return "Sandbox";
	}

	/** Its intents live in our database: creating one joins the caller's transaction, its webhook leaves after. */
	@Override
	public Optional<Intent> planned(IntentOrder order) {
		var id = intentId(order.paymentId());
		return Optional.of(new Intent(id, Payment.Status.REQUIRES_PAYMENT, order.amountMinor(), order.currency(), 0,
				CHECKOUT + id, order.paymentId(), null));
	}

	/** One intent per payment, named after it, as the idempotency key is. */
	private static String intentId(UUID paymentId) {
		return "pi_sbx_" + paymentId.toString().replace("-", "");
	}

	@Override
	public Intent create(IntentOrder order) {
		var now = Sql.ts(Instant.now());
		var id = intentId(order.paymentId());
		int created = db.sql("""
				INSERT INTO payment_sandbox_intents (id, idempotency_key, payment_id, reference, amount_minor, currency,
				 description, return_url, status, amount_refunded, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT DO NOTHING""")
				.params(id, order.idempotencyKey(), order.paymentId(), order.reference(),
						order.amountMinor(), order.currency(), order.description(), order.returnUrl(),
						REQUIRES_PAYMENT_METHOD, now, now)
				.update();
		var intent = created > 0 // just stored as it is here; a repeated key reads what the first request stored
				? new SandboxIntent(id, order.paymentId(), order.reference(), order.amountMinor(), order.currency(),
						order.description(), order.returnUrl(), REQUIRES_PAYMENT_METHOD, null, 0)
				: db.sql("SELECT * FROM payment_sandbox_intents WHERE idempotency_key = ?")
						.param(order.idempotencyKey()).query(ROW).single();
		if (intent.amountMinor() != order.amountMinor() || !intent.currency().equals(order.currency())) {
			throw new GatewayException("The idempotency key " + order.idempotencyKey() + " was used for another amount", false);
		}
		if (created > 0) {
			webhooks.send("payment_intent.created", json(intent));
			return planned(order).orElseThrow(); // as just stored: waiting for the customer, nothing refunded
		}
		return intent(intent);
	}

	@Override
	public Optional<Intent> lookup(String reference, UUID paymentId) {
		return db.sql("SELECT * FROM payment_sandbox_intents WHERE reference = ? AND payment_id = ?")
				.params(reference, paymentId).query(ROW).optional().map(this::intent);
	}

	@Override
	public Intent retrieve(String providerId) {
		return find(providerId).map(this::intent)
				.orElseThrow(() -> new GatewayException("No such payment intent: " + providerId, false));
	}

	Optional<SandboxIntent> find(String id) {
		return db.sql("SELECT * FROM payment_sandbox_intents WHERE id = ?").param(id).query(ROW).optional();
	}

	/** The customer pressed "Pay": processing, then succeeded, each told by its own webhook. */
	SandboxIntent pay(String id) {
		if (moved(id, PROCESSING, null, REQUIRES_PAYMENT_METHOD)) {
			webhooks.send("payment_intent.processing", json(find(id).orElseThrow()));
		}
		if (moved(id, SUCCEEDED, null, PROCESSING)) {
			webhooks.send("payment_intent.succeeded", json(find(id).orElseThrow()));
		}
		return find(id).orElseThrow();
	}

	/** The customer pressed "Decline": the attempt fails and the intent waits for another one, as Stripe's does. */
	SandboxIntent decline(String id) {
		if (moved(id, REQUIRES_PAYMENT_METHOD, "Your card was declined (sandbox)", REQUIRES_PAYMENT_METHOD)) {
			webhooks.send("payment_intent.payment_failed", json(find(id).orElseThrow()));
		}
		return find(id).orElseThrow();
	}

	private boolean moved(String id, String to, String failure, String from) {
		return db.sql("UPDATE payment_sandbox_intents SET status = ?, failure = ?, updated_at = ? WHERE id = ? AND status = ?")
				.params(to, failure, Sql.ts(Instant.now()), id, from).update() > 0;
	}

	@Override
	public ProviderRefund refund(RefundOrder order) {
		record Done(ProviderRefund refund, SandboxIntent intent, boolean created) {
		}
		var done = transaction.execute(status -> {
			var intent = db.sql("SELECT * FROM payment_sandbox_intents WHERE id = ? FOR UPDATE")
					.param(order.providerPaymentId()).query(ROW).optional()
					.orElseThrow(() -> new GatewayException("No such payment intent: " + order.providerPaymentId(), false));
			var earlier = db.sql("SELECT id, amount_minor FROM payment_sandbox_refunds WHERE idempotency_key = ?")
					.param(order.idempotencyKey())
					.query((rs, i) -> new ProviderRefund(rs.getString("id"), Payment.RefundStatus.SUCCEEDED,
							rs.getLong("amount_minor")))
					.optional();
			if (earlier.isPresent()) {
				return new Done(earlier.get(), intent, false);
			}
			if (!SUCCEEDED.equals(intent.status())) {
				throw new GatewayException("The payment intent " + intent.id() + " was not paid", false);
			}
			if (order.amountMinor() <= 0 || order.amountMinor() > intent.amountMinor() - intent.amountRefunded()) {
				throw new GatewayException("Refund amount exceeds what is left of " + intent.id(), false);
			}
			var id = newId("re_sbx_");
			db.sql("""
					INSERT INTO payment_sandbox_refunds (id, idempotency_key, intent_id, refund_id, amount_minor, status, created_at)
					VALUES (?, ?, ?, ?, ?, 'succeeded', ?)""")
					.params(id, order.idempotencyKey(), intent.id(), order.refundId(), order.amountMinor(),
							Sql.ts(Instant.now()))
					.update();
			db.sql("UPDATE payment_sandbox_intents SET amount_refunded = amount_refunded + ?, updated_at = ? WHERE id = ?")
					.params(order.amountMinor(), Sql.ts(Instant.now()), intent.id()).update();
			return new Done(new ProviderRefund(id, Payment.RefundStatus.SUCCEEDED, order.amountMinor()),
					find(intent.id()).orElseThrow(), true);
		});
		if (done.created()) {
			webhooks.send("refund.created", refundJson(done.refund(), done.intent(), order.refundId()));
			webhooks.send("charge.refunded", chargeJson(done.intent()));
		}
		return done.refund();
	}

	@Override
	public Optional<ProviderRefund> lookupRefund(String providerPaymentId, UUID refundId) {
		return db.sql("SELECT id, amount_minor FROM payment_sandbox_refunds WHERE intent_id = ? AND refund_id = ?")
				.params(providerPaymentId, refundId)
				.query((rs, i) -> new ProviderRefund(rs.getString("id"), Payment.RefundStatus.SUCCEEDED,
						rs.getLong("amount_minor")))
				.optional();
	}

	@Override
	public byte[] webhookSecret() {
		return webhooks.secret();
	}

	/** Read back through the same Stripe-style shape the webhooks carry, so both paths agree. */
	private Intent intent(SandboxIntent intent) {
		JsonNode tree = mapper.valueToTree(json(intent));
		var read = StripeFormat.intent(tree);
		return new Intent(read.id(), read.status(), read.amountMinor(), read.currency(), read.refundedMinor(),
				CHECKOUT + intent.id(), read.paymentId(), read.failure());
	}

	static Map<String, Object> json(SandboxIntent intent) {
		var object = new LinkedHashMap<String, Object>();
		object.put("id", intent.id());
		object.put("object", "payment_intent");
		object.put("amount", intent.amountMinor());
		object.put("currency", intent.currency().toLowerCase(Locale.ROOT));
		object.put("status", intent.status());
		object.put("description", intent.description());
		object.put("metadata", Map.of("reference", intent.reference(), "payment_id", intent.paymentId().toString()));
		object.put("last_payment_error", intent.failure() == null ? null
				: Map.of("code", "card_declined", "message", intent.failure()));
		object.put("latest_charge", chargeJson(intent));
		return object;
	}

	private static Map<String, Object> chargeJson(SandboxIntent intent) {
		var charge = new LinkedHashMap<String, Object>();
		charge.put("id", "ch_" + intent.id().substring(3));
		charge.put("object", "charge");
		charge.put("payment_intent", intent.id());
		charge.put("amount", intent.amountMinor());
		charge.put("amount_refunded", intent.amountRefunded());
		charge.put("refunded", intent.amountRefunded() >= intent.amountMinor());
		charge.put("metadata", Map.of("payment_id", intent.paymentId().toString()));
		return charge;
	}

	private static Map<String, Object> refundJson(ProviderRefund refund, SandboxIntent intent, UUID refundId) {
		var object = new LinkedHashMap<String, Object>();
		object.put("id", refund.id());
		object.put("object", "refund");
		object.put("payment_intent", intent.id());
		object.put("amount", refund.amountMinor());
		object.put("status", "succeeded");
		object.put("metadata", Map.of("refund_id", refundId.toString(), "payment_id", intent.paymentId().toString()));
		return object;
	}

	private static String newId(String prefix) {
		return prefix + UUID.randomUUID().toString().replace("-", "");
	}

	private static final RowMapper<SandboxIntent> ROW = (rs, i) -> new SandboxIntent(rs.getString("id"),
			rs.getObject("payment_id", UUID.class), rs.getString("reference"), rs.getLong("amount_minor"),
			rs.getString("currency"), rs.getString("description"), rs.getString("return_url"), rs.getString("status"),
			rs.getString("failure"), rs.getLong("amount_refunded"));
}
