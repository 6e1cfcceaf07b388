package com.diggety.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.diggety.identity.AuditTrail;
import com.diggety.shared.Problem;
import com.diggety.shared.Sql;

/** The ingredients (stock-keeping units) and the substitutes that may stand in for an ingredient or a product. */
@Service
public class Ingredients {

	/** What an ingredient is made of when created or edited. */
	public record Details(String code, String name, Unit unit, long lowStockThreshold) {
	}

	private static final String COLUMNS = "id, code, name, unit, low_stock_threshold, active, version";

	private final JdbcClient db;
	private final com.diggety.shared.Snapshot<List<Ingredient>> active = new com.diggety.shared.Snapshot<>(
			java.time.Duration.ofSeconds(2), () -> all(false));
	private final AuditTrail audit;

	Ingredients(JdbcClient db, AuditTrail audit) {
		this.db = db;
		this.audit = audit;
	}

	/** The active ingredients by name, read at most every two seconds: hot paths (stock levels) read this. */
	public List<Ingredient> active() {
		return active.get();
	}

	public List<Ingredient> all(boolean includeArchived) {
		return db.sql("SELECT " + COLUMNS + " FROM ingredients" + (includeArchived ? "" : " WHERE active")
				+ " ORDER BY name").query(ROW).list();
	}

	public Optional<Ingredient> find(long id) {
		return db.sql("SELECT " + COLUMNS + " FROM ingredients WHERE id = ?").param(id).query(ROW).optional();
	}

	public Optional<Ingredient> findByCode(String code) {
		return db.sql("SELECT " + COLUMNS + " FROM ingredients WHERE code = ?").param(code).query(ROW).optional();
	}

	@Transactional
	public Ingredient create(Details d) {
		this.active.forget();
		if (findByCode(d.code()).isPresent()) {
			throw Problem.conflict("An ingredient with code " + d.code() + " exists");
		}
		var ingredient = insert(d);
		audit.record("ingredient.created", "ingredient", ingredient.id(), null, ingredient);
		return ingredient;
	}

	/** Creates the ingredient unless its code exists (demo seeding). */
	@Transactional
	public Ingredient ensure(Details d) {
		this.active.forget();
		return findByCode(d.code()).orElseGet(() -> insert(d));
	}

	private Ingredient insert(Details d) {
		var keys = new GeneratedKeyHolder();
		var now = Sql.ts(Instant.now());
		db.sql("""
				INSERT INTO ingredients (code, name, unit, low_stock_threshold, active, version, created_at, updated_at)
				VALUES (?, ?, ?, ?, TRUE, 0, ?, ?)""")
				.params(d.code(), d.name(), d.unit().name(), d.lowStockThreshold(), now, now)
				.update(keys, "id");
		return find(keys.getKey().longValue()).orElseThrow();
	}

	@Transactional
	public Ingredient update(long id, Details d, Integer expectedVersion) {
		this.active.forget();
		var before = find(id).orElseThrow(() -> Problem.notFound("Ingredient", id));
		if (expectedVersion != null && expectedVersion != before.version()) {
			throw Problem.conflict("The ingredient was changed by someone else (version " + before.version() + ")");
		}
		findByCode(d.code()).filter(other -> other.id() != id).ifPresent(other -> {
			throw Problem.conflict("An ingredient with code " + d.code() + " exists");
		});
		db.sql("""
				UPDATE ingredients SET code = ?, name = ?, unit = ?, low_stock_threshold = ?, version = version + 1,
				 updated_at = ? WHERE id = ?""")
				.params(d.code(), d.name(), d.unit().name(), d.lowStockThreshold(), Sql.ts(Instant.now()), id)
				.update();
		var after = find(id).orElseThrow();
		audit.record("ingredient.updated", "ingredient", id, before, after);
		return after;
	}

	@Transactional
	public Ingredient setActive(long id, boolean active) {
		this.active.forget();
		var before = find(id).orElseThrow(() -> Problem.notFound("Ingredient", id));
		if (!active) {
			var usedBy = db.sql("""
					SELECT p.name FROM recipe_lines r JOIN products p ON p.id = r.product_id
					WHERE r.ingredient_id = ? AND p.active ORDER BY p.name""").param(id).query(String.class).list();
			if (!usedBy.isEmpty()) {
				throw Problem.conflict("Still used in the recipes of " + String.join(", ", usedBy),
						Map.of("usedBy", usedBy));
			}
		}
		db.sql("UPDATE ingredients SET active = ?, version = version + 1, updated_at = ? WHERE id = ?")
				.params(active, Sql.ts(Instant.now()), id).update();
		audit.record(active ? "ingredient.restored" : "ingredient.archived", "ingredient", id, before.active(), active);
		return find(id).orElseThrow();
	}

	public List<Substitute> substitutes() {
		return db.sql("""
				SELECT s.id, s.kind, s.original_id, s.substitute_id,
				 COALESCE(io.name, po.name) AS original_name, COALESCE(isub.name, psub.name) AS substitute_name
				FROM substitutes s
				LEFT JOIN ingredients io ON s.kind = 'INGREDIENT' AND io.id = s.original_id
				LEFT JOIN ingredients isub ON s.kind = 'INGREDIENT' AND isub.id = s.substitute_id
				LEFT JOIN products po ON s.kind = 'PRODUCT' AND po.id = s.original_id
				LEFT JOIN products psub ON s.kind = 'PRODUCT' AND psub.id = s.substitute_id
				ORDER BY s.kind, original_name""")
				.query((rs, i) -> new Substitute(rs.getLong("id"), Substitute.Kind.valueOf(rs.getString("kind")),
						rs.getLong("original_id"), rs.getString("original_name"), rs.getLong("substitute_id"),
						rs.getString("substitute_name")))
				.list();
	}

	/** Declares that {@code substituteId} may replace {@code originalId}; both must exist and differ. */
	@Transactional
	public Substitute addSubstitute(Substitute.Kind kind, long originalId, long substituteId) {
		if (originalId == substituteId) {
			throw Problem.invalid("substituteId", "must differ from originalId");
		}
		var table = kind == Substitute.Kind.INGREDIENT ? "ingredients" : "products";
		for (var entry : Map.of("originalId", originalId, "substituteId", substituteId).entrySet()) {
			if (db.sql("SELECT COUNT(*) FROM " + table + " WHERE id = ? AND active").param(entry.getValue())
					.query(Integer.class).single() == 0) {
				throw Problem.invalid(entry.getKey(), "no active " + kind.name().toLowerCase() + " " + entry.getValue());
			}
		}
		var existing = substitutes().stream().filter(s -> s.kind() == kind && s.originalId() == originalId
				&& s.substituteId() == substituteId).findFirst();
		if (existing.isPresent()) {
			return existing.get();
		}
		var keys = new GeneratedKeyHolder();
		db.sql("INSERT INTO substitutes (kind, original_id, substitute_id) VALUES (?, ?, ?)")
				.params(kind.name(), originalId, substituteId).update(keys, "id");
		long id = keys.getKey().longValue();
		var created = substitutes().stream().filter(s -> s.id() == id).findFirst().orElseThrow();
		audit.record("substitute.added", "substitute", id, null, created);
		return created;
	}

	/** Declares a substitute unless it exists (demo seeding, no staff actor to audit). */
	@Transactional
	public void ensureSubstitute(Substitute.Kind kind, long originalId, long substituteId) {
		int count = db.sql("SELECT COUNT(*) FROM substitutes WHERE kind = ? AND original_id = ? AND substitute_id = ?")
				.params(kind.name(), originalId, substituteId).query(Integer.class).single();
		if (count == 0) {
			db.sql("INSERT INTO substitutes (kind, original_id, substitute_id) VALUES (?, ?, ?)")
					.params(kind.name(), originalId, substituteId).update();
		}
	}

	@Transactional
	public void removeSubstitute(long id) {
		var existing = substitutes().stream().filter(s -> s.id() == id).findFirst()
				.orElseThrow(() -> Problem.notFound("Substitute", id));
		db.sql("DELETE FROM substitutes WHERE id = ?").param(id).update();
		audit.record("substitute.removed", "substitute", id, existing, null);
	}

	private static final RowMapper<Ingredient> ROW = (rs, i) -> new Ingredient(rs.getLong("id"), rs.getString("code"),
			rs.getString("name"), Unit.valueOf(rs.getString("unit")), rs.getLong("low_stock_threshold"),
			rs.getBoolean("active"), rs.getInt("version"));
}
