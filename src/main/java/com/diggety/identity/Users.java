package com.diggety.identity;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.diggety.shared.Problem;
import com.diggety.shared.Sql;

/**
 * The accounts: create them, bind an operator to a stand, reset a password, disable. Disabling or resetting bumps
 * the account's token version, so every token issued before stops working at once.
 */
@Service
public class Users {

	/** A person who can log in. The password hash never leaves the module. */
	public record Account(long id, String username, String displayName, Role role, Long standId, boolean active) {
	}

	private static final RowMapper<Account> ACCOUNT = (rs, i) -> new Account(rs.getLong("id"),
			rs.getString("username"), rs.getString("display_name"), Role.valueOf(rs.getString("role")),
			(Long) rs.getObject("stand_id", Long.class), "ACTIVE".equals(rs.getString("status")));

	private static final String COLUMNS = "id, username, display_name, role, stand_id, status";

	private final JdbcClient db;
	private final PasswordEncoder passwords;
	private final AuditTrail audit;

	Users(JdbcClient db, PasswordEncoder passwords, AuditTrail audit) {
		this.db = db;
		this.passwords = passwords;
		this.audit = audit;
	}

	public static String normalize(String username) {
		return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
	}

	@Transactional
	public Account create(String username, String displayName, Role role, String rawPassword) {
		var name = normalize(username);
		if (findByUsername(name).isPresent()) {
			throw Problem.conflict("The username " + name + " is taken");
		}
		var account = insert(name, displayName, role, passwords.encode(rawPassword), null);
		audit.record("user.created", "user", account.id(), null, account);
		return account;
	}

	/** Creates the account unless the username exists, reusing an already computed hash (demo seeding). */
	@Transactional
	public Account ensure(String username, String displayName, Role role, String passwordHash, Long standId) {
		var name = normalize(username);
		return findByUsername(name).orElseGet(() -> insert(name, displayName, role, passwordHash, standId));
	}

	private Account insert(String username, String displayName, Role role, String hash, Long standId) {
		var keys = new GeneratedKeyHolder();
		var now = Sql.ts(Instant.now());
		db.sql("""
				INSERT INTO users (username, display_name, password_hash, role, stand_id, status, token_version, created_at, updated_at)
				VALUES (:username, :displayName, :hash, :role, :stand, 'ACTIVE', 0, :now, :now)""")
				.param("username", username).param("displayName", displayName).param("hash", hash)
				.param("role", role.name()).param("stand", standId).param("now", now)
				.update(keys, "id");
		return find(keys.getKey().longValue()).orElseThrow();
	}

	public String hash(String rawPassword) {
		return passwords.encode(rawPassword);
	}

	public Optional<Account> find(long id) {
		return db.sql("SELECT " + COLUMNS + " FROM users WHERE id = ?").param(id).query(ACCOUNT).optional();
	}

	public Optional<Account> findByUsername(String username) {
		return db.sql("SELECT " + COLUMNS + " FROM users WHERE username = ?").param(normalize(username))
				.query(ACCOUNT).optional();
	}

	public List<Account> all() {
		return db.sql("SELECT " + COLUMNS + " FROM users ORDER BY role, username").query(ACCOUNT).list();
	}

	public List<Account> operatorsOf(long standId) {
		return db.sql("SELECT " + COLUMNS + " FROM users WHERE role = 'OPERATOR' AND stand_id = ? ORDER BY username")
				.param(standId).query(ACCOUNT).list();
	}

	/** Binds an operator to a stand, or unbinds it with null. The operator's old tokens stop working. */
	@Transactional
	public Account assignStand(long userId, Long standId) {
		var before = find(userId).orElseThrow(() -> Problem.notFound("User", userId));
		if (before.role() != Role.OPERATOR) {
			throw Problem.invalid("userId", "only operators are bound to a stand");
		}
		db.sql("UPDATE users SET stand_id = ?, token_version = token_version + 1, updated_at = ? WHERE id = ?")
				.params(standId, Sql.ts(Instant.now()), userId).update();
		var after = find(userId).orElseThrow();
		audit.record("user.stand-assigned", "user", userId, before.standId(), after.standId());
		return after;
	}

	@Transactional
	public Account resetPassword(long userId, String rawPassword) {
		var account = find(userId).orElseThrow(() -> Problem.notFound("User", userId));
		db.sql("UPDATE users SET password_hash = ?, token_version = token_version + 1, updated_at = ? WHERE id = ?")
				.params(passwords.encode(rawPassword), Sql.ts(Instant.now()), userId).update();
		audit.record("user.password-reset", "user", userId, null, null);
		return account;
	}

	@Transactional
	public Account setActive(long userId, boolean active) {
		var before = find(userId).orElseThrow(() -> Problem.notFound("User", userId));
		var caller = Caller.current();
		if (!active && caller.isPresent() && caller.get().userId() == userId) {
			throw Problem.conflict("You cannot disable your own account");
		}
		db.sql("UPDATE users SET status = ?, token_version = token_version + 1, updated_at = ? WHERE id = ?")
				.params(active ? "ACTIVE" : "DISABLED", Sql.ts(Instant.now()), userId).update();
		var after = find(userId).orElseThrow();
		audit.record(active ? "user.enabled" : "user.disabled", "user", userId, before.active(), after.active());
		return after;
	}

	/** True when the account exists and the password matches; the production guard uses it against demo passwords. */
	public boolean passwordMatches(String username, String rawPassword) {
		return credentials(username).map(c -> passwords.matches(rawPassword, c.hash())).orElse(false);
	}

	/** What login needs: the hash and whether tokens may be issued. Module-internal use. */
	record Credentials(Account account, String hash, int tokenVersion) {
	}

	Optional<Credentials> credentials(String username) {
		return db.sql("SELECT " + COLUMNS + ", password_hash, token_version FROM users WHERE username = ?")
				.param(normalize(username))
				.query((rs, i) -> new Credentials(ACCOUNT.mapRow(rs, i), rs.getString("password_hash"),
						rs.getInt("token_version")))
				.optional();
	}

	/** A device token stays valid while its operator's account is active. */
	boolean active(long userId) {
		return db.sql("SELECT COUNT(*) FROM users WHERE id = ? AND status = 'ACTIVE'").param(userId)
				.query(Integer.class).single() == 1;
	}

	/** A token stays valid while its account is active and its version is current. */
	boolean tokenCurrent(long userId, int tokenVersion) {
		return db.sql("SELECT COUNT(*) FROM users WHERE id = ? AND status = 'ACTIVE' AND token_version = ?")
				.params(userId, tokenVersion).query(Integer.class).single() == 1;
	}
}
