package com.diggety.pricing;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.diggety.identity.AuditTrail;
import com.diggety.identity.Caller;
import com.diggety.shared.Problem;
import com.diggety.shared.Sql;

/**
 * Discount codes: random by default (10 characters from an alphabet without look-alikes, about 50 bits, so they
 * cannot be guessed), or a vanity code the office picks. Codes compare case-insensitively. A redemption is atomic:
 * a single-use code redeemed by twenty tills at once succeeds exactly once; a redemption replayed with the same
 * reference (a re-synced sale) is a no-op.
 */
@Service
public class Codes {

	/** A code and how it may be used. */
	public record Code(long id, long promotionId, String code, Integer maxUses, Integer perCustomerLimit, int uses,
			Instant validFrom, Instant validTo, boolean active) {

		boolean usedUp() {
			return maxUses != null && uses >= maxUses;
		}
	}

	/** How new codes may be used. */
	public record Terms(Integer maxUses, Integer perCustomerLimit, Instant validFrom, Instant validTo) {
	}

	static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	static final int RANDOM_LENGTH = 10;

	private final JdbcClient db;
	private final Promotions promotions;
	private final AuditTrail audit;
	private final ApplicationEventPublisher events;
	private final SecureRandom random = new SecureRandom();

	Codes(JdbcClient db, Promotions promotions, AuditTrail audit, ApplicationEventPublisher events) {
		this.db = db;
		this.promotions = promotions;
		this.audit = audit;
		this.events = events;
	}

	public static String normalize(String code) {
		return code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
	}

	public List<Code> of(long promotionId) {
		var promotion = promotions.find(promotionId).orElseThrow(() -> Problem.notFound("Promotion", promotionId));
		promotions.mayChange(Caller.current().orElseThrow(), promotion);
		return db.sql("SELECT * FROM discount_codes WHERE promotion_id = ? ORDER BY id").param(promotionId)
				.query(ROW).list();
	}

	public Optional<Code> find(String code) {
		return db.sql("SELECT * FROM discount_codes WHERE code = ?").param(normalize(code)).query(ROW).optional();
	}

	/** Creates {@code count} random codes for a promotion; the promotion then needs a code to apply. */
	@Transactional
	public List<Code> generate(long promotionId, int count, Terms terms) {
		var promotion = checkedPromotion(promotionId, terms);
		if (count < 1 || count > 500) {
			throw Problem.invalid("count", "must be 1 to 500");
		}
		var created = new ArrayList<Code>();
		while (created.size() < count) {
			var code = randomCode();
			if (find(code).isEmpty()) {
				created.add(insert(promotion.id(), code, terms));
			}
		}
		audit.record("codes.generated", "promotion", promotionId, null, count + " codes");
		events.publishEvent(new PromotionsChanged(promotionId));
		return created;
	}

	/** Adds a code the office chose, such as AK_HOT. */
	@Transactional
	public Code addVanity(long promotionId, String vanity, Terms terms) {
		var promotion = checkedPromotion(promotionId, terms);
		var code = normalize(vanity);
		if (!code.matches("[A-Z0-9_-]{4,32}")) {
			throw Problem.invalid("code", "use 4-32 letters, digits, _ or -");
		}
		if (find(code).isPresent()) {
			throw Problem.conflict("The code " + code + " exists");
		}
		var created = insert(promotion.id(), code, terms);
		audit.record("code.added", "promotion", promotionId, null, code);
		events.publishEvent(new PromotionsChanged(promotionId));
		return created;
	}

	private Promotions.Stored checkedPromotion(long promotionId, Terms terms) {
		var promotion = promotions.find(promotionId).orElseThrow(() -> Problem.notFound("Promotion", promotionId));
		promotions.mayChange(Caller.current().orElseThrow(), promotion);
		if (!Boolean.TRUE.equals(promotion.spec().requiresCode())) {
			throw Problem.invalid("promotionId", "the promotion does not ask for a code (set requiresCode)");
		}
		var errors = new ArrayList<Problem.FieldError>();
		if (terms.maxUses() != null && terms.maxUses() < 1) {
			errors.add(new Problem.FieldError("maxUses", "must be at least 1, or empty for unlimited"));
		}
		if (terms.perCustomerLimit() != null && terms.perCustomerLimit() < 1) {
			errors.add(new Problem.FieldError("perCustomerLimit", "must be at least 1, or empty for no limit"));
		}
		if (terms.validFrom() != null && terms.validTo() != null && !terms.validTo().isAfter(terms.validFrom())) {
			errors.add(new Problem.FieldError("validTo", "must be after validFrom"));
		}
		if (!errors.isEmpty()) {
			throw Problem.invalid(errors);
		}
		return promotion;
	}

	private Code insert(long promotionId, String code, Terms terms) {
		db.sql("""
				INSERT INTO discount_codes (promotion_id, code, max_uses, per_customer_limit, uses, valid_from, valid_to, active, created_at)
				VALUES (?, ?, ?, ?, 0, ?, ?, TRUE, ?)""")
				.params(promotionId, code, terms.maxUses(), terms.perCustomerLimit(), Sql.ts(terms.validFrom()),
						Sql.ts(terms.validTo()), Sql.ts(Instant.now()))
				.update();
		return find(code).orElseThrow();
	}

	private String randomCode() {
		var chars = new char[RANDOM_LENGTH];
		for (int i = 0; i < chars.length; i++) {
			chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
		}
		return new String(chars);
	}

	/**
	 * Checks the codes a cart carries and answers the promotions they unlock. Each refusal names the field
	 * ({@code codes[i]}) and says why: unknown, not yet or no longer valid, used up, not at this stand.
	 */
	public List<Long> resolve(List<String> entered, long standId, String customerKey, Instant at) {
		var unlocked = new LinkedHashSet<Long>();
		for (int i = 0; i < entered.size(); i++) {
			var field = "codes[" + i + "]";
			var code = find(entered.get(i)).orElseThrow(() -> Problem.invalid(field, "unknown code"));
			var promotion = promotions.find(code.promotionId()).orElseThrow();
			if (!code.active() || promotion.status() != Promotions.Status.ACTIVE) {
				throw Problem.invalid(field, "this code is no longer valid");
			}
			if (code.validFrom() != null && at.isBefore(code.validFrom())) {
				throw Problem.invalid(field, "this code is not valid yet");
			}
			if (code.validTo() != null && !at.isBefore(code.validTo())) {
				throw Problem.invalid(field, "this code has expired");
			}
			if (code.usedUp()) {
				throw Problem.invalid(field, "this code was already used");
			}
			var scope = promotion.spec().standIds();
			if (scope != null && !scope.isEmpty() && !scope.contains(standId)) {
				throw Problem.invalid(field, "this code is not valid at this stand");
			}
			if (customerKey != null && code.perCustomerLimit() != null
					&& redemptionsBy(code.id(), customerKey) >= code.perCustomerLimit()) {
				throw Problem.invalid(field, "you have already used this code");
			}
			unlocked.add(code.promotionId());
		}
		return List.copyOf(unlocked);
	}

	/** A code as the phones receive it: only its SHA-256, so a phone checks a code offline without a list of codes. */
	public record CodeHash(long promotionId, String sha256) {
	}

	/** The usable codes of the given promotions, hashed. */
	public List<CodeHash> hashes(java.util.Collection<Long> promotionIds, Instant at) {
		if (promotionIds.isEmpty()) {
			return List.of();
		}
		return db.sql("""
				SELECT promotion_id, code FROM discount_codes
				WHERE promotion_id IN (:ids) AND active AND (max_uses IS NULL OR uses < max_uses)
				 AND (valid_to IS NULL OR valid_to > :at) ORDER BY id""")
				.param("ids", promotionIds).param("at", Sql.ts(at))
				.query((rs, i) -> new CodeHash(rs.getLong("promotion_id"), sha256(rs.getString("code"))))
				.list();
	}

	static String sha256(String code) {
		try {
			var digest = java.security.MessageDigest.getInstance("SHA-256")
					.digest(normalize(code).getBytes(java.nio.charset.StandardCharsets.UTF_8));
			return java.util.HexFormat.of().formatHex(digest);
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** What a redemption did: redeemed now, or already redeemed earlier under the same reference. */
	public enum Redemption {
		REDEEMED, ALREADY_REDEEMED
	}

	/**
	 * Redeems a code for a sale or an order ({@code reference}). Atomic: the use is counted by a conditional update
	 * that the database serializes per code, so concurrent redemptions of a single-use code give exactly one success.
	 */
	@Transactional
	public Redemption redeem(String entered, String customerKey, String reference, Instant at) {
		var code = find(entered).orElseThrow(() -> Problem.invalid("code", "unknown code"));
		if (redeemed(code.id(), reference)) {
			return Redemption.ALREADY_REDEEMED;
		}
		int counted = db.sql("""
				UPDATE discount_codes SET uses = uses + 1
				WHERE id = ? AND active AND (max_uses IS NULL OR uses < max_uses)""").param(code.id()).update();
		if (counted == 0) {
			throw Problem.conflict("The code " + code.code() + " was already used");
		}
		if (customerKey != null && code.perCustomerLimit() != null
				&& redemptionsBy(code.id(), customerKey) >= code.perCustomerLimit()) {
			throw Problem.conflict("This customer has already used the code " + code.code());
		}
		try {
			db.sql("INSERT INTO code_redemptions (code_id, customer_key, reference, redeemed_at) VALUES (?, ?, ?, ?)")
					.params(code.id(), customerKey, reference, Sql.ts(at)).update();
		}
		catch (DuplicateKeyException replayedConcurrently) {
			throw Problem.conflict("The redemption for " + reference + " is being recorded already");
		}
		return Redemption.REDEEMED;
	}

	private boolean redeemed(long codeId, String reference) {
		return db.sql("SELECT COUNT(*) FROM code_redemptions WHERE code_id = ? AND reference = ?")
				.params(codeId, reference).query(Integer.class).single() > 0;
	}

	private int redemptionsBy(long codeId, String customerKey) {
		return db.sql("SELECT COUNT(*) FROM code_redemptions WHERE code_id = ? AND customer_key = ?")
				.params(codeId, customerKey).query(Integer.class).single();
	}

	private static final RowMapper<Code> ROW = (rs, i) -> new Code(rs.getLong("id"), rs.getLong("promotion_id"),
			rs.getString("code"), (Integer) rs.getObject("max_uses", Integer.class),
			(Integer) rs.getObject("per_customer_limit", Integer.class), rs.getInt("uses"),
			Sql.instant(rs, "valid_from"), Sql.instant(rs, "valid_to"), rs.getBoolean("active"));
}
