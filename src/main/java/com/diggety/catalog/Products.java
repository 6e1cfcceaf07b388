package com.diggety.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.diggety.identity.AuditTrail;
import com.diggety.shared.Problem;
import com.diggety.shared.Sql;

/**
 * The products and their recipes. Prices are gross (VAT included) integers of minor units; archiving hides a
 * product from menus while past sales keep pointing at it.
 */
@Service
public class Products {

	/** What a product is made of when created or edited (the recipe is set separately). */
	public record Details(String code, String name, String description, String photoUrl, String category,
			long priceMinor, String currency, int vatRateBasisPoints, int prepSeconds) {
	}

	/** An ingredient and its quantity per unit of product. */
	public record Portion(long ingredientId, long quantity) {
	}

	/** What pricing needs of an active product, read in one light query. */
	public record Price(long productId, String name, String category, long priceMinor, int vatRateBasisPoints) {
	}

	private static final String COLUMNS = "id, code, name, description, photo_url, category, price_minor, currency, vat_rate_bp, prep_seconds, active, version";

	private final JdbcClient db;
	private final AuditTrail audit;
	private final com.diggety.shared.Snapshot<Map<Long, Product>> onSale = new com.diggety.shared.Snapshot<>(
			java.time.Duration.ofSeconds(2), () -> {
				var map = new java.util.LinkedHashMap<Long, Product>();
				all(false).forEach(product -> map.put(product.id(), product));
				return java.util.Collections.unmodifiableMap(map);
			});
	private final Ingredients ingredients;
	private final ApplicationEventPublisher events;

	Products(JdbcClient db, AuditTrail audit, Ingredients ingredients, ApplicationEventPublisher events) {
		this.db = db;
		this.audit = audit;
		this.ingredients = ingredients;
		this.events = events;
	}

	/** The active products' prices, for pricing and the phones. */
	public List<Price> prices() {
		return db.sql("SELECT id, name, category, price_minor, vat_rate_bp FROM products WHERE active ORDER BY id")
				.query((rs, i) -> new Price(rs.getLong("id"), rs.getString("name"), rs.getString("category"),
						rs.getLong("price_minor"), rs.getInt("vat_rate_bp")))
				.list();
	}

	/** The active products with their recipes, by id, read at most every two seconds: hot paths read this. */
	public Map<Long, Product> onSale() {
		return onSale.get();
	}

	public List<Product> all(boolean includeArchived) {
		return withRecipes(db.sql("SELECT " + COLUMNS + " FROM products" + (includeArchived ? "" : " WHERE active")
				+ " ORDER BY category, name").query(ROW).list());
	}

	public Optional<Product> find(long id) {
		return withRecipes(db.sql("SELECT " + COLUMNS + " FROM products WHERE id = ?").param(id).query(ROW).list())
				.stream().findFirst();
	}

	public Optional<Product> findByCode(String code) {
		return withRecipes(db.sql("SELECT " + COLUMNS + " FROM products WHERE code = ?").param(code).query(ROW).list())
				.stream().findFirst();
	}

	public List<Product> findAll(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return withRecipes(db.sql("SELECT " + COLUMNS + " FROM products WHERE id IN (:ids)").param("ids", ids)
				.query(ROW).list());
	}

	@Transactional
	public Product create(Details details) {
		onSale.forget();
		if (findByCode(details.code()).isPresent()) {
			throw Problem.conflict("A product with code " + details.code() + " exists");
		}
		var product = insert(details);
		audit.record("product.created", "product", product.id(), null, summary(product));
		events.publishEvent(new CatalogChanged(product.id()));
		return product;
	}

	/** Creates the product unless its code exists (demo seeding, no staff actor to audit). */
	@Transactional
	public Product ensure(Details details, List<Portion> recipe) {
		onSale.forget();
		return findByCode(details.code()).orElseGet(() -> {
			var product = insert(details);
			writeRecipe(product.id(), recipe);
			return find(product.id()).orElseThrow();
		});
	}

	private Product insert(Details d) {
		var keys = new GeneratedKeyHolder();
		var now = Sql.ts(Instant.now());
		db.sql("""
				INSERT INTO products (code, name, description, photo_url, category, price_minor, currency, vat_rate_bp,
				 prep_seconds, active, version, created_at, updated_at)
				VALUES (:code, :name, :description, :photo, :category, :price, :currency, :vat, :prep, TRUE, 0, :now, :now)""")
				.param("code", d.code()).param("name", d.name()).param("description", d.description())
				.param("photo", d.photoUrl()).param("category", d.category()).param("price", d.priceMinor())
				.param("currency", d.currency()).param("vat", d.vatRateBasisPoints()).param("prep", d.prepSeconds())
				.param("now", now)
				.update(keys, "id");
		return find(keys.getKey().longValue()).orElseThrow();
	}

	/** Replaces a product's details; a stale {@code expectedVersion} is refused with 409. */
	@Transactional
	public Product update(long id, Details d, Integer expectedVersion) {
		onSale.forget();
		var before = find(id).orElseThrow(() -> Problem.notFound("Product", id));
		if (expectedVersion != null && expectedVersion != before.version()) {
			throw Problem.conflict("The product was changed by someone else (version " + before.version() + ")");
		}
		findByCode(d.code()).filter(other -> other.id() != id).ifPresent(other -> {
			throw Problem.conflict("A product with code " + d.code() + " exists");
		});
		int updated = db.sql("""
				UPDATE products SET code = :code, name = :name, description = :description, photo_url = :photo,
				 category = :category, price_minor = :price, currency = :currency, vat_rate_bp = :vat,
				 prep_seconds = :prep, version = version + 1, updated_at = :now
				WHERE id = :id AND version = :version""")
				.param("code", d.code()).param("name", d.name()).param("description", d.description())
				.param("photo", d.photoUrl()).param("category", d.category()).param("price", d.priceMinor())
				.param("currency", d.currency()).param("vat", d.vatRateBasisPoints()).param("prep", d.prepSeconds())
				.param("now", Sql.ts(Instant.now())).param("id", id).param("version", before.version())
				.update();
		if (updated == 0) {
			throw Problem.conflict("The product was changed by someone else; reload and try again");
		}
		var after = find(id).orElseThrow();
		audit.record("product.updated", "product", id, summary(before), summary(after));
		events.publishEvent(new CatalogChanged(id));
		return after;
	}

	@Transactional
	public Product setActive(long id, boolean active) {
		onSale.forget();
		var before = find(id).orElseThrow(() -> Problem.notFound("Product", id));
		db.sql("UPDATE products SET active = ?, version = version + 1, updated_at = ? WHERE id = ?")
				.params(active, Sql.ts(Instant.now()), id).update();
		audit.record(active ? "product.restored" : "product.archived", "product", id, before.active(), active);
		events.publishEvent(new CatalogChanged(id));
		return find(id).orElseThrow();
	}

	/** Replaces the recipe: every ingredient must exist and be active, every quantity positive, none twice. */
	@Transactional
	public Product setRecipe(long id, List<Portion> recipe) {
		onSale.forget();
		var before = find(id).orElseThrow(() -> Problem.notFound("Product", id));
		var errors = new ArrayList<Problem.FieldError>();
		var seen = new java.util.HashSet<Long>();
		for (int i = 0; i < recipe.size(); i++) {
			var portion = recipe.get(i);
			var ingredient = ingredients.find(portion.ingredientId());
			if (ingredient.isEmpty() || !ingredient.get().active()) {
				errors.add(new Problem.FieldError("[" + i + "].ingredientId",
						"no active ingredient " + portion.ingredientId()));
			}
			if (portion.quantity() <= 0) {
				errors.add(new Problem.FieldError("[" + i + "].quantity", "must be greater than 0"));
			}
			if (!seen.add(portion.ingredientId())) {
				errors.add(new Problem.FieldError("[" + i + "].ingredientId", "is listed twice"));
			}
		}
		if (!errors.isEmpty()) {
			throw Problem.invalid(errors);
		}
		writeRecipe(id, recipe);
		var after = find(id).orElseThrow();
		audit.record("product.recipe-set", "product", id, recipeSummary(before), recipeSummary(after));
		events.publishEvent(new CatalogChanged(id));
		return after;
	}

	private void writeRecipe(long productId, List<Portion> recipe) {
		db.sql("DELETE FROM recipe_lines WHERE product_id = ?").param(productId).update();
		for (var portion : recipe) {
			db.sql("INSERT INTO recipe_lines (product_id, ingredient_id, quantity) VALUES (?, ?, ?)")
					.params(productId, portion.ingredientId(), portion.quantity()).update();
		}
	}

	private List<Product> withRecipes(List<Product> products) {
		if (products.isEmpty()) {
			return products;
		}
		var lines = new HashMap<Long, List<Product.RecipeLine>>();
		db.sql("""
				SELECT r.product_id, r.ingredient_id, r.quantity, i.code, i.name, i.unit
				FROM recipe_lines r JOIN ingredients i ON i.id = r.ingredient_id
				WHERE r.product_id IN (:ids) ORDER BY i.name""")
				.param("ids", products.stream().map(Product::id).toList())
				.query((rs, i) -> lines.computeIfAbsent(rs.getLong("product_id"), k -> new ArrayList<>())
						.add(new Product.RecipeLine(rs.getLong("ingredient_id"), rs.getString("code"),
								rs.getString("name"), rs.getLong("quantity"), Unit.valueOf(rs.getString("unit")))))
				.list();
		return products.stream().map(p -> new Product(p.id(), p.code(), p.name(), p.description(), p.photoUrl(),
				p.category(), p.priceMinor(), p.currency(), p.vatRateBasisPoints(), p.prepSeconds(), p.active(),
				p.version(), List.copyOf(lines.getOrDefault(p.id(), List.of())))).toList();
	}

	private static Map<String, Object> summary(Product p) {
		var map = new LinkedHashMap<String, Object>();
		map.put("code", p.code());
		map.put("name", p.name());
		map.put("category", p.category());
		map.put("priceMinor", p.priceMinor());
		map.put("currency", p.currency());
		map.put("vatRateBasisPoints", p.vatRateBasisPoints());
		return map;
	}

	private static Map<String, Long> recipeSummary(Product p) {
		var map = new LinkedHashMap<String, Long>();
		p.recipe().forEach(line -> map.put(line.ingredientCode(), line.quantity()));
		return map;
	}

	private static final RowMapper<Product> ROW = (rs, i) -> new Product(rs.getLong("id"), rs.getString("code"),
			rs.getString("name"), rs.getString("description"), rs.getString("photo_url"), rs.getString("category"),
			rs.getLong("price_minor"), rs.getString("currency"), rs.getInt("vat_rate_bp"), rs.getInt("prep_seconds"),
			rs.getBoolean("active"), rs.getInt("version"), List.of());
}
