package com.diggety.notifications;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.diggety.shared.Problem;
import com.diggety.shared.Sql;

/**
 * Staff phone numbers for texts (a driver's low-stock alerts when the app is closed). Each person keeps their own;
 * the number is used for nothing else.
 */
@Service
public class Contacts {

	private final JdbcClient db;

	Contacts(JdbcClient db) {
		this.db = db;
	}

	public Optional<String> phoneOf(long userId) {
		return db.sql("SELECT phone FROM notification_contacts WHERE user_id = ?").param(userId).query(String.class)
				.optional();
	}

	/** The numbers of those of these accounts that have one: account id -> number. */
	public Map<Long, String> phonesOf(Collection<Long> userIds) {
		var phones = new LinkedHashMap<Long, String>();
		if (userIds.isEmpty()) {
			return phones;
		}
		db.sql("SELECT user_id, phone FROM notification_contacts WHERE user_id IN (:ids) ORDER BY user_id")
				.param("ids", userIds)
				.query((rs, i) -> phones.put(rs.getLong("user_id"), rs.getString("phone"))).list();
		return phones;
	}

	@Transactional
	public String set(long userId, String phone) {
		var number = phone == null ? "" : phone.replaceAll("[ ()-]", "");
		if (!Sms.E164.matcher(number).matches()) {
			throw Problem.invalid("phone", "must be a phone number in E.164 form, like +48600100200");
		}
		var now = Sql.ts(Instant.now());
		if (db.sql("UPDATE notification_contacts SET phone = ?, updated_at = ? WHERE user_id = ?")
				.params(number, now, userId).update() == 0) {
			db.sql("INSERT INTO notification_contacts (user_id, phone, updated_at) VALUES (?, ?, ?)")
					.params(userId, number, now).update();
		}
		return number;
	}

	/** Gives the account this number unless it has one (demo seeding). */
	@Transactional
	public void ensure(long userId, String phone) {
		db.sql("INSERT INTO notification_contacts (user_id, phone, updated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
				.params(userId, phone, Sql.ts(Instant.now())).update();
	}
}
