package com.diggety.notifications;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How e-mails leave.
 *
 * @param provider {@code sandbox} (the default: e-mails stay in the outbox the office reads) or {@code smtp} (the
 *                 server of {@code spring.mail.host}, {@code port}, {@code username}, {@code password})
 * @param from     the sender address
 * @param delivery retries
 */
@ConfigurationProperties("diggety.mail")
record MailSettings(@DefaultValue("sandbox") Provider provider, @DefaultValue("Diggety <orders@diggety.example>") String from,
		@DefaultValue Delivery delivery) {

	enum Provider {
		SANDBOX, SMTP
	}

	/**
	 * @param maxAttempts     sends per e-mail before it is given up (12 from 10 s to 30 min: about 3 hours)
	 * @param firstRetry      wait after the first failure, doubling after each further one
	 * @param maxRetry        the longest wait
	 * @param lease           how long a claimed e-mail is left alone by other workers (longer than one SMTP call with
	 *                        its timeouts, {@code spring.mail.properties.mail.smtp.*timeout})
	 * @param breakerFailures failures in a row that open the server's circuit breaker
	 * @param breakerOpenFor  how long an open breaker rests before one trial
	 * @param poll            how often due e-mails are looked for
	 */
	record Delivery(@DefaultValue("12") int maxAttempts, @DefaultValue("10s") Duration firstRetry,
			@DefaultValue("30m") Duration maxRetry, @DefaultValue("2m") Duration lease,
			@DefaultValue("5") int breakerFailures, @DefaultValue("60s") Duration breakerOpenFor,
			@DefaultValue("10s") Duration poll) {
	}
}
