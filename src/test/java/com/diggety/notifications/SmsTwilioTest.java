package com.diggety.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.diggety.ApiTest;
import com.diggety.notifications.internal.CircuitBreaker;
import com.diggety.notifications.internal.OutboxPolicy;
import com.diggety.notifications.internal.SmsRelay;
import com.diggety.notifications.internal.TwilioGateway;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import tools.jackson.databind.ObjectMapper;

/**
 * The Twilio-style adapter against WireMock playing Twilio, through the real outbox on PostgreSQL: the form fields
 * and Basic auth, retries after a 500 or a timeout that never text anyone twice, the same reference sent once, and
 * the circuit breaker that stops calling a provider that keeps failing. The adapter is built here with its own
 * settings; the shared context keeps sending through the sandbox.
 */
class SmsTwilioTest extends ApiTest {

	static final String ACCOUNT = "ACtest0001";
	static final String TOKEN = "twilio-test-token";
	static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
	static final String FROM = "+48100000000";
	static final Duration TIMEOUT = Duration.ofMillis(1500);

	static WireMockServer twilio;

	@Autowired
	JdbcClient db;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	ObjectMapper json;

	CircuitBreaker breaker;
	SmsRelay relay;
	Sms sms;

	@BeforeAll
	static void startTwilio() {
		twilio = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		twilio.start();
		// the first request to a fresh server is slow on a small machine: make it before any test times one
		try {
			java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(twilio.baseUrl() + "/__admin/health")).build(),
					java.net.http.HttpResponse.BodyHandlers.discarding());
		}
		catch (java.io.IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	@AfterAll
	static void stopTwilio() {
		twilio.stop();
	}

	@BeforeEach
	void adapter() {
		twilio.resetAll();
		var gateway = new TwilioGateway(URI.create(twilio.baseUrl()), ACCOUNT, TOKEN, TIMEOUT, json);
		breaker = new CircuitBreaker("twilio", 3, Duration.ofMinutes(1), Clock.systemUTC());
		relay = new SmsRelay(db, gateway, breaker,
				new OutboxPolicy(5, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(10)), Clock.systemUTC());
		var settings = new SmsSettings(SmsSettings.Provider.TWILIO, FROM, null,
				new SmsSettings.Twilio(URI.create(twilio.baseUrl()), ACCOUNT, TOKEN, TIMEOUT),
				new SmsSettings.Delivery(5, Duration.ofMillis(1), Duration.ofMillis(5), 3, Duration.ofMinutes(1), Duration.ofSeconds(5)));
		// the nudge after commit runs at once on this thread, so each test sees its first attempt done
		sms = new Sms(db, relay, Runnable::run, settings);
	}

	/** Each test texts its own numbers, so a slow answer from an earlier test cannot count as one of its calls. */
	@AfterEach
	void leaveNothingPending() {
		db.sql("UPDATE sms_outbox SET status = 'FAILED' WHERE provider = 'twilio' AND status = 'PENDING'").update();
	}

	void send(String to, String text, String reference) {
		new TransactionTemplate(transactions).executeWithoutResult(status -> sms.send(to, text, reference));
	}

	static String reference() {
		return "test:" + UUID.randomUUID();
	}

	static String created(String sid, String to, String body) {
		var date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
		return "{\"sid\":\"" + sid + "\",\"to\":\"" + to + "\",\"from\":\"" + FROM + "\",\"body\":\"" + body
				+ "\",\"status\":\"queued\",\"date_created\":\"" + date + "\"}";
	}

	@Test
	void theProviderGetsTheFormFieldsWithBasicAuthAndOneReferenceTextsOnce() {
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).withBasicAuth(ACCOUNT, TOKEN)
				.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
						.withBody(created("SM0001", "+48600400500", "Brakuje bułek na KRK-07"))));
		var reference = reference();
		send("+48600400500", "Brakuje bułek na KRK-07", reference);
		send("+48600400500", "Brakuje bułek na KRK-07", reference);

		twilio.verify(exactly(1), postRequestedFor(urlPathEqualTo(MESSAGES))
				.withHeader("Authorization", equalTo("Basic "
						+ Base64.getEncoder().encodeToString((ACCOUNT + ":" + TOKEN).getBytes())))
				.withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("application/x-www-form-urlencoded"))
				.withHeader("Idempotency-Key", equalTo(reference))
				.withFormParam("To", equalTo("+48600400500"))
				.withFormParam("From", equalTo(FROM))
				.withFormParam("Body", equalTo("Brakuje bułek na KRK-07")));
		var delivery = sms.delivery(reference).orElseThrow();
		assertThat(delivery.status()).isEqualTo("SENT");
		assertThat(delivery.providerId()).isEqualTo("SM0001");
		assertThat(delivery.attempts()).isEqualTo(1);
		assertThat(relay.deliverDue()).isZero();
		twilio.verify(exactly(1), postRequestedFor(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo("+48600400500")));
	}

	@Test
	void aFailedSendIsRetriedAndTheProviderIsAskedFirst() {
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
				.willReturn(aResponse().withStatus(500).withBody("{\"code\":20500,\"message\":\"Internal Server Error\"}"))
				.willSetStateTo("up"));
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("flaky").whenScenarioStateIs("up")
				.willReturn(aResponse().withStatus(201).withBody(created("SM0002", "+48600400501", "Kod 1234"))));
		twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200).withBody("{\"messages\":[]}")));
		var reference = reference();
		send("+48600400501", "Kod 1234", reference);
		assertThat(sms.delivery(reference).orElseThrow().status()).isEqualTo("PENDING");

		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
			relay.deliverDue();
			return "SENT".equals(sms.delivery(reference).orElseThrow().status());
		});
		var delivery = sms.delivery(reference).orElseThrow();
		assertThat(delivery.providerId()).isEqualTo("SM0002");
		assertThat(delivery.attempts()).isEqualTo(2);
		twilio.verify(exactly(2), postRequestedFor(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo("+48600400501")));
		twilio.verify(exactly(1), getRequestedFor(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo("+48600400501"))
				.withQueryParam("From", equalTo(FROM)));
	}

	@Test
	void aTimeoutAfterTheProviderTookTheTextDoesNotSendItTwice() {
		// the provider accepts the text but answers too late: our attempt times out
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201).withFixedDelay(4_000)
				.withBody(created("SM0003", "+48600400502", "Zamówienie 42 gotowe"))));
		twilio.stubFor(get(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo("+48600400502"))
				.willReturn(aResponse().withStatus(200).withBody("{\"messages\":[" + created("SM-OTHER", "+48600400502", "Inna wiadomość")
						+ "," + created("SM0003", "+48600400502", "Zamówienie 42 gotowe") + "]}")));
		var reference = reference();
		send("+48600400502", "Zamówienie 42 gotowe", reference);
		assertThat(sms.delivery(reference).orElseThrow().status()).isEqualTo("PENDING");

		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
			relay.deliverDue();
			return "SENT".equals(sms.delivery(reference).orElseThrow().status());
		});
		assertThat(sms.delivery(reference).orElseThrow().providerId()).isEqualTo("SM0003");
		twilio.verify(exactly(1), postRequestedFor(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo("+48600400502")));
		twilio.verify(exactly(1), getRequestedFor(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo("+48600400502")));
	}

	@Test
	void aRefusedNumberIsGivenUpAtOnce() {
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400)
				.withBody("{\"code\":21211,\"message\":\"The 'To' number +48600400503 is not a valid phone number.\"}")));
		twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200).withBody("{\"messages\":[]}")));
		var reference = reference();
		send("+48600400503", "Kod 5555", reference);
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
			relay.deliverDue();
			return !"PENDING".equals(sms.delivery(reference).orElseThrow().status());
		});
		assertThat(sms.delivery(reference).orElseThrow().status()).isEqualTo("FAILED");
		assertThat(breaker.state()).as("a refusal means the provider is up").isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(db.sql("SELECT last_error FROM sms_outbox WHERE reference = ?").param(reference).query(String.class).single())
				.isEqualTo("HTTP 400 code 21211");
	}

	@Test
	void theCircuitOpensAfterRepeatedFailuresAndTheOutboxWaits() {
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)));
		twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)));
		var references = new java.util.ArrayList<String>();
		for (int i = 0; i < 5; i++) {
			references.add(reference());
			send("+4860040060" + i, "Alert " + i, references.get(i));
		}
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
		var ours = postRequestedFor(urlPathEqualTo(MESSAGES)).withFormParam("To", matching("\\+4860040060[0-9]"));
		twilio.verify(exactly(3), ours);
		relay.deliverDue();
		relay.deliverDue();
		twilio.verify(exactly(3), ours);
		twilio.verify(exactly(0), getRequestedFor(urlPathEqualTo(MESSAGES)).withQueryParam("To", matching("\\+4860040060[0-9]")));
		for (var reference : references) {
			var delivery = sms.delivery(reference).orElseThrow();
			assertThat(delivery.status()).as("kept for later, not lost").isEqualTo("PENDING");
			assertThat(delivery.attempts()).isLessThanOrEqualTo(1);
		}
		var waitUntil = db.sql("SELECT MIN(next_attempt_at) FROM sms_outbox WHERE reference IN (:refs)")
				.param("refs", references).query(java.time.OffsetDateTime.class).single();
		assertThat(waitUntil.toInstant()).isAfter(java.time.Instant.now().plusSeconds(30));
	}
}
