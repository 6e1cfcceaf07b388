package com.diggety.notifications.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.diggety.shared.Sql;

/**
 * The SMS provider of the embedded default: a real implementation of the port that "delivers" into a table the
 * office reads in {@code /admin/}. Like a real provider it keeps our reference with each message, so a lost answer
 * is found again instead of sending twice.
 */
public final class SmsSandbox implements SmsGateway {

	/** A text the sandbox received for delivery. */
	public record Delivered(long id, String to, String from, String body, String reference, Instant sentAt) {
	}

	private final JdbcClient db;

	public SmsSandbox(JdbcClient db) {
		this.db = db;
	}

	@Override
	public String name() {
		return "sandbox";
	}

	@Override
	public Result send(Message message) {
		var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		db.sql("INSERT INTO sms_sandbox (to_number, from_number, body, reference, sent_at) VALUES (?, ?, ?, ?, ?)")
				.params(message.to(), message.from(), message.body(), message.reference(), Sql.ts(Instant.now()))
				.update(keys, "id");
		return new Sent("SB" + keys.getKey().longValue());
	}

	@Override
	public Optional<String> find(Message message) {
		return db.sql("SELECT id FROM sms_sandbox WHERE reference = ? ORDER BY id LIMIT 1").param(message.reference())
				.query(Long.class).optional().map(id -> "SB" + id);
	}

	/** The newest texts first, optionally only those to one number. */
	public List<Delivered> delivered(String to, int limit) {
		var sql = new StringBuilder("SELECT * FROM sms_sandbox");
		var params = new ArrayList<Object>();
		if (to != null && !to.isBlank()) {
			sql.append(" WHERE to_number = ?");
			params.add(to.trim());
		}
		sql.append(" ORDER BY id DESC LIMIT ").append(Math.max(1, Math.min(limit, 1000)));
		return db.sql(sql.toString()).params(params)
				.query((rs, i) -> new Delivered(rs.getLong("id"), rs.getString("to_number"), rs.getString("from_number"),
						rs.getString("body"), rs.getString("reference"), Sql.instant(rs, "sent_at")))
				.list();
	}
}
