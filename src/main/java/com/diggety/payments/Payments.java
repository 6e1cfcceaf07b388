package com.diggety.payments;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.diggety.payments.gateway.Gateway;
import com.diggety.payments.gateway.GatewayException;
import com.diggety.payments.gateway.Intent;
import com.diggety.payments.gateway.IntentOrder;
import com.diggety.payments.gateway.ProviderRefund;
import com.diggety.payments.gateway.RefundOrder;
import com.diggety.payments.gateway.StripeFormat;
import com.diggety.shared.CardNumbers;
import com.diggety.shared.Problem;
import com.diggety.shared.Sql;

/**
 * The payments module's face. Online: {@link #start} opens a payment with the configured gateway and answers where
 * the customer pays; {@link #refund} gives money back. The outcome arrives later, from a verified webhook or a read
 * from the provider, as {@link PaymentSucceeded}, {@link PaymentFailed} and {@link PaymentRefunded} events
 * (published in the transaction that moves the payment; react with {@code @ApplicationModuleListener}). Payments
 * taken at the stands are recorded from the sales module's events, so {@link #list} covers every channel.
 */
@Service
public class Payments {

	private static final Logger log = LoggerFactory.getLogger(Payments.class);
	private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:_.-]{0,99}");
	private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
	static final long MAX_AMOUNT_MINOR = 100_000_000L;

	/**
	 * What to collect online.
	 *
	 * @param reference   what is paid for, unique: {@code order:<uuid>} (the {@code sale:} prefix belongs to the stands)
	 * @param standId     the stand the payment is for, when there is one (the payments view filters by it)
	 * @param description shown on the checkout page; never card data
	 * @param returnUrl   where the checkout page sends the customer afterwards: a path of this app or an http(s) URL
	 */
	public record Request(String reference, Long standId, long amountMinor, String currency, String description,
			String returnUrl) {
	}

	/** A payment with every change of its status and its refunds. */
	public record Details(Payment payment, List<Payment.StatusChange> history, List<Payment.Refund> refunds) {
	}

	private final Ledger ledger;
	private final Gateway gateway;
	private final JdbcClient db;
	private final PaymentSettings settings;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate separately;
	private final TransactionTemplate transactionally;
	private final Clock clock = Clock.systemUTC();

	Payments(Ledger ledger, Gateway gateway, JdbcClient db, PaymentSettings settings, ApplicationEventPublisher events,
			PlatformTransactionManager transactions) {
		this.ledger = ledger;
		this.gateway = gateway;
		this.db = db;
		this.settings = settings;
		this.events = events;
		this.separately = new TransactionTemplate(transactions);
		this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.transactionally = new TransactionTemplate(transactions);
	}

	/** The gateway's name as the UI shows it ("Sandbox", "Stripe"). */
	public String gatewayName() {
		return gateway.name();
	}

	public Checkout start(String reference, long amountMinor, String currency, String description, String returnUrl) {
		return start(new Request(reference, null, amountMinor, currency, description, returnUrl));
	}

	/**
	 * Opens an online payment, or answers the open one for the same reference (so a retried call neither charges
	 * twice nor fails). The payment row is committed before the provider is called, and the provider call carries
	 * an idempotency key from the payment's id, so a crash or timeout in between loses and doubles nothing: the next
	 * call for the reference completes it. Call it outside your own transaction.
	 *
	 * @throws Problem 422 for an invalid request, 409 when the reference is already paid or was opened for another
	 *                 amount, 503 when the provider cannot be reached now (try again)
	 */
	public Checkout start(Request request) {
		validate(request);
		var payment = separately.execute(status -> openOrReuse(request, clock.instant()));
		return connect(payment, request.returnUrl());
	}

	/**
	 * The first half of {@link #start}, inside the caller's transaction: stores the payment (or finds the open one
	 * for the reference), so an order and its payment commit together. Call {@link #connect} after that commit; a
	 * payment stored without its provider is completed by the next start or connect for the reference.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Payment open(Request request) {
		validate(request);
		return openOrReuse(request, clock.instant());
	}

	/**
	 * The second half of {@link #start}, outside any transaction: creates the payment with the provider (idempotency
	 * key from the payment's id) and attaches the provider's id and checkout page.
	 *
	 * @throws Problem 503 when the provider cannot be reached now (try again), 502 when it refused
	 */
	public Checkout connect(Payment payment, String returnUrl) {
		if (payment.checkoutUrl() != null && payment.providerId() != null) {
			return new Checkout(payment.id(), payment.checkoutUrl(), gateway.name());
		}
		var now = clock.instant();
		var order = new IntentOrder(payment.id(), payment.reference(), payment.amountMinor(), payment.currency(),
				payment.description(), returnUrl);
		var intent = created(payment.id(),
				() -> gateway.createOnce(order, payment.createdAt(), now, settings.idempotencyKeyTtl()));
		separately.executeWithoutResult(status -> {
			ledger.attach(payment.id(), intent.id(), intent.checkoutUrl()); // one UPDATE: it locks the row itself
			if (intent.status() != Payment.Status.REQUIRES_PAYMENT) {
				ledger.advance(payment.id(), intent.status(), Payment.Source.PROVIDER, null, intent.failure(), now);
			}
		});
		return new Checkout(payment.id(), intent.checkoutUrl(), gateway.name());
	}

	/** The provider's payment, or the problem the customer sees when the provider cannot open one. */
	private Intent created(UUID paymentId, java.util.function.Supplier<Intent> call) {
		try {
			return call.get();
		}
		catch (GatewayException e) {
			log.warn("Could not open payment {} with {}: {}", paymentId, gateway.name(), e.getMessage());
			throw e.retryable() ? Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "Payment provider unavailable",
					"The payment provider cannot be reached now; try again in a moment")
					: Problem.of(HttpStatus.BAD_GATEWAY, "Payment provider refused",
							"The payment provider refused to open this payment");
		}
	}

	private Payment openOrReuse(Request request, Instant now) {
		var id = UUID.randomUUID();
		var at = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as the database keeps it
		var order = new IntentOrder(id, request.reference(), request.amountMinor(), request.currency(),
				request.description(), request.returnUrl());
		// a gateway that keeps its payments in our own database (the sandbox) says its intent beforehand and creates it
		// in this transaction: the payment is stored with its provider at once, nothing to attach after the commit
		var planned = gateway.planned(order);
		var providerId = planned.map(Intent::id).orElse(null);
		var checkoutUrl = planned.map(intent -> StripeFormat.clip(intent.checkoutUrl(), 1000)).orElse(null);
		// a new reference is the rule: store first, and look for the payment already there only when there is one
		if (ledger.open(id, request, gateway.key(), providerId, checkoutUrl, at)) {
			if (planned.isPresent()) {
				var intent = created(id, () -> gateway.create(order));
				if (!intent.id().equals(providerId)) {
					throw new IllegalStateException("The gateway created " + intent.id() + ", not the planned " + providerId);
				}
				if (intent.status() != Payment.Status.REQUIRES_PAYMENT) {
					ledger.advance(id, intent.status(), Payment.Source.PROVIDER, null, intent.failure(), at);
					return ledger.find(id).orElseThrow();
				}
			}
			// the row as just stored, without reading it back
			return new Payment(id, request.reference(), Payment.Channel.ONLINE, Payment.Method.GATEWAY, gateway.key(),
					providerId, request.standId(), request.amountMinor(), request.currency(), 0,
					Payment.Status.REQUIRES_PAYMENT, request.description(), checkoutUrl, at, at);
		}
		var existing = ledger.lockByReference(request.reference());
		if (existing.isEmpty()) { // stored by a transaction that has not committed, or rolled back, since
			throw Problem.conflict("A payment for " + request.reference() + " is being opened; try again");
		}
		var payment = existing.get();
		if (payment.channel() != Payment.Channel.ONLINE || !gateway.key().equals(payment.gateway())) {
			throw Problem.conflict("The reference " + request.reference() + " belongs to another payment");
		}
		if (payment.amountMinor() != request.amountMinor() || !payment.currency().equals(request.currency())) {
			throw Problem.conflict("A payment for " + request.reference() + " was opened for "
					+ payment.amountMinor() + " " + payment.currency(), Map.of("paymentId", payment.id()));
		}
		if (payment.status().paid() || payment.status() == Payment.Status.VOIDED) {
			throw Problem.conflict("The payment for " + request.reference() + " is already " + payment.status(),
					Map.of("paymentId", payment.id()));
		}
		return payment;
	}

	private static void validate(Request request) {
		var errors = new ArrayList<Problem.FieldError>();
		if (request.reference() == null || !REFERENCE.matcher(request.reference()).matches()) {
			errors.add(new Problem.FieldError("reference", "use 1-100 letters, digits and : _ . -"));
		}
		else if (request.reference().startsWith("sale:")) {
			errors.add(new Problem.FieldError("reference", "sale: references belong to the stands' payments"));
		}
		if (request.amountMinor() <= 0 || request.amountMinor() > MAX_AMOUNT_MINOR) {
			errors.add(new Problem.FieldError("amountMinor", "must be 1 to " + MAX_AMOUNT_MINOR));
		}
		if (request.currency() == null || !CURRENCY.matcher(request.currency()).matches()) {
			errors.add(new Problem.FieldError("currency", "an ISO 4217 code such as PLN"));
		}
		if (request.description() != null
				&& (request.description().length() > 200 || CardNumbers.looksLikeOne(request.description()))) {
			errors.add(new Problem.FieldError("description", "at most 200 characters and never card data"));
		}
		if (request.returnUrl() != null && !returnUrlIsSafe(request.returnUrl())) {
			errors.add(new Problem.FieldError("returnUrl", "a path of this app (/...) or an http(s) URL"));
		}
		if (!errors.isEmpty()) {
			throw Problem.invalid(errors);
		}
	}

	static boolean returnUrlIsSafe(String url) {
		if (url.length() > 500 || url.chars().anyMatch(c -> c < 0x21 || c == '\\')) {
			return false;
		}
		if (url.startsWith("/")) {
			return !url.startsWith("//");
		}
		try {
			var uri = URI.create(url);
			return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
		}
		catch (IllegalArgumentException e) {
			return false;
		}
	}

	/** {@link #refund(String, String, long, String)} without an idempotency key. */
	@Transactional
	public Payment.Refund refund(String reference, long amountMinor, String reason) {
		return refund(reference, null, amountMinor, reason);
	}

	/**
	 * Asks for money back for an online payment. The refund is stored and leaves through the event publication
	 * registry after your transaction commits, with an idempotency key from its id; the payment shows it as
	 * refunded (and {@link PaymentRefunded} is published) once the provider confirms. Joins the caller's transaction.
	 *
	 * @param refundKey makes the call idempotent: a second call with the same key answers the first refund (without
	 *                  a key, a second call is refused once it would exceed what was paid)
	 * @throws Problem 404 unknown reference, 422 not paid, a stand payment, or more than is left to refund
	 */
	@Transactional
	public Payment.Refund refund(String reference, String refundKey, long amountMinor, String reason) {
		if (refundKey != null) {
			var earlier = ledger.refundByKey(refundKey);
			if (earlier.isPresent()) {
				if (earlier.get().amountMinor() != amountMinor) {
					throw Problem.conflict("The refund " + refundKey + " was asked for " + earlier.get().amountMinor());
				}
				return earlier.get();
			}
		}
		var payment = ledger.lockByReference(reference).orElseThrow(() -> Problem.notFound("Payment", reference));
		if (payment.channel() != Payment.Channel.ONLINE) {
			throw Problem.invalid("reference", "payments taken at a stand are refunded at the stand");
		}
		if (!payment.status().paid()) {
			throw Problem.invalid("reference", "the payment is " + payment.status() + ", there is nothing to refund");
		}
		if (reason == null || reason.isBlank() || reason.length() > 200 || CardNumbers.looksLikeOne(reason)) {
			throw Problem.invalid("reason", "say why in at most 200 characters (never card data)");
		}
		long pending = db.sql("""
				SELECT COALESCE(SUM(amount_minor), 0) FROM payment_refunds
				WHERE payment_id = ? AND status IN ('REQUESTED', 'SUCCEEDED')""")
				.param(payment.id()).query(Long.class).single();
		long left = payment.amountMinor() - Math.max(pending, payment.refundedMinor());
		if (amountMinor <= 0 || amountMinor > left) {
			throw Problem.invalid("amountMinor", left == 0 ? "everything was refunded already" : "must be 1 to " + left);
		}
		var id = UUID.randomUUID();
		db.sql("""
				INSERT INTO payment_refunds (id, payment_id, refund_key, amount_minor, reason, status, requested_at)
				VALUES (?, ?, ?, ?, ?, 'REQUESTED', ?)""")
				.params(id, payment.id(), refundKey, amountMinor, reason, Sql.ts(clock.instant())).update();
		events.publishEvent(new RefundRequested(id));
		return ledger.refund(id).orElseThrow();
	}

	/**
	 * Sends a stored refund to the provider (after the commit that stored it). A failure the provider may get over
	 * is thrown, so the event publication stays incomplete and is submitted again.
	 */
	void send(UUID refundId) {
		var refund = ledger.refund(refundId).orElseThrow();
		if (refund.status() != Payment.RefundStatus.REQUESTED) {
			return;
		}
		var payment = ledger.find(refund.paymentId()).orElseThrow();
		var order = new RefundOrder(refund.id(), payment.id(), payment.providerId(), refund.amountMinor(),
				refund.reason());
		ProviderRefund answer;
		try {
			answer = gateway.refundOnce(order, refund.requestedAt(), clock.instant(), settings.idempotencyKeyTtl());
		}
		catch (GatewayException e) {
			if (e.retryable()) {
				throw e;
			}
			log.warn("The provider refused refund {} of payment {}: {}", refundId, payment.id(), e.getMessage());
			answer = new ProviderRefund(null, Payment.RefundStatus.FAILED, refund.amountMinor());
		}
		var provider = answer;
		transactionally.executeWithoutResult(status -> settle(refund.id(), provider, null, clock.instant()));
	}

	/** Stores what the provider says of a refund; a succeeded refund raises the payment's refunded amount. */
	void settle(UUID refundId, ProviderRefund provider, String eventId, Instant at) {
		var refund = ledger.refund(refundId).orElseThrow();
		ledger.lock(refund.paymentId());
		if (refund.status() == Payment.RefundStatus.REQUESTED && provider.status() != Payment.RefundStatus.REQUESTED) {
			db.sql("UPDATE payment_refunds SET status = ?, provider_id = COALESCE(?, provider_id), completed_at = ? WHERE id = ?")
					.params(provider.status().name(), provider.id(), Sql.ts(at), refundId).update();
		}
		else if (provider.id() != null) {
			db.sql("UPDATE payment_refunds SET provider_id = COALESCE(provider_id, ?) WHERE id = ?")
					.params(provider.id(), refundId).update();
		}
		if (provider.status() == Payment.RefundStatus.SUCCEEDED) {
			ledger.refundedTo(refund.paymentId(), ledger.succeededRefunds(refund.paymentId()),
					eventId == null ? Payment.Source.PROVIDER : Payment.Source.WEBHOOK, eventId, refund.reason(), at);
		}
	}

	/**
	 * Reads an online payment back from its provider and moves it forward to what the provider says: when a webhook
	 * left doubt, or none came.
	 */
	public Payment refresh(UUID paymentId) {
		var payment = ledger.find(paymentId).orElseThrow(() -> Problem.notFound("Payment", paymentId));
		if (payment.channel() != Payment.Channel.ONLINE || payment.providerId() == null
				|| !gateway.key().equals(payment.gateway())) {
			return payment;
		}
		var intent = gateway.retrieve(payment.providerId());
		var now = clock.instant();
		transactionally.executeWithoutResult(status -> {
			ledger.lock(paymentId);
			if (intent.amountMinor() != payment.amountMinor()) {
				log.warn("The provider holds payment {} for {}, we asked for {}; left as it is", paymentId,
						intent.amountMinor(), payment.amountMinor());
				return;
			}
			ledger.advance(paymentId, intent.status(), Payment.Source.PROVIDER, null, intent.failure(), now);
			ledger.refundedTo(paymentId, intent.refundedMinor(), Payment.Source.PROVIDER, null, null, now);
		});
		return ledger.find(paymentId).orElseThrow();
	}

	public Optional<Payment> find(UUID id) {
		return ledger.find(id);
	}

	public Optional<Payment> findByReference(String reference) {
		return ledger.findByReference(reference);
	}

	public Optional<Details> details(UUID id) {
		return ledger.find(id).map(p -> new Details(p, ledger.history(id), ledger.refunds(id)));
	}

	/** Payments of every channel created from {@code from} (inclusive) to {@code to} (exclusive), newest first. */
	public List<Payment> list(Long standId, Instant from, Instant to, Payment.Channel channel, int limit) {
		var sql = new StringBuilder("SELECT * FROM payments WHERE created_at >= ? AND created_at < ?");
		var params = new ArrayList<Object>(List.of(Sql.ts(from), Sql.ts(to)));
		if (standId != null) {
			sql.append(" AND stand_id = ?");
			params.add(standId);
		}
		if (channel != null) {
			sql.append(" AND channel = ?");
			params.add(channel.name());
		}
		sql.append(" ORDER BY created_at DESC, id LIMIT ").append(Math.max(1, Math.min(limit, 5000)));
		return db.sql(sql.toString()).params(params).query(Ledger.PAYMENT).list();
	}

	/** Online payments still open whose outcome may have been missed; the reconciler reads them back. */
	List<UUID> stale(Instant quietSince, Instant createdAfter, int limit) {
		return db.sql("""
				SELECT id FROM payments
				WHERE channel = 'ONLINE' AND provider_id IS NOT NULL AND status IN ('REQUIRES_PAYMENT', 'PROCESSING')
				 AND updated_at < ? AND created_at > ? ORDER BY updated_at LIMIT ?""")
				.params(Sql.ts(quietSince), Sql.ts(createdAfter), limit).query(UUID.class).list();
	}
}
