package com.diggety.notifications.internal;

/**
 * The e-mail provider of the embedded default: accepts every message without sending it anywhere. The outbox row,
 * marked sent, is the sandbox's copy, which the office reads through {@code GET /api/v1/mail/outbox}.
 */
public final class MailSandbox implements MailGateway {

	@Override
	public String name() {
		return "sandbox";
	}

	@Override
	public Result send(Message message) {
		return Result.SENT;
	}
}
