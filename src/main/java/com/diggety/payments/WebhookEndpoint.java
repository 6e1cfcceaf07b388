package com.diggety.payments;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.diggety.payments.gateway.Gateway;
import com.diggety.payments.gateway.ProviderEvent;
import com.diggety.payments.gateway.WebhookSignature;
import com.diggety.shared.Problem;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import tools.jackson.databind.ObjectMapper;

/**
 * The provider's webhooks. The raw body is checked against the {@code Stripe-Signature} header before anything is
 * read from it; a verified event is stored in the inbox and answered 200 at once (a duplicate too, so the provider
 * stops resending it), and applied after.
 */
@RestController
@Tag(name = "Payments")
class WebhookEndpoint {

	private static final Logger log = LoggerFactory.getLogger(WebhookEndpoint.class);

	record Received(String eventId, boolean duplicate) {
	}

	private final Gateway gateway;
	private final Inbox inbox;
	private final PaymentSettings settings;
	private final ObjectMapper json;

	WebhookEndpoint(Gateway gateway, Inbox inbox, PaymentSettings settings, ObjectMapper json) {
		this.gateway = gateway;
		this.inbox = inbox;
		this.settings = settings;
		this.json = json;
	}

	@Operation(summary = "Payment provider events, verified by their Stripe-Signature header (public; 400 without the "
			+ "header, 401 for a signature that does not match or is older than the tolerance)")
	@PostMapping("/api/v1/webhooks/payments")
	Received receive(@RequestHeader(name = WebhookSignature.HEADER, required = false) String signature,
			@RequestBody(required = false) byte[] body) {
		if (signature == null || signature.isBlank()) {
			throw Problem.badRequest("The " + WebhookSignature.HEADER + " header is required");
		}
		var raw = body == null ? new byte[0] : body;
		var verdict = WebhookSignature.verify(signature, raw, gateway.webhookSecret(), Instant.now(),
				settings.webhookTolerance());
		if (verdict != WebhookSignature.Verdict.VALID) {
			log.warn("Refused a payment webhook: {}", verdict);
			throw Problem.of(HttpStatus.UNAUTHORIZED, "Unauthorized", "The webhook signature is not valid");
		}
		var payload = new String(raw, StandardCharsets.UTF_8);
		var event = ProviderEvent.parse(json, payload);
		if (event == null) {
			throw Problem.badRequest("The body is not a provider event");
		}
		boolean stored = inbox.store(gateway.key(), event, payload);
		if (stored) {
			inbox.nudge();
		}
		return new Received(event.id(), !stored);
	}
}
