package com.diggety.shared;

import java.time.Duration;

import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Work that happens after a request: module listeners run asynchronously after the commit that published their
 * event (the event publication registry keeps them until they complete, and incomplete ones are retried), and
 * periodic checks run on a schedule.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
@EnableScheduling
class Background {

	private final IncompleteEventPublications incomplete;

	Background(IncompleteEventPublications incomplete) {
		this.incomplete = incomplete;
	}

	/**
	 * A listener that failed on a transient problem (a deadlock, a lost connection) is tried again a minute later;
	 * listeners are idempotent, so a retry never applies an effect twice.
	 */
	@Scheduled(fixedDelayString = "${diggety.events.retry-every:60s}", initialDelayString = "${diggety.events.retry-every:60s}")
	void retryIncompleteEvents() {
		incomplete.resubmitIncompletePublicationsOlderThan(Duration.ofSeconds(60));
	}
}
