package com.diggety.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.diggety.catalog.Ingredient;
import com.diggety.catalog.Ingredients;
import com.diggety.catalog.Products;
import com.diggety.shared.Problem;
import com.diggety.shared.Savepoints;
import com.diggety.shared.Sql;

/**
 * The stock ledger. Every change is a signed movement tied to its cause; a cause applies once per ingredient (a
 * replayed sale or event moves nothing). Levels are the ledger's balance, kept by atomic increments, so movements
 * from many offline phones commute and end at exactly the initial level plus their sum. A physical count becomes
 * the correcting movement as of its time; a movement that happened before the latest count but arrives after it
 * is already in the count and is offset. Stock may go negative (the hot dog was sold): that is flagged.
 */
@Service
public class Stock {

	/** A stand's level of one ingredient with its threshold. */
	public record Level(long standId, long ingredientId, String ingredientCode, String ingredientName, String unit,
			long quantity, long threshold, Status status) {

		public enum Status {
			OK, LOW, OUT, NEGATIVE
		}
	}

	/** What one unit of each item needs that the stand lacks. */
	public record Shortage(long ingredientId, String ingredientName, long needed, long available) {
	}

	private final JdbcClient db;
	private final Ingredients ingredients;
	private final Products products;
	private final Savepoints savepoints;
	private final ApplicationEventPublisher events;
	private final org.springframework.jdbc.core.JdbcTemplate jdbc;

	Stock(JdbcClient db, Ingredients ingredients, Products products, Savepoints savepoints,
			ApplicationEventPublisher events, javax.sql.DataSource dataSource) {
		this.jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
		this.db = db;
		this.ingredients = ingredients;
		this.products = products;
		this.savepoints = savepoints;
		this.events = events;
	}

	/**
	 * Moves stock. Returns false when this cause already moved this ingredient (a replay): nothing changes then.
	 */
	@Transactional
	public boolean move(long standId, long ingredientId, long quantity, Movement.Kind kind, String cause,
			Instant occurredAt, String note) {
		var now = Instant.now();
		lockStand(standId);
		try {
			savepoints.attempt(() -> db.sql(INSERT_MOVEMENT)
					.params(standId, ingredientId, quantity, kind.name(), cause, Sql.ts(occurredAt), Sql.ts(now), note)
					.update());
		}
		catch (DuplicateKeyException replay) {
			return false;
		}
		long net = quantity;
		if (kind != Movement.Kind.COUNT_CORRECTION && kind != Movement.Kind.INITIAL) {
			var count = latestCount(standId, ingredientId);
			if (count.isPresent() && occurredAt.isBefore(count.get())) {
				db.sql(INSERT_MOVEMENT).params(offset(standId, ingredientId, quantity, cause, occurredAt, now, count.get()))
						.update();
				net = 0;
			}
		}
		long after = add(standId, ingredientId, net, now);
		if (kind.manual()) {
			touch(standId, "last_manual_update", occurredAt);
		}
		if (kind == Movement.Kind.SALE) {
			touch(standId, "last_sale", occurredAt);
		}
		alerts(standId, ingredientId, after - net, after, now);
		if (kind != Movement.Kind.SALE && kind != Movement.Kind.VOID) {
			events.publishEvent(new StockChanged(standId));
		}
		return true;
	}

	/**
	 * Takes the stand's stock lock for the rest of the transaction. Code that locks rows of its own and may then move
	 * a stand's stock (an order being accepted or cancelled) takes this first, so every transaction locks a stand's
	 * stock before anything else of that stand: a phone's push (sales, then an order accepted on the phone) and the
	 * office moving the same order cannot wait on each other.
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public void lock(long standId) {
		lockStand(standId);
	}

	/**
	 * Every change of a stand's stock first locks the stand's status row, so the changes of one stand (a phone's
	 * count in its sync, sales followed after their commit) queue up in one order and never deadlock.
	 */
	private void lockStand(long standId) {
		if (db.sql("SELECT COUNT(*) FROM stand_stock_status WHERE stand_id = ?").param(standId).query(Integer.class).single() == 0) {
			try {
				savepoints.attempt(() -> db.sql("INSERT INTO stand_stock_status (stand_id) VALUES (?)").param(standId).update());
			}
			catch (DuplicateKeyException createdMeanwhile) {
				// another transaction created it: lock it below
			}
		}
		db.sql("SELECT stand_id FROM stand_stock_status WHERE stand_id = ? FOR UPDATE").param(standId).query(Long.class).single();
	}

	/** Adds to the balance with one atomic statement; the first movement of a pair creates its row. */
	private long add(long standId, long ingredientId, long delta, Instant now) {
		int updated = db.sql("UPDATE stock_levels SET quantity = quantity + ?, updated_at = ? WHERE stand_id = ? AND ingredient_id = ?")
				.params(delta, Sql.ts(now), standId, ingredientId).update();
		if (updated == 0) {
			try {
				savepoints.attempt(() -> db.sql("INSERT INTO stock_levels (stand_id, ingredient_id, quantity, updated_at) VALUES (?, ?, ?, ?)")
						.params(standId, ingredientId, delta, Sql.ts(now)).update());
			}
			catch (DuplicateKeyException createdMeanwhile) {
				db.sql("UPDATE stock_levels SET quantity = quantity + ?, updated_at = ? WHERE stand_id = ? AND ingredient_id = ?")
						.params(delta, Sql.ts(now), standId, ingredientId).update();
			}
		}
		return db.sql("SELECT quantity FROM stock_levels WHERE stand_id = ? AND ingredient_id = ?")
				.params(standId, ingredientId).query(Long.class).single();
	}

	private void touch(long standId, String column, Instant at) {
		int updated = db.sql("UPDATE stand_stock_status SET " + column + " = ? WHERE stand_id = ? AND (" + column
				+ " IS NULL OR " + column + " < ?)").params(Sql.ts(at), standId, Sql.ts(at)).update();
		if (updated == 0 && db.sql("SELECT COUNT(*) FROM stand_stock_status WHERE stand_id = ?").param(standId)
				.query(Integer.class).single() == 0) {
			try {
				savepoints.attempt(() -> db.sql("INSERT INTO stand_stock_status (stand_id, " + column + ") VALUES (?, ?)")
						.params(standId, Sql.ts(at)).update());
			}
			catch (DuplicateKeyException createdMeanwhile) {
				touch(standId, column, at);
			}
		}
		if ("last_manual_update".equals(column)) {
			db.sql("UPDATE stock_alerts SET resolved_at = ? WHERE stand_id = ? AND kind = 'STALE' AND resolved_at IS NULL")
					.params(Sql.ts(at), standId).update();
		}
	}

	/** Raises a low-stock alert when the level crosses below the threshold, once; resolves it when back above. */
	private void alerts(long standId, long ingredientId, long before, long after, Instant now) {
		long threshold = threshold(standId, ingredientId);
		if (before >= threshold && after < threshold && openAlert(standId, ingredientId, "LOW").isEmpty()) {
			db.sql("INSERT INTO stock_alerts (stand_id, ingredient_id, kind, level, threshold, raised_at) VALUES (?, ?, 'LOW', ?, ?, ?)")
					.params(standId, ingredientId, after, threshold, Sql.ts(now)).update();
			var name = ingredients.find(ingredientId).map(Ingredient::name).orElse("#" + ingredientId);
			events.publishEvent(new LowStockDetected(standId, ingredientId, name, after, threshold, now));
			events.publishEvent(new StockChanged(standId));
		}
		else if (after >= threshold && before < threshold) {
			db.sql("UPDATE stock_alerts SET resolved_at = ? WHERE stand_id = ? AND ingredient_id = ? AND kind = 'LOW' AND resolved_at IS NULL")
					.params(Sql.ts(now), standId, ingredientId).update();
			events.publishEvent(new StockChanged(standId));
		}
		if (after < 0 && before >= 0 && openAlert(standId, ingredientId, "NEGATIVE").isEmpty()) {
			db.sql("INSERT INTO stock_alerts (stand_id, ingredient_id, kind, level, threshold, raised_at) VALUES (?, ?, 'NEGATIVE', ?, 0, ?)")
					.params(standId, ingredientId, after, Sql.ts(now)).update();
		}
		else if (after >= 0 && before < 0) {
			db.sql("UPDATE stock_alerts SET resolved_at = ? WHERE stand_id = ? AND ingredient_id = ? AND kind = 'NEGATIVE' AND resolved_at IS NULL")
					.params(Sql.ts(now), standId, ingredientId).update();
		}
	}

	private Optional<Long> openAlert(long standId, long ingredientId, String kind) {
		return db.sql("SELECT id FROM stock_alerts WHERE stand_id = ? AND ingredient_id = ? AND kind = ? AND resolved_at IS NULL")
				.params(standId, ingredientId, kind).query(Long.class).optional();
	}

	public long threshold(long standId, long ingredientId) {
		return db.sql("SELECT threshold FROM stock_thresholds WHERE stand_id = ? AND ingredient_id = ?")
				.params(standId, ingredientId).query(Long.class).optional()
				.orElseGet(() -> ingredients.find(ingredientId).map(Ingredient::lowStockThreshold).orElse(0L));
	}

	@Transactional
	public void setThreshold(long standId, long ingredientId, long threshold) {
		if (threshold < 0) {
			throw Problem.invalid("threshold", "must not be negative");
		}
		ingredient(ingredientId);
		db.sql("DELETE FROM stock_thresholds WHERE stand_id = ? AND ingredient_id = ?").params(standId, ingredientId).update();
		db.sql("INSERT INTO stock_thresholds (stand_id, ingredient_id, threshold) VALUES (?, ?, ?)")
				.params(standId, ingredientId, threshold).update();
	}

	/** The products one sale took (or a void gave back), as the sales module reports it. */
	public record Sold(String saleId, long standId, Instant at, Map<Long, Integer> productQuantities) {
	}

	/** The stock a sale used, by its products' recipes; applied once per sale. */
	@Transactional
	public void sold(String saleId, long standId, Instant at, Map<Long, Integer> productQuantities, boolean voided) {
		sold(List.of(new Sold(saleId, standId, at, productQuantities)), voided);
	}

	/**
	 * The stock a run of sales used (a phone's synced backlog), applied once per sale and ingredient, with a handful of
	 * statements per stand rather than per sale: the stand is locked once, the movements go in one batch, each
	 * level moves once by the run's net change, and an alert is raised once if the run crossed a threshold.
	 */
	@Transactional
	public void sold(List<Sold> sales, boolean voided) {
		if (sales.isEmpty()) {
			return;
		}
		var recipes = new HashMap<Long, com.diggety.catalog.Product>();
		products.findAll(sales.stream().flatMap(sale -> sale.productQuantities().keySet().stream()).distinct().toList())
				.forEach(product -> recipes.put(product.id(), product));
		var kind = voided ? Movement.Kind.VOID : Movement.Kind.SALE;
		var byStand = new java.util.TreeMap<Long, List<Sold>>(); // stands in id order: concurrent runs never deadlock
		sales.forEach(sale -> byStand.computeIfAbsent(sale.standId(), k -> new ArrayList<>()).add(sale));
		var now = Instant.now();
		byStand.forEach((standId, ofStand) -> {
			lockStand(standId);
			var causes = new LinkedHashMap<String, Sold>();
			ofStand.forEach(sale -> causes.put((voided ? "void:" : "sale:") + sale.saleId(), sale));
			var done = new java.util.HashSet<String>();
			db.sql("SELECT cause, ingredient_id FROM stock_movements WHERE cause IN (:causes)")
					.param("causes", causes.keySet())
					.query((rs, i) -> done.add(rs.getString("cause") + "|" + rs.getLong("ingredient_id"))).list();
			var counted = new HashMap<Long, Instant>();
			db.sql("SELECT ingredient_id, counted_at FROM stock_counts WHERE stand_id = ?").param(standId)
					.query((rs, i) -> counted.put(rs.getLong("ingredient_id"), Sql.instant(rs, "counted_at"))).list();
			var rows = new ArrayList<Object[]>();
			var net = new java.util.TreeMap<Long, Long>();
			Instant lastSale = null;
			for (var entry : causes.entrySet()) {
				var cause = entry.getKey();
				var sale = entry.getValue();
				var use = new java.util.TreeMap<Long, Long>();
				sale.productQuantities().forEach((productId, quantity) -> {
					var product = recipes.get(productId);
					if (product != null) {
						product.recipe().forEach(line -> use.merge(line.ingredientId(), line.quantity() * quantity, Long::sum));
					}
				});
				boolean moved = false;
				for (var used : use.entrySet()) {
					long ingredient = used.getKey();
					if (!done.add(cause + "|" + ingredient)) {
						continue; // this sale moved this ingredient already: a replay
					}
					moved = true;
					long quantity = voided ? used.getValue() : -used.getValue();
					rows.add(new Object[] { standId, ingredient, quantity, kind.name(), cause, Sql.ts(sale.at()),
							Sql.ts(now), null });
					var count = counted.get(ingredient);
					if (count != null && sale.at().isBefore(count)) {
						rows.add(offset(standId, ingredient, quantity, cause, sale.at(), now, count));
					}
					else {
						net.merge(ingredient, quantity, Long::sum);
					}
				}
				if (moved && !voided && (lastSale == null || sale.at().isAfter(lastSale))) {
					lastSale = sale.at();
				}
			}
			if (rows.isEmpty()) {
				return;
			}
			jdbc.batchUpdate(INSERT_MOVEMENT, rows);
			var after = addAll(standId, net, now);
			if (lastSale != null) {
				touch(standId, "last_sale", lastSale);
			}
			net.forEach((ingredient, delta) -> alerts(standId, ingredient, after.get(ingredient) - delta,
					after.get(ingredient), now));
		});
	}

	/** Adds each net change to its balance (one batch), creating missing rows; the balances after, by ingredient. */
	private Map<Long, Long> addAll(long standId, java.util.SortedMap<Long, Long> net, Instant now) {
		var changes = new ArrayList<Object[]>();
		var ids = new ArrayList<>(net.keySet());
		net.forEach((ingredient, delta) -> changes.add(new Object[] { delta, Sql.ts(now), standId, ingredient }));
		int[] updated = jdbc.batchUpdate(
				"UPDATE stock_levels SET quantity = quantity + ?, updated_at = ? WHERE stand_id = ? AND ingredient_id = ?",
				changes);
		var after = new HashMap<Long, Long>();
		for (int i = 0; i < updated.length; i++) {
			if (updated[i] == 0) { // the pair's first movement: add() creates the row (or adds to one made meanwhile)
				after.put(ids.get(i), add(standId, ids.get(i), net.get(ids.get(i)), now));
			}
		}
		if (after.size() < ids.size()) {
			db.sql("SELECT ingredient_id, quantity FROM stock_levels WHERE stand_id = :stand AND ingredient_id IN (:ids)")
					.param("stand", standId).param("ids", ids)
					.query((rs, i) -> after.put(rs.getLong("ingredient_id"), rs.getLong("quantity"))).list();
		}
		return after;
	}

	/** Opening stock for a stand (demo data, a new stand): once per cause, with no alerts. */
	@Transactional
	public void seed(long standId, Map<Long, Long> quantities, Instant at, String cause) {
		if (db.sql("SELECT COUNT(*) FROM stock_movements WHERE cause = ?").param(cause).query(Integer.class).single() > 0) {
			return;
		}
		var now = Sql.ts(Instant.now());
		var movements = new ArrayList<Object[]>();
		quantities.forEach((ingredient, quantity) -> movements.add(new Object[] { standId, ingredient, quantity,
				Movement.Kind.INITIAL.name(), cause, Sql.ts(at), now, null }));
		jdbc.batchUpdate(INSERT_MOVEMENT, movements);
		quantities.forEach((ingredient, quantity) -> add(standId, ingredient, quantity, Instant.now()));
	}

	private static final String INSERT_MOVEMENT = """
			INSERT INTO stock_movements (stand_id, ingredient_id, quantity, kind, cause, occurred_at, recorded_at, note)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";

	/**
	 * The movement that offsets one which happened before the latest physical count but arrived after it: the count
	 * already saw its effect.
	 */
	private static Object[] offset(long standId, long ingredientId, long quantity, String cause, Instant at,
			Instant now, Instant countedAt) {
		return new Object[] { standId, ingredientId, -quantity, Movement.Kind.COUNT_CORRECTION.name(),
				clip("recount:" + cause, 120), Sql.ts(at), Sql.ts(now), "already in the count of " + countedAt };
	}

	/** A delivery of a positive quantity. */
	@Transactional
	public boolean deliver(long standId, long ingredientId, long quantity, Instant at, String cause, String note) {
		if (quantity <= 0) {
			throw Problem.invalid("quantity", "a delivery adds a positive quantity");
		}
		ingredient(ingredientId);
		return move(standId, ingredientId, quantity, Movement.Kind.DELIVERY, cause, at, note);
	}

	@Transactional
	public boolean waste(long standId, long ingredientId, long quantity, Instant at, String cause, String note) {
		if (quantity <= 0) {
			throw Problem.invalid("quantity", "waste removes a positive quantity");
		}
		ingredient(ingredientId);
		return move(standId, ingredientId, -quantity, Movement.Kind.WASTE, cause, at, note);
	}

	/**
	 * A physical count: the correction is what the count says minus the level the ledger had as of the count's time.
	 * Movements that happened before the count and arrive later are offset (they are in the count already).
	 */
	@Transactional
	public boolean count(long standId, long ingredientId, long counted, Instant at, String cause) {
		if (counted < 0) {
			throw Problem.invalid("counted", "a count cannot be negative");
		}
		ingredient(ingredientId);
		if (db.sql("SELECT COUNT(*) FROM stock_movements WHERE cause = ? AND ingredient_id = ?").params(cause, ingredientId)
				.query(Integer.class).single() > 0) {
			return false;
		}
		long asOf = db.sql("SELECT COALESCE(SUM(quantity), 0) FROM stock_movements WHERE stand_id = ? AND ingredient_id = ? AND occurred_at <= ?")
				.params(standId, ingredientId, Sql.ts(at)).query(Long.class).single();
		var latest = latestCount(standId, ingredientId);
		if (latest.isEmpty() || at.isAfter(latest.get())) {
			db.sql("DELETE FROM stock_counts WHERE stand_id = ? AND ingredient_id = ?").params(standId, ingredientId).update();
			db.sql("INSERT INTO stock_counts (stand_id, ingredient_id, counted_at, counted, cause) VALUES (?, ?, ?, ?, ?)")
					.params(standId, ingredientId, Sql.ts(at), counted, cause).update();
		}
		return move(standId, ingredientId, counted - asOf, Movement.Kind.COUNT_CORRECTION, cause, at, "counted " + counted);
	}

	/** Moves stock from one stand to another (a driver takes buns from a quiet stand to a busy one). */
	@Transactional
	public void transfer(long fromStand, long toStand, long ingredientId, long quantity, Instant at, String cause) {
		if (quantity <= 0) {
			throw Problem.invalid("quantity", "a transfer moves a positive quantity");
		}
		if (fromStand == toStand) {
			throw Problem.invalid("toStandId", "must be another stand");
		}
		ingredient(ingredientId);
		move(fromStand, ingredientId, -quantity, Movement.Kind.TRANSFER_OUT, cause + ":out", at, "to stand " + toStand);
		move(toStand, ingredientId, quantity, Movement.Kind.TRANSFER_IN, cause + ":in", at, "from stand " + fromStand);
	}

	private Optional<Instant> latestCount(long standId, long ingredientId) {
		return db.sql("SELECT counted_at FROM stock_counts WHERE stand_id = ? AND ingredient_id = ?")
				.params(standId, ingredientId).query((rs, i) -> Sql.instant(rs, "counted_at")).optional();
	}

	private Ingredient ingredient(long id) {
		return ingredients.find(id).filter(Ingredient::active)
				.orElseThrow(() -> Problem.invalid("ingredientId", "no active ingredient " + id));
	}

	/** The stand's quantities by ingredient (ingredients it never had are absent): one read, for hot paths. */
	public Map<Long, Long> quantities(long standId) {
		var quantities = new HashMap<Long, Long>();
		db.sql("SELECT ingredient_id, quantity FROM stock_levels WHERE stand_id = ?").param(standId)
				.query((rs, i) -> quantities.put(rs.getLong("ingredient_id"), rs.getLong("quantity"))).list();
		return quantities;
	}

	/** Every active ingredient's level at a stand, with its threshold and status. */
	public List<Level> levels(long standId) {
		var quantities = new HashMap<Long, Long>();
		var thresholds = new HashMap<Long, Long>();
		// the balances and the stand's own thresholds in one round trip
		db.sql("""
				SELECT ingredient_id, quantity, 'L' AS what FROM stock_levels WHERE stand_id = :stand
				UNION ALL SELECT ingredient_id, threshold, 'T' AS what FROM stock_thresholds WHERE stand_id = :stand""")
				.param("stand", standId)
				.query((rs, i) -> ("L".equals(rs.getString("what")) ? quantities : thresholds)
						.put(rs.getLong("ingredient_id"), rs.getLong("quantity")))
				.list();
		var levels = new ArrayList<Level>();
		for (var ingredient : ingredients.active()) {
			long quantity = quantities.getOrDefault(ingredient.id(), 0L);
			long threshold = thresholds.getOrDefault(ingredient.id(), ingredient.lowStockThreshold());
			levels.add(new Level(standId, ingredient.id(), ingredient.code(), ingredient.name(), ingredient.unit().name(),
					quantity, threshold, status(quantity, threshold)));
		}
		return levels;
	}

	static Level.Status status(long quantity, long threshold) {
		return quantity < 0 ? Level.Status.NEGATIVE : quantity == 0 ? Level.Status.OUT
				: quantity < threshold ? Level.Status.LOW : Level.Status.OK;
	}

	/** Thresholds set for single stands: stand id -> ingredient id -> threshold (others use the ingredient's). */
	public Map<Long, Map<Long, Long>> standThresholds() {
		var result = new HashMap<Long, Map<Long, Long>>();
		db.sql("SELECT stand_id, ingredient_id, threshold FROM stock_thresholds")
				.query((rs, i) -> result.computeIfAbsent(rs.getLong("stand_id"), k -> new HashMap<>())
						.put(rs.getLong("ingredient_id"), rs.getLong("threshold")))
				.list();
		return result;
	}

	/** All stands' levels of these ingredients: stand id -> quantities in the order of {@code ingredientIds}. */
	public Map<Long, long[]> overview(List<Long> ingredientIds) {
		var column = new HashMap<Long, Integer>();
		for (int i = 0; i < ingredientIds.size(); i++) {
			column.put(ingredientIds.get(i), i);
		}
		var result = new HashMap<Long, long[]>();
		db.sql("SELECT stand_id, ingredient_id, quantity FROM stock_levels").query(rs -> {
			var at = column.get(rs.getLong(2));
			if (at != null) {
				result.computeIfAbsent(rs.getLong(1), k -> new long[ingredientIds.size()])[at] = rs.getLong(3);
			}
		});
		return result;
	}

	/** What the stand lacks to make these items; empty when it can. */
	public List<Shortage> shortages(long standId, Map<Long, Integer> productQuantities) {
		var need = new LinkedHashMap<Long, Long>();
		products.findAll(productQuantities.keySet()).forEach(product -> product.recipe().forEach(line -> need
				.merge(line.ingredientId(), line.quantity() * productQuantities.get(product.id()), Long::sum)));
		var levels = new HashMap<Long, Level>();
		levels(standId).forEach(l -> levels.put(l.ingredientId(), l));
		var shortages = new ArrayList<Shortage>();
		need.forEach((ingredient, quantity) -> {
			var level = levels.get(ingredient);
			long available = level == null ? 0 : Math.max(0, level.quantity());
			if (available < quantity) {
				shortages.add(new Shortage(ingredient, level == null ? "#" + ingredient : level.ingredientName(),
						quantity, available));
			}
		});
		return shortages;
	}

	/** When someone last updated the stand's stock by hand (delivery, count, waste), if ever. */
	public Optional<Instant> lastManualUpdate(long standId) {
		return db.sql("SELECT last_manual_update FROM stand_stock_status WHERE stand_id = ?").param(standId)
				.query((rs, i) -> Sql.instant(rs, "last_manual_update")).optional().filter(java.util.Objects::nonNull);
	}

	public List<Movement> movements(long standId, Instant from, Instant to, Long ingredientId, Movement.Kind kind,
			int limit) {
		var sql = new StringBuilder("SELECT * FROM stock_movements WHERE stand_id = ? AND occurred_at >= ? AND occurred_at < ?");
		var params = new ArrayList<Object>(List.of(standId, Sql.ts(from), Sql.ts(to)));
		if (ingredientId != null) {
			sql.append(" AND ingredient_id = ?");
			params.add(ingredientId);
		}
		if (kind != null) {
			sql.append(" AND kind = ?");
			params.add(kind.name());
		}
		sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ").append(limit);
		return db.sql(sql.toString()).params(params)
				.query((rs, i) -> new Movement(rs.getLong("id"), rs.getLong("stand_id"), rs.getLong("ingredient_id"),
						rs.getLong("quantity"), Movement.Kind.valueOf(rs.getString("kind")), rs.getString("cause"),
						Sql.instant(rs, "occurred_at"), Sql.instant(rs, "recorded_at"), rs.getString("note")))
				.list();
	}

	private static String clip(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max);
	}
}
