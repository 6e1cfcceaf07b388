package com.diggety.orders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.diggety.inventory.Stock;
import com.diggety.shared.Sql;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The orders' rows: the order, its lines and every change of its status. Callers hold the transaction. */
@Component
class OrderBook {

	/** An order's row as the service works with it. */
	record Row(UUID id, long standId, String number, Long customerUserId, String email, String phone, String keyHash,
			OrderStatus status, int version, Order.Way way, long subtotalMinor, long discountMinor, long totalMinor,
			String currency, String codes, int prepSeconds, Instant placedAt, Instant paidAt, Instant acceptedAt,
			Instant decisionDueAt, Instant readyAt, String pickupCode, String proposal) {

		boolean collectable() {
			return status == OrderStatus.ACCEPTED || status == OrderStatus.PREPARING || status == OrderStatus.READY;
		}

		List<String> codeList() {
			return codes == null || codes.isEmpty() ? List.of() : List.of(codes.split(","));
		}
	}

	private static final String COLUMNS = "id, stand_id, number, customer_user_id, contact_email, contact_phone, "
			+ "access_key_hash, status, version, way, subtotal_minor, discount_minor, total_minor, currency, codes, "
			+ "prep_seconds, placed_at, paid_at, accepted_at, decision_due_at, ready_at, pickup_code, proposal";

	private final JdbcClient db;
	private final ObjectMapper json;

	private final org.springframework.jdbc.core.JdbcTemplate jdbc;

	private final Stock stock;

	OrderBook(JdbcClient db, org.springframework.jdbc.core.JdbcTemplate jdbc, Stock stock, ObjectMapper json) {
		this.stock = stock;
		this.db = db;
		this.jdbc = jdbc;
		this.json = json;
	}

	boolean insert(Row row, List<Order.Item> items, String actor) {
		// the number is unique among the stand's orders under way (orders_active_number_uq): a taken one stores nothing
		int stored = db.sql("INSERT INTO orders (" + COLUMNS + ", updated_at, active_number) VALUES "
				+ "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
				.params(row.id(), row.standId(), row.number(), row.customerUserId(), row.email(), row.phone(),
						row.keyHash(), row.status().name(), row.version(), row.way() == null ? null : row.way().name(),
						row.subtotalMinor(), row.discountMinor(), row.totalMinor(), row.currency(), row.codes(),
						row.prepSeconds(), Sql.ts(row.placedAt()), null, null, null, null, null, null,
						Sql.ts(row.placedAt()), row.number())
				.update();
		if (stored == 0) {
			return false;
		}
		var lines = new java.util.ArrayList<Object[]>(items.size());
		int line = 0;
		for (var item : items) {
			lines.add(new Object[] { row.id(), ++line, item.productId(), item.name(), item.quantity(),
					item.unitPriceMinor(), item.substituteFor(),
					item.swaps().isEmpty() ? null : json.writeValueAsString(item.swaps()) });
		}
		jdbc.batchUpdate("""
				INSERT INTO order_items (order_id, line, product_id, name, quantity, unit_price_minor, substitute_for, swaps)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", lines);
		changed(row.id(), row.status(), row.version(), actor, null, row.placedAt());
		return true;
	}

	Optional<Row> find(UUID id) {
		return db.sql("SELECT " + COLUMNS + " FROM orders WHERE id = ?").param(id).query(OrderBook::row).optional();
	}

	/**
	 * The row, locked until the transaction ends: every change of an order goes through here. The stand's stock is
	 * locked first (see {@link Stock#lock}), as every other transaction that touches both does.
	 */
	Optional<Row> lock(UUID id) {
		var standId = db.sql("SELECT stand_id FROM orders WHERE id = ?").param(id).query(Long.class).optional();
		if (standId.isEmpty()) {
			return Optional.empty();
		}
		stock.lock(standId.get());
		return db.sql("SELECT " + COLUMNS + " FROM orders WHERE id = ? FOR UPDATE").param(id).query(OrderBook::row)
				.optional();
	}

	/** Moves the order to {@code status}, bumping its version, and stores the change with who made it and why. */
	void move(Row row, OrderStatus status, String actor, String reason, Instant at) {
		int version = row.version() + 1;
		var stamp = switch (status) {
			case PAID -> ", paid_at = :at";
			case ACCEPTED -> ", accepted_at = :at";
			default -> status.finished() ? ", active_number = NULL" : ""; // its number is free for the next order
		};
		db.sql("UPDATE orders SET status = :status, version = :version, updated_at = :at" + stamp + " WHERE id = :id")
				.param("status", status.name()).param("version", version).param("at", Sql.ts(at))
				.param("id", row.id()).update();
		changed(row.id(), status, version, actor, reason, at);
	}

	/** A change that is not a status (a proposal, a new estimate): the version grows so apps refetch. */
	void touch(UUID id, Instant at) {
		db.sql("UPDATE orders SET version = version + 1, updated_at = ? WHERE id = ?").params(Sql.ts(at), id).update();
	}

	void route(UUID id, Order.Way way, Instant decisionDueAt) {
		db.sql("UPDATE orders SET way = ?, decision_due_at = ? WHERE id = ?")
				.params(way.name(), decisionDueAt == null ? null : Sql.ts(decisionDueAt), id).update();
	}

	void accepted(UUID id, String pickupCode) {
		db.sql("UPDATE orders SET pickup_code = ?, decision_due_at = NULL WHERE id = ?").params(pickupCode, id)
				.update();
	}

	void readyAt(UUID id, Instant readyAt) {
		db.sql("UPDATE orders SET ready_at = ? WHERE id = ?").params(Sql.ts(readyAt), id).update();
	}

	void proposal(UUID id, Order.Proposal proposal) {
		db.sql("UPDATE orders SET proposal = ? WHERE id = ?")
				.params(proposal == null ? null : json.writeValueAsString(proposal), id).update();
	}

	void replaceItem(UUID id, long productId, long substituteId, String substituteName) {
		db.sql("UPDATE order_items SET substitute_for = product_id, product_id = ?, name = ?, swaps = NULL "
				+ "WHERE order_id = ? AND product_id = ?").params(substituteId, substituteName, id, productId).update();
	}

	private void changed(UUID id, OrderStatus status, int version, String actor, String reason, Instant at) {
		db.sql("INSERT INTO order_status_changes (order_id, status, version, actor, reason, at) VALUES (?, ?, ?, ?, ?, ?)")
				.params(id, status.name(), version, actor, reason, Sql.ts(at)).update();
	}

	List<Order.Item> items(UUID id) {
		return items(List.of(id)).getOrDefault(id, List.of());
	}

	/** The lines of several orders in one query, by order. */
	Map<UUID, List<Order.Item>> items(List<UUID> ids) {
		var result = new HashMap<UUID, List<Order.Item>>();
		if (ids.isEmpty()) {
			return result;
		}
		db.sql("SELECT * FROM order_items WHERE order_id IN (:ids) ORDER BY order_id, line").param("ids", ids)
				.query((rs, i) -> result.computeIfAbsent(rs.getObject("order_id", UUID.class), k -> new ArrayList<>())
						.add(new Order.Item(rs.getLong("product_id"), rs.getString("name"), rs.getInt("quantity"),
								rs.getLong("unit_price_minor"), (Long) rs.getObject("substitute_for", Long.class),
								swaps(rs.getString("swaps")))))
				.list();
		return result;
	}

	List<Order.Change> history(UUID id) {
		return db.sql("SELECT * FROM order_status_changes WHERE order_id = ? ORDER BY version").param(id)
				.query((rs, i) -> new Order.Change(OrderStatus.valueOf(rs.getString("status")), rs.getInt("version"),
						rs.getString("actor"), rs.getString("reason"), Sql.instant(rs, "at")))
				.list();
	}

	Set<OrderStatus> reached(UUID id) {
		return new LinkedHashSet<>(db.sql("SELECT status FROM order_status_changes WHERE order_id = ? ORDER BY version")
				.param(id).query((rs, i) -> OrderStatus.valueOf(rs.getString("status"))).list());
	}

	/** The four-digit numbers of the stand's orders that are still under way. */
	Set<String> numbersInUse(long standId) {
		return new java.util.HashSet<>(db.sql("SELECT active_number FROM orders WHERE stand_id = ? AND active_number IS NOT NULL")
				.param(standId).query(String.class).list());
	}

	/** The stand's queue: accepted orders not ready yet, in the order they were accepted. */
	List<Row> queue(long standId) {
		return db.sql("SELECT " + COLUMNS + " FROM orders WHERE stand_id = ? AND status IN ('ACCEPTED', 'PREPARING')"
				+ " ORDER BY accepted_at, id").param(standId).query(OrderBook::row).list();
	}

	/** The stand's orders under way (paid and not finished), oldest first. */
	List<Row> open(long standId) {
		return db.sql("SELECT " + COLUMNS + " FROM orders WHERE stand_id = ?"
				+ " AND status IN ('PAID', 'ACCEPTED', 'PREPARING', 'READY') ORDER BY placed_at, id")
				.param(standId).query(OrderBook::row).list();
	}

	/** The newest orders, of one stand and in one status when given: the office's view. */
	List<Row> recent(Long standId, OrderStatus status, int limit) {
		var sql = new StringBuilder("SELECT " + COLUMNS + " FROM orders WHERE 1 = 1");
		var params = new java.util.LinkedHashMap<String, Object>();
		if (standId != null) {
			sql.append(" AND stand_id = :stand");
			params.put("stand", standId);
		}
		if (status != null) {
			sql.append(" AND status = :status");
			params.put("status", status.name());
		}
		sql.append(" ORDER BY placed_at DESC LIMIT :limit");
		params.put("limit", limit);
		return db.sql(sql.toString()).params(params).query(OrderBook::row).list();
	}

	List<Row> ofCustomer(long userId, int limit) {
		return db.sql("SELECT " + COLUMNS + " FROM orders WHERE customer_user_id = ? ORDER BY placed_at DESC LIMIT ?")
				.params(userId, limit).query(OrderBook::row).list();
	}

	/** Orders waiting for the SMS answer of these stands under this number. */
	List<Row> bySmsNumber(List<Long> standIds, String number) {
		if (standIds.isEmpty()) {
			return List.of();
		}
		return db.sql("SELECT " + COLUMNS + " FROM orders WHERE stand_id IN (:stands) AND number = :number"
				+ " AND way = 'SMS' ORDER BY placed_at DESC").param("stands", standIds).param("number", number)
				.query(OrderBook::row).list();
	}

	/** Paid orders nobody answered in time, and placed ones never paid. */
	List<UUID> overdue(Instant now, Instant placedBefore) {
		return db.sql("""
				SELECT id FROM orders
				WHERE (status = 'PAID' AND decision_due_at < ?) OR (status = 'PLACED' AND placed_at < ?)""")
				.params(Sql.ts(now), Sql.ts(placedBefore)).query(UUID.class).list();
	}

	private List<Order.Swap> swaps(String text) {
		return text == null ? List.of() : json.readValue(text, new TypeReference<List<Order.Swap>>() {
		});
	}

	Order.Proposal proposal(String text) {
		return text == null ? null : json.readValue(text, Order.Proposal.class);
	}

	private static Row row(ResultSet rs, int i) throws SQLException {
		var way = rs.getString("way");
		return new Row(rs.getObject("id", UUID.class), rs.getLong("stand_id"), rs.getString("number"),
				(Long) rs.getObject("customer_user_id", Long.class), rs.getString("contact_email"),
				rs.getString("contact_phone"), rs.getString("access_key_hash"),
				OrderStatus.valueOf(rs.getString("status")), rs.getInt("version"),
				way == null ? null : Order.Way.valueOf(way), rs.getLong("subtotal_minor"), rs.getLong("discount_minor"),
				rs.getLong("total_minor"), rs.getString("currency"), rs.getString("codes"), rs.getInt("prep_seconds"),
				Sql.instant(rs, "placed_at"), Sql.instant(rs, "paid_at"), Sql.instant(rs, "accepted_at"),
				Sql.instant(rs, "decision_due_at"), Sql.instant(rs, "ready_at"), rs.getString("pickup_code"),
				rs.getString("proposal"));
	}
}
