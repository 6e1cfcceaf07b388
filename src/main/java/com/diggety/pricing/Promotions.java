package com.diggety.pricing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.diggety.catalog.Products;
import com.diggety.identity.AuditTrail;
import com.diggety.identity.Caller;
import com.diggety.identity.Role;
import com.diggety.pricing.engine.Promotion;
import com.diggety.shared.Problem;
import com.diggety.shared.Sql;
import com.diggety.stands.Stands;

import tools.jackson.databind.ObjectMapper;

/**
 * The promotions: company-wide ones by the office, a stand's own by its operator within the owner's limits.
 * A promotion is ACTIVE, PAUSED or ARCHIVED; only active ones price carts.
 */
@Service
public class Promotions {

	public enum Status {
		ACTIVE, PAUSED, ARCHIVED
	}

	/** A stored promotion: its definition plus who owns it and its state. {@code standId} is set for a stand's own. */
	public record Stored(long id, String name, PromotionSpec.Kind kind, Long standId, Status status, int version,
			Instant updatedAt, PromotionSpec spec) {
	}

	private final JdbcClient db;
	private final ObjectMapper json;
	private final AuditTrail audit;
	private final Products products;
	private final Stands stands;
	private final ApplicationEventPublisher events;

	Promotions(JdbcClient db, ObjectMapper json, AuditTrail audit, Products products, Stands stands,
			ApplicationEventPublisher events) {
		this.db = db;
		this.json = json;
		this.audit = audit;
		this.products = products;
		this.stands = stands;
		this.events = events;
	}

	/** What the caller may see: the office sees all; an operator the company's and its own stand's. */
	public List<Stored> visibleTo(Caller caller, boolean includeArchived) {
		var all = db.sql("SELECT * FROM promotions" + (includeArchived ? "" : " WHERE status <> 'ARCHIVED'")
				+ " ORDER BY id").query(row()).list();
		if (caller.role().managesCompany()) {
			return all;
		}
		return all.stream().filter(p -> p.standId() == null || p.standId().equals(caller.standId())).toList();
	}

	public Optional<Stored> find(long id) {
		return db.sql("SELECT * FROM promotions WHERE id = ?").param(id).query(row()).optional();
	}

	/** The active promotions as the engine takes them. */
	public List<Promotion> active() {
		return db.sql("SELECT * FROM promotions WHERE status = 'ACTIVE' ORDER BY id").query(row()).list().stream()
				.map(p -> p.spec().toPromotion()).toList();
	}

	/** The active promotions' definitions, as the phones receive them. */
	public List<PromotionSpec> activeSpecs() {
		return db.sql("SELECT * FROM promotions WHERE status = 'ACTIVE' ORDER BY id").query(row()).list().stream()
				.map(Stored::spec).toList();
	}

	@Transactional
	public Stored create(PromotionSpec spec) {
		var caller = staff();
		var checked = authorize(caller, spec, null);
		var keys = new GeneratedKeyHolder();
		var now = Sql.ts(Instant.now());
		Long ownStand = caller.role() == Role.OPERATOR ? caller.standId() : null;
		db.sql("""
				INSERT INTO promotions (name, kind, stand_id, status, definition, created_by, version, created_at, updated_at)
				VALUES (?, ?, ?, 'ACTIVE', '{}', ?, 0, ?, ?)""")
				.params(checked.name().trim(), checked.kind().name(), ownStand, caller.userId(), now, now)
				.update(keys, "id");
		long id = keys.getKey().longValue();
		db.sql("UPDATE promotions SET definition = ? WHERE id = ?")
				.params(json.writeValueAsString(checked.withId(id)), id).update();
		var stored = find(id).orElseThrow();
		audit.record("promotion.created", "promotion", id, null, stored.spec());
		events.publishEvent(new PromotionsChanged(id));
		return stored;
	}

	@Transactional
	public Stored update(long id, PromotionSpec spec, Integer expectedVersion) {
		var caller = staff();
		var before = find(id).orElseThrow(() -> Problem.notFound("Promotion", id));
		mayChange(caller, before);
		if (expectedVersion != null && expectedVersion != before.version()) {
			throw Problem.conflict("The promotion was changed by someone else (version " + before.version() + ")");
		}
		var checked = authorize(caller, spec, before).withId(id);
		int updated = db.sql("""
				UPDATE promotions SET name = ?, kind = ?, definition = ?, version = version + 1, updated_at = ?
				WHERE id = ? AND version = ?""")
				.params(checked.name().trim(), checked.kind().name(), json.writeValueAsString(checked),
						Sql.ts(Instant.now()), id, before.version())
				.update();
		if (updated == 0) {
			throw Problem.conflict("The promotion was changed by someone else; reload and try again");
		}
		var after = find(id).orElseThrow();
		audit.record("promotion.updated", "promotion", id, before.spec(), after.spec());
		events.publishEvent(new PromotionsChanged(id));
		return after;
	}

	@Transactional
	public Stored setStatus(long id, Status status) {
		var caller = staff();
		var before = find(id).orElseThrow(() -> Problem.notFound("Promotion", id));
		mayChange(caller, before);
		if (before.status() == Status.ARCHIVED && status != Status.ARCHIVED) {
			throw Problem.conflict("An archived promotion stays archived; create a new one");
		}
		db.sql("UPDATE promotions SET status = ?, version = version + 1, updated_at = ? WHERE id = ?")
				.params(status.name(), Sql.ts(Instant.now()), id).update();
		audit.record("promotion." + status.name().toLowerCase(), "promotion", id, before.status(), status);
		events.publishEvent(new PromotionsChanged(id));
		return find(id).orElseThrow();
	}

	/** An operator may only touch its own stand's promotions; the office any. */
	void mayChange(Caller caller, Stored promotion) {
		if (!caller.role().managesCompany()
				&& (promotion.standId() == null || !promotion.standId().equals(caller.standId()))) {
			throw Problem.forbidden("Operators change only their own stand's promotions");
		}
	}

	/** Validates the definition, scopes an operator's to its stand and holds it to the owner's limits. */
	private PromotionSpec authorize(Caller caller, PromotionSpec spec, Stored existing) {
		if (spec == null) {
			throw Problem.badRequest("A promotion definition is required");
		}
		var scoped = spec;
		if (caller.role() == Role.OPERATOR) {
			if (caller.standId() == null) {
				throw Problem.forbidden("Your account is not bound to a stand");
			}
			scoped = spec.withStands(List.of(caller.standId()));
		}
		scoped.toPromotion();
		var catalog = products.prices();
		checkReferences(scoped, catalog);
		if (caller.role() == Role.OPERATOR) {
			var policy = policy();
			if (!policy.operatorKinds().contains(scoped.kind())) {
				throw Problem.invalid("kind", "operators may create " + policy.operatorKinds());
			}
			int share = scoped.kind() == PromotionSpec.Kind.BUNDLE && scoped.percentBp() == null
					? bundleShare(scoped, catalog)
					: scoped.maxShareBp(ignored -> cheapest(spec.target(), catalog));
			if (share > policy.operatorMaxPercentBp()) {
				throw Problem.invalid(scoped.percentBp() != null ? "percentBp" : "amountMinor",
						"operators may discount at most " + policy.operatorMaxPercentBp() / 100.0 + " %");
			}
		}
		return scoped;
	}

	/** The cheapest list price a target covers (0 when it covers nothing). */
	private static long cheapest(com.diggety.pricing.engine.Target target, List<Products.Price> catalog) {
		return target == null ? 0 : catalog.stream().filter(p -> target.productIds().contains(p.productId())
				|| target.categories().contains(p.category())).mapToLong(Products.Price::priceMinor).min().orElse(0);
	}

	/** A fixed-price or amount-off bundle's share, measured on its cheapest possible set of items. */
	private static int bundleShare(PromotionSpec spec, List<Products.Price> catalog) {
		long value = 0;
		for (var component : spec.components()) {
			value += cheapest(component.target(), catalog) * component.quantity();
		}
		long off = spec.priceMinor() != null ? Math.max(0, value - spec.priceMinor()) : spec.amountMinor();
		return value <= 0 ? 10_000 : (int) Math.min(10_000, off * 10_000 / value);
	}

	private void checkReferences(PromotionSpec spec, List<Products.Price> catalog) {
		var known = catalog.stream().map(Products.Price::productId).collect(Collectors.toSet());
		var errors = new ArrayList<Problem.FieldError>();
		if (spec.target() != null) {
			for (var id : spec.target().productIds()) {
				if (!known.contains(id)) {
					errors.add(new Problem.FieldError("target.productIds", "no active product " + id));
				}
			}
		}
		if (spec.components() != null) {
			for (int i = 0; i < spec.components().size(); i++) {
				for (var id : spec.components().get(i).target().productIds()) {
					if (!known.contains(id)) {
						errors.add(new Problem.FieldError("components[" + i + "].target.productIds", "no active product " + id));
					}
				}
			}
		}
		if (spec.standIds() != null) {
			for (var id : spec.standIds()) {
				if (!stands.exists(id)) {
					errors.add(new Problem.FieldError("standIds", "no active stand " + id));
				}
			}
		}
		if (!errors.isEmpty()) {
			throw Problem.invalid(errors);
		}
	}

	public DiscountPolicy policy() {
		return db.sql("SELECT * FROM discount_policy WHERE id = 1").query((rs, i) -> new DiscountPolicy(
				rs.getInt("operator_max_percent_bp"), kinds(rs.getString("operator_kinds")),
				(Integer) rs.getObject("max_discount_bp", Integer.class),
				(Long) rs.getObject("max_discount_minor", Long.class), rs.getInt("version"))).single();
	}

	@Transactional
	public DiscountPolicy updatePolicy(DiscountPolicy policy) {
		var before = policy();
		var errors = new ArrayList<Problem.FieldError>();
		if (policy.operatorMaxPercentBp() < 0 || policy.operatorMaxPercentBp() > 10_000) {
			errors.add(new Problem.FieldError("operatorMaxPercentBp", "must be 0 to 10000"));
		}
		if (policy.maxDiscountBp() != null && (policy.maxDiscountBp() < 0 || policy.maxDiscountBp() > 10_000)) {
			errors.add(new Problem.FieldError("maxDiscountBp", "must be 0 to 10000"));
		}
		if (policy.maxDiscountMinor() != null && policy.maxDiscountMinor() < 0) {
			errors.add(new Problem.FieldError("maxDiscountMinor", "must not be negative"));
		}
		if (!errors.isEmpty()) {
			throw Problem.invalid(errors);
		}
		int updated = db.sql("""
				UPDATE discount_policy SET operator_max_percent_bp = ?, operator_kinds = ?, max_discount_bp = ?,
				 max_discount_minor = ?, version = version + 1, updated_at = ? WHERE id = 1 AND version = ?""")
				.params(policy.operatorMaxPercentBp(),
						policy.operatorKinds().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
						policy.maxDiscountBp(), policy.maxDiscountMinor(), Sql.ts(Instant.now()), policy.version())
				.update();
		if (updated == 0) {
			throw Problem.conflict("The policy was changed by someone else; reload and try again");
		}
		var after = policy();
		audit.record("discount-policy.updated", "discount-policy", 1, before, after);
		events.publishEvent(new PromotionsChanged(null));
		return after;
	}

	private static java.util.Set<PromotionSpec.Kind> kinds(String csv) {
		var set = EnumSet.noneOf(PromotionSpec.Kind.class);
		Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty())
				.forEach(s -> set.add(PromotionSpec.Kind.valueOf(s)));
		return set;
	}

	private static Caller staff() {
		return Caller.current().orElseThrow(() -> Problem.forbidden("Log in first"));
	}

	private RowMapper<Stored> row() {
		return (rs, i) -> new Stored(rs.getLong("id"), rs.getString("name"),
				PromotionSpec.Kind.valueOf(rs.getString("kind")), (Long) rs.getObject("stand_id", Long.class),
				Status.valueOf(rs.getString("status")), rs.getInt("version"), Sql.instant(rs, "updated_at"),
				json.readValue(rs.getString("definition"), PromotionSpec.class));
	}
}
