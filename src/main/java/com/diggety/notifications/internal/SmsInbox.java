package com.diggety.notifications.internal;

import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.diggety.notifications.SmsReceived;
import com.diggety.shared.CardNumbers;
import com.diggety.shared.Sql;

/**
 * Inbound texts, whether from the provider's signed webhook or the sandbox: stored once per provider message id,
 * and announced as {@link SmsReceived} in the same transaction (the event publication registry keeps the event until
 * every listener has handled it). A duplicate delivery changes nothing and announces nothing.
 */
@Component
public class SmsInbox {

	public static final int MAX_BODY = 1600;

	private final JdbcClient db;
	private final ApplicationEventPublisher events;

	SmsInbox(JdbcClient db, ApplicationEventPublisher events) {
		this.db = db;
		this.events = events;
	}

	/** Stores and announces the text; false when this message id was received before. */
	@Transactional
	public boolean receive(String messageId, String from, String to, String body) {
		var text = CardNumbers.redact(body == null ? "" : body);
		if (text.length() > MAX_BODY) {
			text = text.substring(0, MAX_BODY);
		}
		var now = Instant.now();
		int inserted = db.sql("""
				INSERT INTO sms_inbox (message_sid, from_number, to_number, body, received_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT DO NOTHING""").params(messageId, from, to, text, Sql.ts(now)).update();
		if (inserted == 0) {
			return false;
		}
		events.publishEvent(new SmsReceived(messageId, from, to, text, now));
		return true;
	}
}
