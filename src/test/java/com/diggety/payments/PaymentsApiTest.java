package com.diggety.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.diggety.ApiTest;
import com.diggety.Http;
import com.diggety.payments.gateway.Gateway;
import com.diggety.payments.gateway.WebhookSignature;
import com.diggety.shared.Problem;
import com.diggety.sync.Phone;

import tools.jackson.databind.JsonNode;

/**
 * Payments over HTTP on PostgreSQL with the sandbox gateway of the embedded default: webhooks refused unless
 * signed, duplicates and any order of arrival applied once, the sandbox's checkout page end to end, refunds, and the
 * stands' cash payments in the same view.
 */
class PaymentsApiTest extends ApiTest {

	/** Payment events as other modules would see them: counted only when their transaction committed. */
	static final Map<UUID, List<Object>> PUBLISHED = new ConcurrentHashMap<>();
	static final AtomicBoolean LISTENING = new AtomicBoolean();

	@Autowired
	Payments payments;

	@Autowired
	Gateway gateway;

	@Autowired
	JdbcClient db;

	@Autowired
	ConfigurableApplicationContext context;

	@BeforeEach
	void listenToPaymentEvents() {
		if (LISTENING.compareAndSet(false, true)) {
			context.addApplicationListener((ApplicationListener<ApplicationEvent>) event -> {
				if (event instanceof PayloadApplicationEvent<?> payload) {
					var object = payload.getPayload();
					UUID id = object instanceof PaymentSucceeded e ? e.paymentId()
							: object instanceof PaymentFailed e ? e.paymentId()
									: object instanceof PaymentRefunded e ? e.paymentId() : null;
					if (id != null) {
						Runnable count = () -> PUBLISHED.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>())
								.add(payload.getPayload());
						if (TransactionSynchronizationManager.isSynchronizationActive()) {
							TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
								@Override
								public void afterCommit() {
									count.run();
								}
							});
						}
						else {
							count.run();
						}
					}
				}
			});
		}
	}

	static long published(UUID paymentId, Class<?> type) {
		return PUBLISHED.getOrDefault(paymentId, List.of()).stream().filter(type::isInstance).count();
	}

	Http.Response deliver(String body, String signature) {
		var headers = new HashMap<String, String>();
		headers.put("Content-Type", "application/json");
		if (signature != null) {
			headers.put(WebhookSignature.HEADER, signature);
		}
		return http.send("POST", "/api/v1/webhooks/payments", body, headers);
	}

	String signed(String body) {
		return WebhookSignature.header(gateway.webhookSecret(), Instant.now().getEpochSecond(),
				body.getBytes(StandardCharsets.UTF_8));
	}

	static String event(String id, String type, Map<String, Object> object) {
		var event = new LinkedHashMap<String, Object>();
		event.put("id", id);
		event.put("object", "event");
		event.put("type", type);
		event.put("created", Instant.now().getEpochSecond());
		event.put("data", Map.of("object", object));
		return Http.JSON.writeValueAsString(event);
	}

	static Map<String, Object> intent(Payment payment, String status, boolean declined) {
		var object = new LinkedHashMap<String, Object>();
		object.put("id", payment.providerId());
		object.put("object", "payment_intent");
		object.put("amount", payment.amountMinor());
		object.put("currency", "pln");
		object.put("status", status);
		object.put("metadata", Map.of("reference", payment.reference(), "payment_id", payment.id().toString()));
		if (declined) {
			object.put("last_payment_error", Map.of("code", "card_declined", "message", "Your card was declined."));
		}
		return object;
	}

	static Map<String, Object> charge(Payment payment, long refunded) {
		return Map.of("id", "ch_" + payment.providerId(), "object", "charge", "payment_intent", payment.providerId(),
				"amount", payment.amountMinor(), "amount_refunded", refunded, "refunded", refunded == payment.amountMinor());
	}

	static String eventId() {
		return "evt_test_" + UUID.randomUUID().toString().replace("-", "");
	}

	Payment opened(long amount) {
		var checkout = payments.start("order:" + UUID.randomUUID(), amount, "PLN", "Test order", "/app/");
		return payments.find(checkout.paymentId()).orElseThrow();
	}

	long rows(String sql, Object... params) {
		return db.sql(sql).params(params).query(Long.class).single();
	}

	JsonNode details(UUID paymentId) {
		var response = http.as("manager").get("/api/v1/payments/" + paymentId);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	static int status(Throwable e) {
		return ((Problem) e).status().value();
	}

	@Test
	void aCheckoutIsOpenedOncePerReferenceAndBadRequestsAreRefused() {
		var reference = "order:" + UUID.randomUUID();
		var first = payments.start(reference, 1290, "PLN", "Hot dog klasyczny", "/app/");
		assertThat(first.gateway()).isEqualTo("Sandbox");
		assertThat(first.checkoutUrl()).startsWith("/sandbox/checkout/pi_sbx_");
		// a retried call answers the same checkout and creates nothing new
		assertThat(payments.start(reference, 1290, "PLN", "Hot dog klasyczny", "/app/")).isEqualTo(first);
		assertThat(rows("SELECT COUNT(*) FROM payment_sandbox_intents WHERE reference = ?", reference)).isEqualTo(1);
		assertThat(payments.find(first.paymentId()).orElseThrow().status()).isEqualTo(Payment.Status.REQUIRES_PAYMENT);

		assertThatThrownBy(() -> payments.start(reference, 1300, "PLN", "Hot dog", "/app/"))
				.satisfies(e -> assertThat(status(e)).isEqualTo(409));
		var refused = List.of(
				new Payments.Request("sale:" + UUID.randomUUID(), null, 100, "PLN", null, null),
				new Payments.Request("order:" + UUID.randomUUID(), null, 0, "PLN", null, null),
				new Payments.Request("order:" + UUID.randomUUID(), null, 100, "pln", null, null),
				new Payments.Request("order:" + UUID.randomUUID(), null, 100, "PLN", "card 4111 1111 1111 1111", null),
				new Payments.Request("order:" + UUID.randomUUID(), null, 100, "PLN", null, "//evil.example/"),
				new Payments.Request("order:'); DROP", null, 100, "PLN", null, null));
		for (var request : refused) {
			assertThatThrownBy(() -> payments.start(request)).as(request.toString())
					.satisfies(e -> assertThat(status(e)).isEqualTo(422));
			assertThat(payments.findByReference(request.reference())).isEmpty();
		}
	}

	@Test
	void forgedStaleAndMissingSignaturesAreRefusedAndChangeNothing() {
		var payment = opened(1490);
		var id = eventId();
		var body = event(id, "payment_intent.succeeded", intent(payment, "succeeded", false));
		var bytes = body.getBytes(StandardCharsets.UTF_8);
		long now = Instant.now().getEpochSecond();
		var otherSecret = "whsec_not_ours".getBytes(StandardCharsets.UTF_8);

		assertThat(deliver(body, WebhookSignature.header(otherSecret, now, bytes)).status()).isEqualTo(401);
		assertThat(deliver(body.replace("1490", "1"), signed(body)).status()).isEqualTo(401);
		assertThat(deliver(body, WebhookSignature.header(gateway.webhookSecret(), now - 360, bytes)).status())
				.isEqualTo(401);
		assertThat(deliver(body, "t=" + now).status()).isEqualTo(401);
		assertThat(deliver(body, "t=" + now + ",v0=" + WebhookSignature.sign(gateway.webhookSecret(), now, bytes))
				.status()).isEqualTo(401);
		var missing = deliver(body, null);
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.contentType()).startsWith("application/problem+json");

		assertThat(rows("SELECT COUNT(*) FROM payment_inbox WHERE event_id = ?", id)).isZero();
		var after = payments.details(payment.id()).orElseThrow();
		assertThat(after.payment().status()).isEqualTo(Payment.Status.REQUIRES_PAYMENT);
		assertThat(after.history()).extracting(Payment.StatusChange::status).containsExactly(Payment.Status.REQUIRES_PAYMENT);

		// the very same event, signed with the right secret, gets in
		assertThat(deliver(body, signed(body)).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
				payments.find(payment.id()).orElseThrow().status()).isEqualTo(Payment.Status.SUCCEEDED));
	}

	/** One payment's webhooks and where they must leave it. */
	record Story(Payment payment, List<String> bodies, Payment.Status end, long refunded) {
	}

	@Test
	void duplicatedAndShuffledWebhooksLeaveEachPaymentInItsFinalStateOnce() {
		var random = new Random(20_260_214L);
		var stories = new ArrayList<Story>();
		for (int i = 0; i < 6; i++) {
			var payment = opened(1000 + 100L * i);
			var bodies = new ArrayList<>(List.of(
					event(eventId(), "payment_intent.created", intent(payment, "requires_payment_method", false)),
					event(eventId(), "payment_intent.processing", intent(payment, "processing", false)),
					event(eventId(), "payment_intent.payment_failed", intent(payment, "requires_payment_method", true)),
					event(eventId(), "payment_intent.processing", intent(payment, "processing", false)),
					event(eventId(), "payment_intent.succeeded", intent(payment, "succeeded", false))));
			var end = Payment.Status.SUCCEEDED;
			long refunded = 0;
			if (i % 3 == 1) {
				bodies.add(event(eventId(), "charge.refunded", charge(payment, 300)));
				bodies.add(event(eventId(), "charge.refunded", charge(payment, payment.amountMinor())));
				end = Payment.Status.REFUNDED;
				refunded = payment.amountMinor();
			}
			else if (i % 3 == 2) {
				bodies.add(event(eventId(), "charge.refunded", charge(payment, 300)));
				end = Payment.Status.PARTIALLY_REFUNDED;
				refunded = 300;
			}
			stories.add(new Story(payment, bodies, end, refunded));
		}
		var deliveries = new ArrayList<String>();
		var eventIds = new ArrayList<String>();
		for (var story : stories) {
			for (var body : story.bodies()) {
				eventIds.add(Http.JSON.readTree(body).get("id").asString());
				for (int copies = 1 + random.nextInt(3); copies > 0; copies--) {
					deliveries.add(body);
				}
			}
		}
		Collections.shuffle(deliveries, random);

		int duplicates = 0;
		for (var body : deliveries) {
			var response = deliver(body, signed(body));
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			duplicates += response.json().get("duplicate").asBoolean() ? 1 : 0;
		}
		assertThat(duplicates).isEqualTo(deliveries.size() - eventIds.size());

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(db
				.sql("SELECT COUNT(*) FROM payment_inbox WHERE event_id IN (:ids) AND processed_at IS NOT NULL")
				.param("ids", eventIds).query(Long.class).single()).isEqualTo(eventIds.size()));
		for (var story : stories) {
			var id = story.payment().id();
			var details = payments.details(id).orElseThrow();
			assertThat(details.payment().status()).as(story.payment().reference()).isEqualTo(story.end());
			assertThat(details.payment().refundedMinor()).isEqualTo(story.refunded());
			assertThat(rows("SELECT COUNT(*) FROM payments WHERE reference = ?", story.payment().reference())).isEqualTo(1);
			assertThat(details.history()).filteredOn(c -> c.status() == Payment.Status.SUCCEEDED).hasSize(1);
			assertThat(details.history()).filteredOn(c -> c.status() == Payment.Status.REFUNDED)
					.hasSize(story.end() == Payment.Status.REFUNDED ? 1 : 0);
			assertThat(published(id, PaymentSucceeded.class)).isEqualTo(1);
			assertThat(published(id, PaymentFailed.class)).isLessThanOrEqualTo(1);
			assertThat(PUBLISHED.getOrDefault(id, List.of()).stream().filter(PaymentRefunded.class::isInstance)
					.mapToLong(e -> ((PaymentRefunded) e).amountMinor()).sum()).isEqualTo(story.refunded());
		}
	}

	@Test
	void aCustomerPaysOnTheSandboxPageAndTheSignedWebhookSettlesIt() {
		var reference = "order:" + UUID.randomUUID();
		var checkout = payments.start(new Payments.Request(reference, null, 2580, "PLN", "2 x Hot dog <klasyczny>",
				"/app/#/orders/42"));
		var page = http.get(checkout.checkoutUrl());
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.contentType()).startsWith("text/html");
		assertThat(page.body()).contains("Sandbox", ">Pay<", ">Decline<", "25.80 PLN", "&lt;klasyczny&gt;")
				.doesNotContain("<klasyczny>");
		var form = Map.of("Content-Type", "application/x-www-form-urlencoded");

		var declined = http.send("POST", checkout.checkoutUrl(), "decision=decline", form);
		assertThat(declined.status()).isEqualTo(303);
		assertThat(declined.headers().firstValue("Location")).hasValue("/app/#/orders/42");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
				details(checkout.paymentId()).get("payment").get("status").asString()).isEqualTo("FAILED"));
		assertThat(http.get(checkout.checkoutUrl()).body()).contains("declined", ">Pay<");

		assertThat(http.send("POST", checkout.checkoutUrl(), "decision=pay", form).status()).isEqualTo(303);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
				details(checkout.paymentId()).get("payment").get("status").asString()).isEqualTo("SUCCEEDED"));
		var history = details(checkout.paymentId()).get("history").valueStream().toList();
		assertThat(history).filteredOn(c -> c.get("status").asString().equals("SUCCEEDED")).singleElement()
				.satisfies(c -> {
					assertThat(c.get("source").asString()).isEqualTo("WEBHOOK");
					assertThat(c.get("eventId").asString()).startsWith("evt_sbx_");
				});
		assertThat(http.get(checkout.checkoutUrl()).body()).contains("Already paid").doesNotContain(">Pay<");
		assertThat(published(checkout.paymentId(), PaymentSucceeded.class)).isEqualTo(1);
		assertThat(published(checkout.paymentId(), PaymentFailed.class)).isEqualTo(1);
		// the shop may not open it again once it is paid
		assertThatThrownBy(() -> payments.start(reference, 2580, "PLN", null, null))
				.satisfies(e -> assertThat(status(e)).isEqualTo(409));

		// a partial refund leaves through the outbox and comes back confirmed
		var refund = payments.refund(reference, "test-refund-" + reference, 1000, "one hot dog was cold");
		assertThat(refund.status()).isEqualTo(Payment.RefundStatus.REQUESTED);
		assertThat(payments.refund(reference, "test-refund-" + reference, 1000, "one hot dog was cold").id())
				.isEqualTo(refund.id());
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			var now = details(checkout.paymentId());
			assertThat(now.get("payment").get("status").asString()).isEqualTo("PARTIALLY_REFUNDED");
			assertThat(now.get("payment").get("refundedMinor").asLong()).isEqualTo(1000);
			assertThat(now.get("refunds").get(0).get("status").asString()).isEqualTo("SUCCEEDED");
			assertThat(now.get("refunds").get(0).get("providerId").asString()).startsWith("re_sbx_");
		});
		assertThatThrownBy(() -> payments.refund(reference, 1581, "too much"))
				.satisfies(e -> assertThat(status(e)).isEqualTo(422));
		assertThat(rows("SELECT COUNT(*) FROM payment_sandbox_refunds WHERE refund_id = ?", refund.id())).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(
				() -> assertThat(published(checkout.paymentId(), PaymentRefunded.class)).isEqualTo(1));

		var online = http.as("owner").get("/api/v1/payments?channel=ONLINE").json().valueStream()
				.map(p -> p.get("id").asString()).toList();
		assertThat(online).contains(checkout.paymentId().toString());
	}

	long product(String code) {
		return http.as("owner").get("/api/v1/products").json().valueStream()
				.filter(p -> p.get("code").asString().equals(code)).findFirst().orElseThrow().get("id").asLong();
	}

	JsonNode standPayment(long standId, UUID saleId) {
		var today = LocalDate.now(ZoneId.of("Europe/Warsaw"));
		var list = http.as("manager").get("/api/v1/payments?channel=STAND&standId=" + standId + "&from="
				+ today.minusDays(1) + "&to=" + today.plusDays(1));
		assertThat(list.status()).as(list.body()).isEqualTo(200);
		return list.json().valueStream().filter(p -> p.get("reference").asString().equals("sale:" + saleId))
				.findFirst().orElse(null);
	}

	@Test
	void salesSyncedFromAPhoneAppearAsStandPaymentsWithTheirRefundsAndVoids() {
		var phone = new Phone(http, "op47");
		long cola = product("COLA");
		var paid = UUID.randomUUID();
		var voided = UUID.randomUUID();
		var card = new HashMap<>(Phone.cashSale(voided, null, cola, 1, 690));
		card.put("payment", Map.of("method", "CARD", "reference", "AUTH-778812"));
		var response = phone.push(Phone.list(
				phone.event("SALE_RECORDED", Phone.cashSale(paid, null, cola, 2, 690)),
				phone.event("SALE_RECORDED", card),
				phone.event("SALE_REFUNDED", Map.of("saleId", paid.toString(), "refundId", UUID.randomUUID().toString(),
						"amountMinor", 690, "reason", "spilled")),
				phone.event("SALE_VOIDED", Map.of("saleId", voided.toString(), "reason", "entered twice"))));
		assertThat(response.status()).as(response.body()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			var cash = standPayment(phone.standId, paid);
			assertThat(cash).isNotNull();
			assertThat(cash.get("channel").asString()).isEqualTo("STAND");
			assertThat(cash.get("method").asString()).isEqualTo("CASH");
			assertThat(cash.get("amountMinor").asLong()).isEqualTo(1380);
			assertThat(cash.get("status").asString()).isEqualTo("PARTIALLY_REFUNDED");
			assertThat(cash.get("refundedMinor").asLong()).isEqualTo(690);
			var terminal = standPayment(phone.standId, voided);
			assertThat(terminal).isNotNull();
			assertThat(terminal.get("method").asString()).isEqualTo("CARD");
			assertThat(terminal.get("status").asString()).isEqualTo("VOIDED");
		});
		var cash = standPayment(phone.standId, paid);
		var history = details(UUID.fromString(cash.get("id").asString())).get("history").valueStream()
				.map(c -> c.get("status").asString()).toList();
		assertThat(history).containsExactly("SUCCEEDED", "PARTIALLY_REFUNDED");
		var voidHistory = details(UUID.fromString(standPayment(phone.standId, voided).get("id").asString()))
				.get("history").valueStream().map(c -> c.get("status").asString()).toList();
		assertThat(voidHistory).containsExactly("SUCCEEDED", "VOIDED");
		// stand payments are the stands' business: no event for the orders module
		assertThat(PUBLISHED).doesNotContainKey(UUID.fromString(cash.get("id").asString()));
	}

	@Test
	void theOfficeSeesPaymentsAndNobodyElse() {
		var payment = opened(990);
		assertThat(http.get("/api/v1/payments/" + payment.id()).status()).isEqualTo(401);
		assertThat(http.as("op01").get("/api/v1/payments/" + payment.id()).status()).isEqualTo(403);
		assertThat(http.as("anna@example.com").get("/api/v1/payments").status()).isEqualTo(403);
		var own = details(payment.id());
		assertThat(own.get("payment").get("reference").asString()).isEqualTo(payment.reference());
		assertThat(own.get("history").get(0).get("status").asString()).isEqualTo("REQUIRES_PAYMENT");
		assertThat(http.as("owner").get("/api/v1/payments?from=2026-01-02&to=2026-01-01").status()).isEqualTo(422);
		assertThat(http.as("owner").get("/api/v1/payments?channel=BITCOIN").status()).isEqualTo(400);
	}
}
