package com.diggety.payments;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How payments talk to their provider.
 *
 * @param gateway           {@code sandbox} (the embedded default: a real gateway with its own checkout page, inside
 *                          this app) or {@code stripe} (a Stripe-style HTTPS API)
 * @param webhookTolerance  how old a webhook's signed timestamp may be
 * @param idempotencyKeyTtl how long the provider keeps idempotency keys (Stripe: 24 h); a request older than this is
 *                          first looked up by our id in the provider's metadata
 * @param outbound          retries, timeouts and the circuit breaker of calls to the provider
 * @param stripe            the Stripe-style provider; keys come from the environment, never from code
 * @param sandbox           the sandbox gateway
 */
@ConfigurationProperties("diggety.payments")
public record PaymentSettings(@DefaultValue("sandbox") String gateway, @DefaultValue("5m") Duration webhookTolerance,
		@DefaultValue("24h") Duration idempotencyKeyTtl, @DefaultValue Outbound outbound, @DefaultValue Stripe stripe,
		@DefaultValue Sandbox sandbox) {

	public PaymentSettings {
		if (!"sandbox".equals(gateway) && !"stripe".equals(gateway)) {
			throw new IllegalArgumentException("diggety.payments.gateway must be sandbox or stripe, not " + gateway);
		}
	}

	/**
	 * @param attempts        tries of one call (the first included), all with the same idempotency key
	 * @param backoff         the wait before the second try; doubled before each further one, with jitter
	 * @param timeout         how long one try may take
	 * @param breakerFailures consecutive failed calls that open the circuit breaker
	 * @param breakerOpenFor  how long an open breaker refuses calls before letting one through to test the water
	 */
	public record Outbound(@DefaultValue("3") int attempts, @DefaultValue("300ms") Duration backoff,
			@DefaultValue("10s") Duration timeout, @DefaultValue("5") int breakerFailures,
			@DefaultValue("30s") Duration breakerOpenFor) {
	}

	/**
	 * @param baseUrl       the API's address
	 * @param secretKey     the API key sent as a bearer token ({@code DIGGETY_STRIPE_SECRET_KEY})
	 * @param webhookSecret the secret webhooks are signed with ({@code DIGGETY_STRIPE_WEBHOOK_SECRET})
	 * @param checkoutUrl   our page that confirms a payment with the provider's script, when the provider's answer
	 *                      carries no redirect URL; {@code {id}} and {@code {client_secret}} are filled in
	 */
	public record Stripe(@DefaultValue("https://api.stripe.com") URI baseUrl, String secretKey, String webhookSecret,
			String checkoutUrl) {
	}

	/**
	 * @param webhookUrl    where the sandbox delivers its webhooks; by default this app's own endpoint on its local port
	 * @param webhookSecret the sandbox's signing secret; generated at start when empty
	 * @param events        the event types the sandbox's webhook endpoint is subscribed to, as a Stripe endpoint's
	 *                      {@code enabled_events}: by default those that move a payment (empty: every event)
	 */
	public record Sandbox(String webhookUrl, String webhookSecret,
			@DefaultValue({ "payment_intent.processing", "payment_intent.succeeded", "payment_intent.payment_failed",
					"refund.created", "charge.refunded" }) java.util.List<String> events) {
	}
}
