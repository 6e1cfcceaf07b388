package com.diggety.payments;

import java.time.Duration;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Refunds leave through the event publication registry (the transactional outbox): a stored refund's event is
 * handled after the commit, and a provider that could not be reached leaves the publication incomplete, to be
 * submitted again a minute later (and at a restart). The idempotency key makes every resend the same refund.
 */
@Component
class Refunds {

	private final Payments payments;
	private final IncompleteEventPublications incomplete;

	Refunds(Payments payments, IncompleteEventPublications incomplete) {
		this.payments = payments;
		this.incomplete = incomplete;
	}

	// no transaction around the provider call: the result is stored in a short one of its own
	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void send(RefundRequested requested) {
		payments.send(requested.refundId());
	}

	@Scheduled(fixedDelayString = "${diggety.payments.refund-retry:60s}", initialDelayString = "${diggety.payments.refund-retry:60s}")
	void resubmitFailed() {
		incomplete.resubmitIncompletePublications(ResubmissionOptions.defaults().withMinAge(Duration.ofMinutes(1))
				.withFilter(publication -> publication.getEvent() instanceof RefundRequested));
	}
}
