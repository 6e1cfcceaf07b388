package com.diggety.notifications;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

import com.diggety.notifications.internal.CircuitBreaker;
import com.diggety.notifications.internal.MailGateway;
import com.diggety.notifications.internal.MailRelay;
import com.diggety.notifications.internal.MailSandbox;
import com.diggety.notifications.internal.SmtpMail;
import com.diggety.notifications.internal.SmsSandbox;
import com.diggety.notifications.internal.SmsGateway;
import com.diggety.notifications.internal.OutboxPolicy;
import com.diggety.notifications.internal.SmsRelay;
import com.diggety.notifications.internal.TwilioGateway;

import tools.jackson.databind.ObjectMapper;

/**
 * Wires the SMS provider chosen by {@code diggety.sms.provider}, the e-mail provider chosen by
 * {@code diggety.mail.provider}, and the defaults other modules may replace.
 */
@Configuration(proxyBeanMethods = false)
class NotificationsConfig {

	/** The sandbox's table is always there to read, whichever provider sends. */
	@Bean
	SmsSandbox smsSandbox(JdbcClient db) {
		return new SmsSandbox(db);
	}

	@Bean
	SmsRelay smsRelay(JdbcClient db, SmsSettings settings, SmsSandbox sandbox, ObjectMapper json) {
		SmsGateway gateway = switch (settings.provider()) {
			case SANDBOX -> sandbox;
			case TWILIO -> new TwilioGateway(settings.twilio().baseUrl(), settings.twilio().accountSid(),
					settings.twilio().authToken(), settings.twilio().timeout(), json);
		};
		var delivery = settings.delivery();
		var clock = Clock.systemUTC();
		return new SmsRelay(db, gateway,
				new CircuitBreaker(gateway.name(), delivery.breakerFailures(), delivery.breakerOpenFor(), clock),
				new OutboxPolicy(delivery.maxAttempts(), delivery.firstRetry(), delivery.maxRetry(),
						settings.twilio().timeout().multipliedBy(2).plus(Duration.ofSeconds(30))),
				clock);
	}

	@Bean
	MailRelay mailRelay(JdbcClient db, MailSettings settings,
			org.springframework.beans.factory.ObjectProvider<org.springframework.mail.javamail.JavaMailSender> smtp) {
		MailGateway gateway = switch (settings.provider()) {
			case SANDBOX -> new MailSandbox();
			case SMTP -> new SmtpMail(smtp.getIfAvailable(() -> {
				throw new IllegalStateException("diggety.mail.provider is smtp but spring.mail.host is not set");
			}), settings.from());
		};
		var delivery = settings.delivery();
		var clock = Clock.systemUTC();
		return new MailRelay(db, gateway,
				new CircuitBreaker("mail:" + gateway.name(), delivery.breakerFailures(), delivery.breakerOpenFor(), clock),
				new OutboxPolicy(delivery.maxAttempts(), delivery.firstRetry(), delivery.maxRetry(), delivery.lease()),
				clock);
	}

	/** Nobody counts as connected until a live channel provides this (the sync module's, later). */
	@Bean
	@Fallback
	LiveConnections noLiveChannel() {
		return () -> false;
	}

	/** Retries, and texts whose after-commit nudge was lost in a restart. */
	@Configuration(proxyBeanMethods = false)
	static class Outbox {

		private final SmsRelay relay;

		Outbox(SmsRelay relay) {
			this.relay = relay;
		}

		@EventListener(ApplicationReadyEvent.class)
		void adopt() {
			relay.adoptPending();
		}

		@Scheduled(fixedDelayString = "${diggety.sms.delivery.poll:5s}", initialDelayString = "${diggety.sms.delivery.poll:5s}")
		void deliverDue() {
			relay.deliverDue();
		}
	}

	/** E-mail retries, and e-mails whose after-commit nudge was lost in a restart. */
	@Configuration(proxyBeanMethods = false)
	static class MailOutbox {

		private final MailRelay relay;

		MailOutbox(MailRelay relay) {
			this.relay = relay;
		}

		@EventListener(ApplicationReadyEvent.class)
		void adopt() {
			relay.adoptPending();
		}

		@Scheduled(fixedDelayString = "${diggety.mail.delivery.poll:10s}", initialDelayString = "${diggety.mail.delivery.poll:10s}")
		void deliverDue() {
			relay.deliverDue();
		}
	}

	/** Order subscriptions nobody ended (an order left where it was) go when their day is up. */
	@Configuration(proxyBeanMethods = false)
	static class PushExpiry {

		private final Push push;

		PushExpiry(Push push) {
			this.push = push;
		}

		@Scheduled(fixedDelayString = "${diggety.push.purge-every:15m}", initialDelayString = "${diggety.push.purge-every:15m}")
		void purge() {
			push.purgeExpired();
		}
	}
}
