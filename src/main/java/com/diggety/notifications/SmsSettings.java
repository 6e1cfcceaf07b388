package com.diggety.notifications;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How texts leave and arrive.
 *
 * @param provider   {@code sandbox} (the default: texts land in a table shown in /admin/) or {@code twilio}
 * @param from       our sending number (E.164)
 * @param webhookUrl the public URL the provider calls for inbound texts, exactly as configured there; needed behind
 *                   proxies that change the URL, since the provider signs the URL it called
 * @param twilio     the Twilio-style provider; its auth token also verifies the inbound webhook
 * @param delivery   retries and the provider's circuit breaker
 */
@ConfigurationProperties("diggety.sms")
record SmsSettings(@DefaultValue("sandbox") Provider provider, @DefaultValue("+48100000000") String from, URI webhookUrl,
		@DefaultValue Twilio twilio, @DefaultValue Delivery delivery) {

	enum Provider {
		SANDBOX, TWILIO
	}

	/**
	 * @param baseUrl    the API's base URL
	 * @param accountSid the account (HTTP Basic user); from the environment, never in code
	 * @param authToken  the account's secret (HTTP Basic password and webhook signing key); from the environment
	 * @param timeout    connect and answer timeout of one call
	 */
	record Twilio(@DefaultValue("https://api.twilio.com") URI baseUrl, String accountSid, String authToken,
			@DefaultValue("10s") Duration timeout) {
	}

	/**
	 * @param maxAttempts     sends per text before it is given up
	 * @param firstRetry      wait after the first failure, doubling after each further one
	 * @param maxRetry        the longest wait
	 * @param breakerFailures failures in a row that open the provider's circuit breaker
	 * @param breakerOpenFor  how long an open breaker rests before one trial call
	 * @param poll            how often due texts are looked for
	 */
	record Delivery(@DefaultValue("8") int maxAttempts, @DefaultValue("5s") Duration firstRetry,
			@DefaultValue("15m") Duration maxRetry, @DefaultValue("5") int breakerFailures,
			@DefaultValue("60s") Duration breakerOpenFor, @DefaultValue("5s") Duration poll) {
	}
}
