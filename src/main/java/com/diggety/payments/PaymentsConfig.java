package com.diggety.payments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.diggety.payments.stripe.StripeGateway;

import tools.jackson.databind.ObjectMapper;

/**
 * Picks the gateway: the sandbox by default (see its package), the Stripe-style adapter with
 * {@code diggety.payments.gateway=stripe}, whose keys come from the environment. Under a missing key the
 * application refuses to start, after the other start-up checks had their say.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PaymentsConfig {

	@Bean
	@ConditionalOnProperty(name = "diggety.payments.gateway", havingValue = "stripe")
	StripeGateway stripeGateway(PaymentSettings settings, ObjectMapper json) {
		return new StripeGateway(settings.stripe(), settings.outbound(), json, Clock.systemUTC(),
				d -> Thread.sleep(d.toMillis()));
	}

	@Bean
	@ConditionalOnProperty(name = "diggety.payments.gateway", havingValue = "stripe")
	ApplicationListener<ContextRefreshedEvent> stripeKeysPresent(StripeGateway stripe) {
		return event -> {
			var missing = stripe.missingSettings();
			if (!missing.isEmpty()) {
				throw new IllegalStateException("Refusing to start: the Stripe gateway needs " + String.join(" and ", missing));
			}
		};
	}

	/**
	 * Reads back online payments that went quiet while open: a lost webhook must not leave a paid order unpaid.
	 */
	@Component
	static class Reconciler {

		private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

		private final Payments payments;

		Reconciler(Payments payments) {
			this.payments = payments;
		}

		@Scheduled(fixedDelayString = "${diggety.payments.reconcile-every:5m}", initialDelayString = "${diggety.payments.reconcile-every:5m}")
		void reconcile() {
			var now = Instant.now();
			for (var id : payments.stale(now.minus(Duration.ofMinutes(10)), now.minus(Duration.ofDays(2)), 50)) {
				try {
					payments.refresh(id);
				}
				catch (RuntimeException e) {
					log.warn("Could not read payment {} back from the provider: {}", id, e.getMessage());
					return;
				}
			}
		}
	}
}
