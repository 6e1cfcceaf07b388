package com.diggety.payments.stripe;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.diggety.payments.PaymentSettings;
import com.diggety.payments.gateway.CircuitBreaker;
import com.diggety.payments.gateway.Gateway;
import com.diggety.payments.gateway.GatewayException;
import com.diggety.payments.gateway.Intent;
import com.diggety.payments.gateway.IntentOrder;
import com.diggety.payments.gateway.ProviderRefund;
import com.diggety.payments.gateway.RefundOrder;
import com.diggety.payments.gateway.Retry;
import com.diggety.payments.gateway.StripeFormat;
import com.diggety.shared.CardNumbers;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Talks to a Stripe-style API. A payment is a PaymentIntent created with our payment id as its idempotency key and
 * our reference and payment id in its metadata; a refund likewise with our refund id. Every call goes through one
 * circuit breaker for the provider and is retried with backoff when it may pass on a second try (timeouts, 409
 * idempotency conflicts, 429, 5xx); a request the provider refuses (other 4xx) is not retried.
 */
public final class StripeGateway implements Gateway {

	private static final Logger log = LoggerFactory.getLogger(StripeGateway.class);
	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_]{1,255}");

	private final PaymentSettings.Stripe settings;
	private final PaymentSettings.Outbound outbound;
	private final ObjectMapper json;
	private final HttpClient client;
	private final Retry retry;
	private final CircuitBreaker breaker;

	public StripeGateway(PaymentSettings.Stripe settings, PaymentSettings.Outbound outbound, ObjectMapper json,
			Clock clock, Retry.Sleeper sleeper) {
		this.settings = settings;
		this.outbound = outbound;
		this.json = json;
		this.client = HttpClient.newBuilder().connectTimeout(outbound.timeout())
				.followRedirects(HttpClient.Redirect.NEVER).build();
		this.retry = new Retry(outbound.attempts(), outbound.backoff(), sleeper);
		this.breaker = new CircuitBreaker("Stripe", outbound.breakerFailures(), outbound.breakerOpenFor(), clock);
	}

	/** The settings a real account needs and that are missing; production refuses to start without them. */
	public List<String> missingSettings() {
		var missing = new ArrayList<String>();
		if (blank(settings.secretKey())) {
			missing.add("diggety.payments.stripe.secret-key (DIGGETY_STRIPE_SECRET_KEY)");
		}
		if (blank(settings.webhookSecret())) {
			missing.add("diggety.payments.stripe.webhook-secret (DIGGETY_STRIPE_WEBHOOK_SECRET)");
		}
		return missing;
	}

	@Override
	public String key() {
		return "stripe";
	}

	@Override
	public String name() {
		return "Stripe";
	}

	public CircuitBreaker.State breaker() {
		return breaker.state();
	}

	@Override
	public Intent create(IntentOrder order) {
		var form = new LinkedHashMap<String, String>();
		form.put("amount", String.valueOf(order.amountMinor()));
		form.put("currency", order.currency().toLowerCase(Locale.ROOT));
		if (order.description() != null) {
			form.put("description", order.description());
		}
		form.put("metadata[reference]", order.reference());
		form.put("metadata[payment_id]", order.paymentId().toString());
		form.put("automatic_payment_methods[enabled]", "true");
		var body = call(post("/v1/payment_intents", form, order.idempotencyKey()));
		var intent = StripeFormat.intent(body);
		return intent.checkoutUrl() != null ? intent : withCheckoutPage(intent, StripeFormat.text(body, "client_secret"));
	}

	private Intent withCheckoutPage(Intent intent, String clientSecret) {
		if (blank(settings.checkoutUrl())) {
			throw new GatewayException("The provider gave no confirmation URL and diggety.payments.stripe.checkout-url is not set", false);
		}
		var url = settings.checkoutUrl().replace("{id}", intent.id())
				.replace("{client_secret}", clientSecret == null ? "" : URLEncoder.encode(clientSecret, StandardCharsets.UTF_8));
		return new Intent(intent.id(), intent.status(), intent.amountMinor(), intent.currency(), intent.refundedMinor(),
				url, intent.paymentId(), intent.failure());
	}

	@Override
	public Optional<Intent> lookup(String reference, UUID paymentId) {
		var query = "metadata['reference']:'" + reference.replace("\\", "\\\\").replace("'", "\\'") + "'";
		var found = call(get("/v1/payment_intents/search?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)));
		for (var candidate : found.path("data").values()) {
			var intent = StripeFormat.intent(candidate);
			if (intent.paymentId() == null || intent.paymentId().equals(paymentId)) {
				log.info("Found the provider's payment {} for {} by its metadata", intent.id(), reference);
				return Optional.of(intent.checkoutUrl() != null || blank(settings.checkoutUrl()) ? intent
						: withCheckoutPage(intent, StripeFormat.text(candidate, "client_secret")));
			}
		}
		return Optional.empty();
	}

	@Override
	public Intent retrieve(String providerId) {
		return StripeFormat.intent(call(get("/v1/payment_intents/" + checked(providerId) + "?expand%5B%5D=latest_charge")));
	}

	@Override
	public ProviderRefund refund(RefundOrder order) {
		var form = new LinkedHashMap<String, String>();
		form.put("payment_intent", checked(order.providerPaymentId()));
		form.put("amount", String.valueOf(order.amountMinor()));
		form.put("reason", "requested_by_customer");
		form.put("metadata[refund_id]", order.refundId().toString());
		form.put("metadata[payment_id]", order.paymentId().toString());
		return StripeFormat.refund(call(post("/v1/refunds", form, order.idempotencyKey())));
	}

	@Override
	public Optional<ProviderRefund> lookupRefund(String providerPaymentId, UUID refundId) {
		var found = call(get("/v1/refunds?limit=100&payment_intent=" + checked(providerPaymentId)));
		for (var candidate : found.path("data").values()) {
			if (refundId.toString().equals(StripeFormat.text(candidate.path("metadata"), "refund_id"))) {
				return Optional.of(StripeFormat.refund(candidate));
			}
		}
		return Optional.empty();
	}

	@Override
	public byte[] webhookSecret() {
		if (blank(settings.webhookSecret())) {
			throw new GatewayException("No webhook secret is configured", false);
		}
		return settings.webhookSecret().getBytes(StandardCharsets.UTF_8);
	}

	private HttpRequest.Builder request(String path) {
		if (blank(settings.secretKey())) {
			throw new GatewayException("No API key is configured for the provider", false);
		}
		var base = settings.baseUrl().toString().replaceAll("/+$", "");
		return HttpRequest.newBuilder(URI.create(base + path)).timeout(outbound.timeout())
				.header("Authorization", "Bearer " + settings.secretKey()).header("Accept", "application/json");
	}

	private HttpRequest post(String path, Map<String, String> form, String idempotencyKey) {
		var body = form.entrySet().stream()
				.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
		return request(path).header("Content-Type", "application/x-www-form-urlencoded")
				.header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(body)).build();
	}

	private HttpRequest get(String path) {
		return request(path).GET().build();
	}

	/** Sends through the breaker, retried with backoff; the same request (and idempotency key) on every try. */
	private JsonNode call(HttpRequest request) {
		return breaker.call(() -> retry.run(() -> send(request)));
	}

	private JsonNode send(HttpRequest request) {
		var what = request.method() + " " + request.uri().getPath();
		HttpResponse<String> response;
		try {
			response = client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			log.warn("{} failed: {}", what, e.getClass().getSimpleName());
			throw new GatewayException(what + " did not answer (" + e.getClass().getSimpleName() + ")", true, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new GatewayException(what + " was interrupted", true, e);
		}
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			try {
				return json.readTree(response.body());
			}
			catch (JacksonException e) {
				throw new GatewayException(what + " answered with something that is not JSON", true, e);
			}
		}
		var message = what + " answered " + status + errorMessage(response.body());
		boolean retryable = status == 409 || status == 429 || status >= 500;
		log.warn("{}", message);
		throw new GatewayException(message, retryable);
	}

	private String errorMessage(String body) {
		try {
			var message = StripeFormat.text(json.readTree(body).path("error"), "message");
			return message == null ? "" : ": " + StripeFormat.clip(CardNumbers.redact(message), 200);
		}
		catch (JacksonException | IllegalArgumentException e) {
			return "";
		}
	}

	private static String checked(String providerId) {
		if (providerId == null || !ID.matcher(providerId).matches()) {
			throw new GatewayException("Not a provider id: " + StripeFormat.clip(String.valueOf(providerId), 40), false);
		}
		return providerId;
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}
}
