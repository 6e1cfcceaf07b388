package com.diggety.notifications.internal;

import java.time.Instant;
import java.util.Optional;

/**
 * The port an SMS provider plugs into: send one message, and find one sent earlier whose answer was lost (a timeout
 * after the provider had already accepted it), so a retry never texts the same person twice.
 */
public interface SmsGateway {

	/** One outgoing text as the outbox holds it; {@code reference} is our id for it, the idempotency key. */
	record Message(long id, String reference, String to, String from, String body, Instant createdAt, int attempts) {
	}

	/** How a send ended. */
	sealed interface Result {
	}

	/** The provider accepted the message under its own id. */
	record Sent(String providerId) implements Result {
	}

	/** The provider failed or did not answer: try again later (its answer may have been lost). */
	record Retry(String reason) implements Result {
	}

	/** The provider refused this message for good (an invalid number, say): do not try again. */
	record Rejected(String reason) implements Result {
	}

	/** The provider's name, as stored with each outgoing message. */
	String name();

	Result send(Message message);

	/**
	 * The provider's id of this message if the provider already has it (an earlier attempt went through though its
	 * answer was lost); empty when it has not; {@link Retry} semantics are signalled by an exception.
	 */
	Optional<String> find(Message message) throws LookupFailed;

	/** The provider could not be asked. */
	final class LookupFailed extends Exception {
		public LookupFailed(String reason) {
			super(reason);
		}
	}
}
