package com.diggety.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.diggety.identity.Caller;
import com.diggety.identity.Role;
import com.diggety.shared.Business;
import com.diggety.shared.Problem;
import com.diggety.shared.Sql;
import com.diggety.stands.Geo;
import com.diggety.stands.Stand;
import com.diggety.stands.Stands;

import tools.jackson.databind.ObjectMapper;

/**
 * Getting stock to the stands: restock tasks for the drivers, sorted by how soon a stand runs out and how far it
 * is; suggested quantities from the demand forecast (to last until closing, plus a safety share); and reminders
 * for stands that keep selling while nobody has updated their stock by hand.
 */
@Service
public class Restocking {

	/** One ingredient a task brings: what is there, what the forecast says, what to bring. */
	public record Line(long ingredientId, String ingredientName, String unit, long level, long threshold,
			long suggested, Double hoursToStockOut) {
	}

	public record Task(UUID id, long standId, String standName, String placeName, double latitude, double longitude,
			String status, Instant createdAt, Long acceptedBy, Instant deliveredAt, List<Line> lines,
			Double urgencyHours, Long distanceMeters) {
	}

	public record Delivered(long ingredientId, long quantity) {
	}

	public record Alert(long id, long standId, Long ingredientId, String kind, Long level, Long threshold,
			Instant raisedAt, Instant resolvedAt) {
	}

	private final JdbcClient db;
	private final Stock stock;
	private final Stands stands;
	private final Business business;
	private final InventorySettings settings;
	private final ObjectMapper json;
	private final ApplicationEventPublisher events;
	private final Clock clock = Clock.systemUTC();

	Restocking(JdbcClient db, Stock stock, Stands stands, Business business, InventorySettings settings,
			ObjectMapper json, ApplicationEventPublisher events) {
		this.db = db;
		this.stock = stock;
		this.stands = stands;
		this.business = business;
		this.settings = settings;
		this.json = json;
		this.events = events;
	}

	/** A stand running low gets an open restock task, unless one is open or on its way already. */
	@ApplicationModuleListener
	void on(LowStockDetected low) {
		ensureTask(low.standId());
	}

	@Transactional
	public UUID ensureTask(long standId) {
		var existing = db.sql("SELECT id FROM restock_tasks WHERE stand_id = ? AND status IN ('OPEN', 'ACCEPTED')")
				.param(standId).query(UUID.class).list();
		if (!existing.isEmpty()) {
			return existing.get(0);
		}
		var id = UUID.randomUUID();
		db.sql("INSERT INTO restock_tasks (id, stand_id, status, created_at) VALUES (?, ?, 'OPEN', ?)")
				.params(id, standId, Sql.ts(clock.instant())).update();
		return id;
	}

	/** The demand forecast of one ingredient at one stand, learnt from its sales of the past weeks. */
	public DemandForecast forecast(long standId, long ingredientId) {
		var zone = business.zone();
		var now = ZonedDateTime.now(clock).withZoneSameInstant(zone);
		var weekStart = now.truncatedTo(ChronoUnit.DAYS).minusDays(now.getDayOfWeek().getValue() - 1L);
		int weeks = settings.forecastWeeks();
		var buckets = new ArrayList<long[]>();
		for (int w = 0; w < weeks; w++) {
			buckets.add(new long[DemandForecast.HOURS]);
		}
		var since = weekStart.minusWeeks(weeks);
		db.sql("""
				SELECT occurred_at, quantity FROM stock_movements
				WHERE stand_id = ? AND ingredient_id = ? AND kind = 'SALE' AND occurred_at >= ? AND occurred_at < ?""")
				.params(standId, ingredientId, Sql.ts(since.toInstant()), Sql.ts(weekStart.toInstant()))
				.query((rs, i) -> {
					var at = Sql.instant(rs, "occurred_at").atZone(zone);
					int week = (int) ChronoUnit.WEEKS.between(since, at);
					if (week >= 0 && week < weeks) {
						buckets.get(week)[DemandForecast.hourOfWeek(at)] += -rs.getLong("quantity");
					}
					return null;
				}).list();
		return DemandForecast.learn(buckets, 0.5);
	}

	/** Open and accepted tasks, most urgent first (sooner stock-out), then nearest to the driver. */
	public List<Task> tasks(Double latitude, Double longitude) {
		var tasks = new ArrayList<Task>();
		db.sql("SELECT * FROM restock_tasks WHERE status IN ('OPEN', 'ACCEPTED') ORDER BY created_at")
				.query((rs, i) -> new Object[] { rs.getObject("id", UUID.class), rs.getLong("stand_id"),
						rs.getString("status"), Sql.instant(rs, "created_at"), (Long) rs.getObject("accepted_by", Long.class) })
				.list()
				.forEach(row -> tasks.add(task((UUID) row[0], (long) row[1], (String) row[2], (Instant) row[3],
						(Long) row[4], null, latitude, longitude)));
		tasks.sort(Comparator.comparing((Task t) -> t.urgencyHours() == null ? Double.MAX_VALUE : t.urgencyHours())
				.thenComparing(t -> t.distanceMeters() == null ? Long.MAX_VALUE : t.distanceMeters()));
		return tasks;
	}

	public Optional<Task> find(UUID id) {
		return db.sql("SELECT * FROM restock_tasks WHERE id = ?").param(id)
				.query((rs, i) -> task(id, rs.getLong("stand_id"), rs.getString("status"), Sql.instant(rs, "created_at"),
						(Long) rs.getObject("accepted_by", Long.class), Sql.instant(rs, "delivered_at"), null, null))
				.optional();
	}

	private Task task(UUID id, long standId, String status, Instant createdAt, Long acceptedBy, Instant deliveredAt,
			Double latitude, Double longitude) {
		var stand = stands.find(standId).orElseThrow();
		var lines = suggestions(stand);
		Double urgency = lines.stream().map(Line::hoursToStockOut).filter(java.util.Objects::nonNull)
				.min(Double::compare).orElse(null);
		Long distance = latitude == null || longitude == null ? null
				: Math.round(Geo.distanceMeters(latitude, longitude, stand.latitude(), stand.longitude()));
		return new Task(id, standId, stand.name(), stand.placeName(), stand.latitude(), stand.longitude(), status,
				createdAt, acceptedBy, deliveredAt, lines, urgency, distance);
	}

	/**
	 * What to bring: every ingredient under its threshold or forecast to run out before closing, enough to last until
	 * closing with the safety share, and at least back up to the threshold.
	 */
	List<Line> suggestions(Stand stand) {
		var zone = business.zone();
		var now = ZonedDateTime.now(clock).withZoneSameInstant(zone);
		var closing = stand.hours().openPeriod(clock.instant(), zone).map(p -> p.closes().atZone(zone))
				.orElse(now.plusHours(8));
		var lines = new ArrayList<Line>();
		for (var level : stock.levels(stand.id())) {
			var forecast = forecast(stand.id(), level.ingredientId());
			double untilClosing = forecast.between(now, closing);
			var out = forecast.stockOut(now, level.quantity());
			Double hours = out == null ? null : Duration.between(now, out).toMinutes() / 60.0;
			boolean low = level.quantity() < level.threshold();
			boolean runsOut = out != null && out.isBefore(closing);
			if (!low && !runsOut) {
				continue;
			}
			long wanted = (long) Math.ceil(untilClosing * (10_000 + settings.safetyShare()) / 10_000.0)
					+ level.threshold() - Math.max(0, level.quantity());
			long suggested = Math.max(wanted, level.threshold() - level.quantity());
			lines.add(new Line(level.ingredientId(), level.ingredientName(), level.unit(), level.quantity(),
					level.threshold(), Math.max(1, suggested), hours == null && low ? 0.0 : hours));
		}
		return lines;
	}

	@Transactional
	public Task accept(UUID id) {
		var caller = Caller.current().orElseThrow();
		var task = find(id).orElseThrow(() -> Problem.notFound("Restock task", id));
		if (task.status().equals("ACCEPTED") && !Long.valueOf(caller.userId()).equals(task.acceptedBy())) {
			throw Problem.conflict("Another driver has taken this task");
		}
		if (!task.status().equals("OPEN") && !task.status().equals("ACCEPTED")) {
			throw Problem.conflict("The task is " + task.status().toLowerCase());
		}
		db.sql("UPDATE restock_tasks SET status = 'ACCEPTED', accepted_by = ?, accepted_at = ?, version = version + 1 WHERE id = ?")
				.params(caller.userId(), Sql.ts(clock.instant()), id).update();
		return find(id).orElseThrow();
	}

	/** The driver hands over what was actually delivered: delivery movements at the stand, once. */
	@Transactional
	public Task deliver(UUID id, List<Delivered> delivered) {
		var caller = Caller.current().orElseThrow();
		var task = db.sql("SELECT status, stand_id, accepted_by FROM restock_tasks WHERE id = ? FOR UPDATE").param(id)
				.query((rs, i) -> new Object[] { rs.getString("status"), rs.getLong("stand_id"),
						(Long) rs.getObject("accepted_by", Long.class) })
				.optional().orElseThrow(() -> Problem.notFound("Restock task", id));
		if ("DELIVERED".equals(task[0])) {
			return find(id).orElseThrow();
		}
		if (caller.role() == Role.DRIVER && task[2] != null && !task[2].equals(caller.userId())) {
			throw Problem.conflict("Another driver has taken this task");
		}
		if (delivered == null || delivered.isEmpty()) {
			throw Problem.invalid("lines", "say what was delivered");
		}
		var now = clock.instant();
		long standId = (long) task[1];
		for (int i = 0; i < delivered.size(); i++) {
			var line = delivered.get(i);
			if (line.quantity() <= 0) {
				throw Problem.invalid("lines[" + i + "].quantity", "a delivery adds a positive quantity");
			}
			stock.deliver(standId, line.ingredientId(), line.quantity(), now, "task:" + id, "restock task");
		}
		db.sql("UPDATE restock_tasks SET status = 'DELIVERED', delivered_at = ?, delivered = ?, accepted_by = COALESCE(accepted_by, ?), version = version + 1 WHERE id = ?")
				.params(Sql.ts(now), json.writeValueAsString(delivered), caller.userId(), id).update();
		return find(id).orElseThrow();
	}

	public List<Alert> alerts(boolean openOnly, Long standId) {
		var sql = "SELECT * FROM stock_alerts WHERE 1 = 1" + (openOnly ? " AND resolved_at IS NULL" : "")
				+ (standId != null ? " AND stand_id = " + standId : "") + " ORDER BY raised_at DESC LIMIT 500";
		return db.sql(sql).query((rs, i) -> new Alert(rs.getLong("id"), rs.getLong("stand_id"),
				(Long) rs.getObject("ingredient_id", Long.class), rs.getString("kind"),
				(Long) rs.getObject("level", Long.class), (Long) rs.getObject("threshold", Long.class),
				Sql.instant(rs, "raised_at"), Sql.instant(rs, "resolved_at"))).list();
	}

	/** Stands that sold within the last hour while nobody updated their stock by hand for too long. */
	@Scheduled(fixedDelayString = "${diggety.inventory.stale-check:60s}", initialDelayString = "${diggety.inventory.stale-check:60s}")
	@Transactional
	public void remindStaleStock() {
		var now = clock.instant();
		var stale = db.sql("""
				SELECT s.stand_id FROM stand_stock_status s
				WHERE s.last_sale > ? AND (s.last_manual_update IS NULL OR s.last_manual_update < ?)
				 AND NOT EXISTS (SELECT 1 FROM stock_alerts a WHERE a.stand_id = s.stand_id AND a.kind = 'STALE' AND a.resolved_at IS NULL)""")
				.params(Sql.ts(now.minus(Duration.ofHours(1))), Sql.ts(now.minus(settings.staleAfter())))
				.query(Long.class).list();
		for (var standId : stale) {
			db.sql("INSERT INTO stock_alerts (stand_id, kind, raised_at) VALUES (?, 'STALE', ?)")
					.params(standId, Sql.ts(now)).update();
			events.publishEvent(new StockChanged(standId));
		}
	}

	/** Whether the stand's stock was updated by hand recently enough for orders to confirm themselves. */
	public boolean fresh(long standId) {
		return stock.lastManualUpdate(standId).map(at -> at.isAfter(clock.instant().minus(settings.freshWithin())))
				.orElse(false);
	}

}
