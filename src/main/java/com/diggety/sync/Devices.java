package com.diggety.sync;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.diggety.identity.AuditTrail;
import com.diggety.identity.Caller;
import com.diggety.identity.DeviceTokens;
import com.diggety.identity.Role;
import com.diggety.identity.TokenCheck;
import com.diggety.identity.Users;
import com.diggety.shared.Problem;
import com.diggety.shared.Sql;
import com.diggety.stands.Stands;

/**
 * The stands' registered phones. An operator registers its phone once and gets a device token; the owner lists
 * and revokes devices, and a revoked device's token stops working at once.
 */
@Service
public class Devices implements TokenCheck {

	/** A new registration: the device and its token, shown once. */
	public record Registration(UUID deviceId, String deviceToken, long standId, String standName, long lastSequence) {
	}

	private final JdbcClient db;
	private final DeviceTokens tokens;
	private final Users users;
	private final Stands stands;
	private final AuditTrail audit;

	Devices(JdbcClient db, DeviceTokens tokens, Users users, Stands stands, AuditTrail audit) {
		this.db = db;
		this.tokens = tokens;
		this.users = users;
		this.stands = stands;
		this.audit = audit;
	}

	@Transactional
	public Registration register(String name, String platform) {
		var operator = operator();
		var id = UuidV7.next();
		db.sql("""
				INSERT INTO devices (id, stand_id, name, platform, registered_by, registered_at, last_sequence)
				VALUES (?, ?, ?, ?, ?, ?, 0)""")
				.params(id, operator.standId(), clip(name == null || name.isBlank() ? "Phone" : name, 120),
						clip(platform, 300), operator.id(), Sql.ts(Instant.now()))
				.update();
		audit.record("device.registered", "device", id, null, operator.username());
		var stand = stands.find(operator.standId()).orElseThrow();
		return new Registration(id, tokens.issue(operator, id), operator.standId(), stand.name(), 0);
	}

	/** A fresh token for a phone that still holds its device id (so its queue goes on under the same device). */
	@Transactional
	public Registration reissue(UUID deviceId) {
		var operator = operator();
		var device = find(deviceId).orElseThrow(() -> Problem.notFound("Device", deviceId));
		if (device.standId() != operator.standId()) {
			throw Problem.forbidden("The device belongs to another stand");
		}
		if (device.revoked()) {
			throw Problem.conflict("The device was revoked; register the phone again");
		}
		audit.record("device.token-reissued", "device", deviceId, null, operator.username());
		var stand = stands.find(device.standId()).orElseThrow();
		return new Registration(deviceId, tokens.issue(operator, deviceId), device.standId(), stand.name(),
				device.lastSequence());
	}

	@Transactional
	public Device revoke(UUID deviceId) {
		var device = find(deviceId).orElseThrow(() -> Problem.notFound("Device", deviceId));
		if (!device.revoked()) {
			db.sql("UPDATE devices SET revoked_at = ? WHERE id = ?").params(Sql.ts(Instant.now()), deviceId).update();
			audit.record("device.revoked", "device", deviceId, null, device.name());
		}
		return find(deviceId).orElseThrow();
	}

	public Optional<Device> find(UUID id) {
		return db.sql("SELECT * FROM devices WHERE id = ?").param(id).query(ROW).optional();
	}

	public List<Device> all(Long standId) {
		return standId == null ? db.sql("SELECT * FROM devices ORDER BY registered_at DESC").query(ROW).list()
				: db.sql("SELECT * FROM devices WHERE stand_id = ? ORDER BY registered_at DESC").param(standId)
						.query(ROW).list();
	}

	/** A device token is good while its device exists, is not revoked and still belongs to the token's stand. */
	@Override
	public boolean accepts(Jwt token) {
		var device = token.getClaimAsString("dev");
		if (device == null) {
			return true;
		}
		Object stand = token.getClaim("stand");
		try {
			return db.sql("SELECT COUNT(*) FROM devices WHERE id = ? AND revoked_at IS NULL AND stand_id = ?")
					.params(UUID.fromString(device), stand instanceof Number n ? n.longValue() : -1L)
					.query(Integer.class).single() == 1;
		}
		catch (IllegalArgumentException notAUuid) {
			return false;
		}
	}

	private Users.Account operator() {
		var caller = Caller.current().orElseThrow(() -> Problem.forbidden("Log in first"));
		if (caller.role() != Role.OPERATOR) {
			throw Problem.forbidden("Only a stand's operator registers its phone");
		}
		var account = users.find(caller.userId()).orElseThrow();
		if (account.standId() == null) {
			throw Problem.conflict("Your account is not bound to a stand yet; ask the owner");
		}
		return account;
	}

	private static String clip(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max);
	}

	static final RowMapper<Device> ROW = (rs, i) -> new Device(rs.getObject("id", UUID.class), rs.getLong("stand_id"),
			rs.getString("name"), rs.getString("platform"), rs.getLong("registered_by"),
			Sql.instant(rs, "registered_at"), Sql.instant(rs, "revoked_at"), rs.getLong("last_sequence"),
			Sql.instant(rs, "last_push_at"), (Long) rs.getObject("clock_skew_ms", Long.class));
}
