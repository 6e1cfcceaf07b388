package com.diggety.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.diggety.payments.gateway.CircuitBreaker;
import com.diggety.payments.gateway.GatewayException;
import com.diggety.payments.gateway.IntentOrder;
import com.diggety.payments.gateway.RefundOrder;
import com.diggety.payments.stripe.StripeGateway;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import tools.jackson.databind.json.JsonMapper;

/**
 * The Stripe-style adapter against WireMock playing the provider, without a Spring context: what we send (form
 * fields, bearer key, idempotency key from our own ids), retries of a timeout with the same key, refusals that are
 * not retried, the circuit breaker, and the metadata lookup before re-creating an old request.
 */
class PaymentStripeGatewayTest {

	@RegisterExtension
	static WireMockExtension provider = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String KEY = "sk_test_diggety";

	StripeGateway gateway(Duration timeout, int attempts, int breakerFailures) {
		var stripe = new PaymentSettings.Stripe(URI.create(provider.baseUrl()), KEY, "whsec_stripe_test", null);
		var outbound = new PaymentSettings.Outbound(attempts, Duration.ofMillis(10), timeout, breakerFailures,
				Duration.ofSeconds(30));
		return new StripeGateway(stripe, outbound, JsonMapper.builder().build(), Clock.systemUTC(), d -> { });
	}

	StripeGateway gateway() {
		return gateway(Duration.ofSeconds(5), 3, 5);
	}

	static String intent(String id, UUID paymentId, String reference, String status) {
		return """
				{"id": "%s", "object": "payment_intent", "amount": 2580, "currency": "pln", "status": "%s",
				 "client_secret": "%s_secret_abc",
				 "metadata": {"reference": "%s", "payment_id": "%s"},
				 "next_action": {"type": "redirect_to_url", "redirect_to_url": {"url": "https://pay.example/%s"}}}"""
				.formatted(id, status, id, reference, paymentId, id);
	}

	IntentOrder order(UUID paymentId, String reference) {
		return new IntentOrder(paymentId, reference, 2580, "PLN", "Order at Stand KRK-01", "/app/");
	}

	@Test
	void aPaymentIntentIsCreatedWithOurFieldsKeyAndIdempotencyKey() {
		var paymentId = UUID.randomUUID();
		var reference = "order:" + UUID.randomUUID();
		provider.stubFor(post(urlEqualTo("/v1/payment_intents"))
				.willReturn(okJson(intent("pi_1", paymentId, reference, "requires_payment_method"))));

		var intent = gateway().create(order(paymentId, reference));

		assertThat(intent.id()).isEqualTo("pi_1");
		assertThat(intent.status()).isEqualTo(Payment.Status.REQUIRES_PAYMENT);
		assertThat(intent.checkoutUrl()).isEqualTo("https://pay.example/pi_1");
		assertThat(intent.paymentId()).isEqualTo(paymentId);
		provider.verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents"))
				.withHeader("Authorization", equalTo("Bearer " + KEY))
				.withHeader("Idempotency-Key", equalTo("payment-" + paymentId))
				.withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
				.withFormParam("amount", equalTo("2580"))
				.withFormParam("currency", equalTo("pln"))
				.withFormParam("metadata[reference]", equalTo(reference))
				.withFormParam("metadata[payment_id]", equalTo(paymentId.toString())));
	}

	@Test
	void aTimeoutIsRetriedWithTheSameIdempotencyKey() {
		var paymentId = UUID.randomUUID();
		var reference = "order:" + UUID.randomUUID();
		var body = intent("pi_2", paymentId, reference, "requires_payment_method");
		provider.stubFor(post(urlEqualTo("/v1/payment_intents")).inScenario("slow").whenScenarioStateIs(STARTED)
				.willReturn(okJson(body).withFixedDelay(1500)).willSetStateTo("recovered"));
		provider.stubFor(post(urlEqualTo("/v1/payment_intents")).inScenario("slow").whenScenarioStateIs("recovered")
				.willReturn(okJson(body)));

		var intent = gateway(Duration.ofMillis(400), 3, 5).create(order(paymentId, reference));

		assertThat(intent.id()).isEqualTo("pi_2");
		var sent = provider.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")));
		assertThat(sent).hasSize(2);
		assertThat(sent).allSatisfy(r -> assertThat(r.getHeader("Idempotency-Key")).isEqualTo("payment-" + paymentId));
	}

	@Test
	void aServerErrorIsRetriedAndACardErrorIsNot() {
		var paymentId = UUID.randomUUID();
		provider.stubFor(post(urlEqualTo("/v1/payment_intents")).inScenario("flaky").whenScenarioStateIs(STARTED)
				.willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
		provider.stubFor(post(urlEqualTo("/v1/payment_intents")).inScenario("flaky").whenScenarioStateIs("ok")
				.willReturn(okJson(intent("pi_3", paymentId, "order:x", "requires_payment_method"))));
		assertThat(gateway().create(order(paymentId, "order:x")).id()).isEqualTo("pi_3");
		assertThat(provider.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")))).hasSize(2);

		provider.resetAll();
		provider.stubFor(post(urlEqualTo("/v1/payment_intents")).willReturn(aResponse().withStatus(402)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\": {\"type\": \"card_error\", \"message\": \"Your card was declined.\"}}")));
		assertThatThrownBy(() -> gateway().create(order(UUID.randomUUID(), "order:y")))
				.isInstanceOf(GatewayException.class).hasMessageContaining("402").hasMessageContaining("declined")
				.matches(e -> !((GatewayException) e).retryable());
		assertThat(provider.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")))).hasSize(1);
	}

	@Test
	void aProviderThatKeepsFailingIsLeftAloneForAWhile() {
		provider.stubFor(post(urlEqualTo("/v1/payment_intents")).willReturn(aResponse().withStatus(500)));
		var gateway = gateway(Duration.ofSeconds(2), 2, 2);
		for (int i = 0; i < 2; i++) {
			assertThatThrownBy(() -> gateway.create(order(UUID.randomUUID(), "order:z"))).isInstanceOf(GatewayException.class);
		}
		assertThat(gateway.breaker()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThatThrownBy(() -> gateway.create(order(UUID.randomUUID(), "order:z")))
				.isInstanceOf(GatewayException.class).hasMessageContaining("paused");
		assertThat(provider.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")))).hasSize(4);
	}

	@Test
	void anOldRequestIsLookedUpByItsMetadataBeforeAnythingIsCreated() {
		var paymentId = UUID.randomUUID();
		var reference = "order:" + UUID.randomUUID();
		var query = "metadata['reference']:'" + reference + "'";
		provider.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).withQueryParam("query", equalTo(query))
				.willReturn(okJson("{\"object\": \"search_result\", \"data\": ["
						+ intent("pi_other", UUID.randomUUID(), reference, "canceled") + ","
						+ intent("pi_4", paymentId, reference, "succeeded") + "]}")));
		var now = Instant.now();

		var intent = gateway().createOnce(order(paymentId, reference), now.minus(Duration.ofHours(25)), now,
				Duration.ofHours(24));

		assertThat(intent.id()).isEqualTo("pi_4");
		assertThat(intent.status()).isEqualTo(Payment.Status.SUCCEEDED);
		provider.verify(1, getRequestedFor(urlPathEqualTo("/v1/payment_intents/search"))
				.withHeader("Authorization", equalTo("Bearer " + KEY)));
		provider.verify(0, postRequestedFor(urlEqualTo("/v1/payment_intents")));
	}

	@Test
	void anOldRequestTheProviderNeverSawIsCreatedAndAYoungOneIsNotLookedUp() {
		var paymentId = UUID.randomUUID();
		var reference = "order:" + UUID.randomUUID();
		provider.stubFor(get(urlPathEqualTo("/v1/payment_intents/search"))
				.willReturn(okJson("{\"object\": \"search_result\", \"data\": []}")));
		provider.stubFor(post(urlEqualTo("/v1/payment_intents"))
				.willReturn(okJson(intent("pi_5", paymentId, reference, "requires_payment_method"))));
		var now = Instant.now();

		assertThat(gateway().createOnce(order(paymentId, reference), now.minus(Duration.ofHours(30)), now,
				Duration.ofHours(24)).id()).isEqualTo("pi_5");
		provider.verify(1, getRequestedFor(urlPathEqualTo("/v1/payment_intents/search")));
		provider.verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents"))
				.withHeader("Idempotency-Key", equalTo("payment-" + paymentId)));

		gateway().createOnce(order(paymentId, reference), now.minus(Duration.ofHours(1)), now, Duration.ofHours(24));
		provider.verify(1, getRequestedFor(urlPathEqualTo("/v1/payment_intents/search")));
		provider.verify(2, postRequestedFor(urlEqualTo("/v1/payment_intents")));
	}

	@Test
	void aRefundCarriesItsOwnIdempotencyKeyAndAReadBackSeesWhatWasRefunded() {
		var paymentId = UUID.randomUUID();
		var refundId = UUID.randomUUID();
		provider.stubFor(post(urlEqualTo("/v1/refunds")).willReturn(okJson("""
				{"id": "re_1", "object": "refund", "amount": 1000, "payment_intent": "pi_6", "status": "succeeded",
				 "metadata": {"refund_id": "%s"}}""".formatted(refundId))));
		provider.stubFor(get(urlEqualTo("/v1/payment_intents/pi_6?expand%5B%5D=latest_charge")).willReturn(okJson("""
				{"id": "pi_6", "object": "payment_intent", "amount": 2580, "currency": "pln", "status": "succeeded",
				 "metadata": {"payment_id": "%s"},
				 "latest_charge": {"id": "ch_6", "object": "charge", "amount_refunded": 1000}}""".formatted(paymentId))));

		var refund = gateway().refund(new RefundOrder(refundId, paymentId, "pi_6", 1000, "customer asked"));
		assertThat(refund.id()).isEqualTo("re_1");
		assertThat(refund.status()).isEqualTo(Payment.RefundStatus.SUCCEEDED);
		provider.verify(1, postRequestedFor(urlEqualTo("/v1/refunds"))
				.withHeader("Authorization", equalTo("Bearer " + KEY))
				.withHeader("Idempotency-Key", equalTo("refund-" + refundId))
				.withFormParam("payment_intent", equalTo("pi_6")).withFormParam("amount", equalTo("1000"))
				.withFormParam("metadata[refund_id]", equalTo(refundId.toString())));

		var intent = gateway().retrieve("pi_6");
		assertThat(intent.status()).isEqualTo(Payment.Status.SUCCEEDED);
		assertThat(intent.refundedMinor()).isEqualTo(1000);
		assertThat(intent.currency()).isEqualTo("PLN");
		assertThat(intent.paymentId()).isEqualTo(paymentId);

		assertThatThrownBy(() -> gateway().retrieve("pi_6/../../v1/customers")).isInstanceOf(GatewayException.class);
		assertThat(new String(gateway().webhookSecret(), StandardCharsets.UTF_8)).isEqualTo("whsec_stripe_test");
	}

	@Test
	void withoutKeysNothingIsSentAndProductionWouldRefuseToStart() {
		var empty = new StripeGateway(new PaymentSettings.Stripe(URI.create(provider.baseUrl()), " ", null, null),
				new PaymentSettings.Outbound(1, Duration.ZERO, Duration.ofSeconds(1), 5, Duration.ofSeconds(1)),
				JsonMapper.builder().build(), Clock.systemUTC(), d -> { });
		assertThat(empty.missingSettings()).hasSize(2);
		assertThatThrownBy(() -> empty.create(order(UUID.randomUUID(), "order:k"))).isInstanceOf(GatewayException.class);
		assertThat(provider.getAllServeEvents()).isEmpty();
	}
}
