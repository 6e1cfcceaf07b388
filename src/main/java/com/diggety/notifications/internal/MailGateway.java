package com.diggety.notifications.internal;

/** The port an e-mail provider plugs into: hand over one message, or say why not. */
public interface MailGateway {

	/** One outgoing e-mail as the outbox holds it; {@code reference} is our id for it. */
	record Message(long id, String reference, String to, String subject, String body, int attempts) {
	}

	/** How a hand-over ended: {@code retry} when it may work later, {@code rejected} when it never will. */
	record Result(boolean sent, boolean retry, String reason) {

		static final Result SENT = new Result(true, false, null);

		static Result retry(String reason) {
			return new Result(false, true, reason);
		}

		static Result rejected(String reason) {
			return new Result(false, false, reason);
		}
	}

	/** The provider's name, as stored with each outgoing message. */
	String name();

	Result send(Message message);
}
