package com.diggety.notifications;

import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

import com.diggety.identity.Role;
import com.diggety.identity.Users;
import com.diggety.inventory.LowStockDetected;
import com.diggety.shared.Sql;
import com.diggety.stands.Stand;
import com.diggety.stands.Stands;

/**
 * Tells the drivers when a stand runs low: a Web Push to every driver's subscribed browsers, and, when no driver has
 * the app open on the live channel, a text to the drivers' numbers, at most one per stand and ingredient in
 * {@link #SMS_EVERY} (the push already said it; a phone buzzing on every sale would be ignored).
 */
@Component
class LowStockAlerts {

	static final Duration SMS_EVERY = Duration.ofMinutes(30);

	private final Users users;
	private final Stands stands;
	private final Push push;
	private final Sms sms;
	private final Contacts contacts;
	private final LiveConnections live;
	private final JdbcClient db;
	private final TransactionTemplate transaction;

	LowStockAlerts(Users users, Stands stands, Push push, Sms sms, Contacts contacts, LiveConnections live,
			JdbcClient db, PlatformTransactionManager transactions) {
		this.users = users;
		this.stands = stands;
		this.push = push;
		this.sms = sms;
		this.contacts = contacts;
		this.live = live;
		this.db = db;
		this.transaction = new TransactionTemplate(transactions);
	}

	/** Runs after the stock change committed; no transaction spans the calls to the push services. */
	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(LowStockDetected low) {
		var where = stands.find(low.standId()).map(LowStockAlerts::name).orElse("stand #" + low.standId());
		var drivers = users.all().stream().filter(a -> a.role() == Role.DRIVER && a.active()).toList();
		if (!live.driverConnected()) {
			var text = "Diggety: low stock at " + where + ": " + low.ingredientName() + " " + low.level()
					+ " left (threshold " + low.threshold() + ").";
			transaction.executeWithoutResult(status -> {
				if (claim("low-stock:" + low.standId() + ":" + low.ingredientId(), Instant.now())) {
					contacts.phonesOf(drivers.stream().map(Users.Account::id).toList())
							.forEach((driver, phone) -> sms.send(phone, text, "low-stock:" + low.standId() + ":"
									+ low.ingredientId() + ":" + low.at().toEpochMilli() + ":" + driver));
				}
			});
		}
		var message = new Push.Message("Low stock: " + low.ingredientName(),
				where + ": " + low.level() + " left (threshold " + low.threshold() + ")",
				"low-stock-" + low.standId() + "-" + low.ingredientId(), "/staff/");
		drivers.forEach(driver -> push.send(driver.id(), message));
	}

	private static String name(Stand stand) {
		return stand.name() + " (" + stand.code() + ")";
	}

	/**
	 * Takes the right to text about this key now, unless it was taken within {@link #SMS_EVERY}. One conditional
	 * statement decides, so two instances handling alerts at once cannot both win.
	 */
	private boolean claim(String key, Instant now) {
		if (db.sql("UPDATE notification_throttles SET last_sent_at = ? WHERE throttle_key = ? AND last_sent_at <= ?")
				.params(Sql.ts(now), key, Sql.ts(now.minus(SMS_EVERY))).update() == 1) {
			return true;
		}
		return db.sql("INSERT INTO notification_throttles (throttle_key, last_sent_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
				.params(key, Sql.ts(now)).update() == 1;
	}
}
