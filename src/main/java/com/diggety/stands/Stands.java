package com.diggety.stands;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
import com.diggety.identity.Caller;
import com.diggety.shared.Business;
import com.diggety.shared.Problem;
import com.diggety.shared.Sql;

/**
 * The stands of the business: where they are, when they open, and which are nearest to a customer.
 */
@Service
public class Stands {

	/** What a stand is made of when created or edited. */
	public record Details(String code, String name, String placeName, double latitude, double longitude, String phone,
			boolean autoConfirm, OpeningHours hours) {
	}

	/** A stand seen from a point: how far, open now, when it closes or next opens. */
	public record Nearby(long id, String name, String placeName, double latitude, double longitude,
			long distanceMeters, boolean openNow, Instant closesAt, Instant nextOpening) {
	}

	private static final String COLUMNS = "id, code, name, place_name, latitude, longitude, phone, auto_confirm, active, open_for_customers, version";

	/** Haversine in SQL, identical to {@link Geo#distanceMeters}; LEAST guards asin against rounding above 1. */
	static final String DISTANCE = """
			2 * 6371008.8 * ASIN(LEAST(1, SQRT(POWER(SIN(RADIANS(latitude - :lat) / 2), 2)
			 + COS(RADIANS(:lat)) * COS(RADIANS(latitude)) * POWER(SIN(RADIANS(longitude - :lon) / 2), 2))))""";

	private final JdbcClient db;
	private final Business business;
	private final AuditTrail audit;
	private final ApplicationEventPublisher events;
	private final Presence presence;
	private final PresenceSettings presenceSettings;
	private final Clock clock;
	/** Every stand with its hours, read at most every 2 s for the hot paths; a change here drops it at once. */
	private final com.diggety.shared.Snapshot<java.util.Map<Long, Stand>> snapshot = new com.diggety.shared.Snapshot<>(
			java.time.Duration.ofSeconds(2), () -> {
				var map = new java.util.HashMap<Long, Stand>();
				all().forEach(stand -> map.put(stand.id(), stand));
				return java.util.Map.copyOf(map);
			});

	Stands(JdbcClient db, Business business, AuditTrail audit, ApplicationEventPublisher events, Presence presence,
			PresenceSettings presenceSettings) {
		this.db = db;
		this.business = business;
		this.audit = audit;
		this.events = events;
		this.presence = presence;
		this.presenceSettings = presenceSettings;
		this.clock = Clock.systemUTC();
	}

	/** A stand is online while its phone's last heartbeat is younger than the configured window (5 minutes). */
	public boolean online(long standId) {
		return presence.lastSeen(standId)
				.map(seen -> seen.at().isAfter(clock.instant().minus(presenceSettings.offlineAfter())))
				.orElse(false);
	}

	/** Records a heartbeat from a stand's phone. */
	public void heartbeat(long standId, java.util.UUID deviceId, String network) {
		presence.seen(standId, new Presence.Seen(clock.instant(), network, deviceId));
	}

	public Optional<Stand> find(long id) {
		var rows = db.sql("SELECT " + COLUMNS + " FROM stands WHERE id = ?").param(id).query(ROW).list();
		return withHours(rows).stream().findFirst();
	}

	/**
	 * The stand as read at most 2 s ago (a change made through this service is seen at once): for hot read paths
	 * such as placing an order, where reading the stand and its hours anew per request costs more than the rest.
	 */
	public Optional<Stand> recent(long id) {
		return Optional.ofNullable(snapshot.get().get(id));
	}

	@org.springframework.context.event.EventListener
	void changed(StandChanged changed) {
		snapshot.forget();
	}

	/** The stands whose phone this is (an answer by text comes from one of them). */
	public List<Long> withPhone(String phone) {
		if (phone == null) {
			return List.of();
		}
		return db.sql("SELECT id FROM stands WHERE phone = ? ORDER BY id").param(phone).query(Long.class).list();
	}

	/** The stand's name, without reading its hours: for views that show only the name. */
	public Optional<String> nameOf(long id) {
		return db.sql("SELECT name FROM stands WHERE id = ?").param(id).query(String.class).optional();
	}

	public boolean exists(long id) {
		return db.sql("SELECT COUNT(*) FROM stands WHERE id = ? AND active").param(id).query(Integer.class).single() > 0;
	}

	/** The ids of the active stands, in one light query. */
	public java.util.Set<Long> activeIds() {
		return new java.util.HashSet<>(db.sql("SELECT id FROM stands WHERE active").query(Long.class).list());
	}

	public List<Stand> all() {
		return withHours(db.sql("SELECT " + COLUMNS + " FROM stands ORDER BY code").query(ROW).list());
	}

	public Optional<Stand> findByCode(String code) {
		return withHours(db.sql("SELECT " + COLUMNS + " FROM stands WHERE code = ?").param(code).query(ROW).list())
				.stream().findFirst();
	}

	/**
	 * Active stands by great-circle distance from a point. With {@code openOnly} the closed ones are skipped and
	 * the limit counts open stands only.
	 */
	public List<Nearby> nearby(double lat, double lon, int limit, boolean openOnly) {
		record Row(Stand stand, double distance) {
		}
		var sql = "SELECT " + COLUMNS + ", " + DISTANCE + " AS distance FROM stands WHERE active ORDER BY distance"
				+ (openOnly ? "" : " LIMIT :limit");
		var statement = db.sql(sql).param("lat", lat).param("lon", lon);
		if (!openOnly) {
			statement = statement.param("limit", limit);
		}
		var rows = statement.query((rs, i) -> new Row(ROW.mapRow(rs, i), rs.getDouble("distance"))).list();
		var now = clock.instant();
		var hours = hoursOf(rows.stream().map(r -> r.stand().id()).toList());
		var result = new ArrayList<Nearby>();
		for (var row : rows) {
			var stand = row.stand();
			var standHours = hours.getOrDefault(stand.id(), OpeningHours.none());
			var open = stand.openForCustomers() ? standHours.openPeriod(now, business.zone())
					: Optional.<OpeningHours.Period>empty();
			if (openOnly && open.isEmpty()) {
				continue;
			}
			result.add(new Nearby(stand.id(), stand.name(), stand.placeName(), stand.latitude(), stand.longitude(),
					Math.round(row.distance()), open.isPresent(), open.map(OpeningHours.Period::closes).orElse(null),
					standHours.nextOpening(now, business.zone()).orElse(null)));
			if (result.size() == limit) {
				break;
			}
		}
		return result;
	}

	@Transactional
	public Stand create(Details details) {
		validate(details);
		if (findByCode(details.code()).isPresent()) {
			throw Problem.conflict("A stand with code " + details.code() + " exists");
		}
		var stand = insert(details);
		audit.record("stand.created", "stand", stand.id(), null, summary(stand));
		events.publishEvent(new StandChanged(stand.id()));
		return stand;
	}

	/** Creates the stand unless its code exists (demo seeding; no audit row, there is no staff actor). */
	@Transactional
	public Stand ensure(Details details) {
		return findByCode(details.code()).orElseGet(() -> insert(details));
	}

	private Stand insert(Details details) {
		var keys = new GeneratedKeyHolder();
		var now = Sql.ts(clock.instant());
		db.sql("""
				INSERT INTO stands (code, name, place_name, latitude, longitude, phone, auto_confirm, active, version, created_at, updated_at)
				VALUES (:code, :name, :place, :lat, :lon, :phone, :auto, TRUE, 0, :now, :now)""")
				.param("code", details.code()).param("name", details.name()).param("place", details.placeName())
				.param("lat", details.latitude()).param("lon", details.longitude()).param("phone", details.phone())
				.param("auto", details.autoConfirm()).param("now", now)
				.update(keys, "id");
		long id = keys.getKey().longValue();
		writeHours(id, details.hours());
		return find(id).orElseThrow();
	}

	/** Replaces a stand's details; {@code expectedVersion} guards against overwriting someone else's edit. */
	@Transactional
	public Stand update(long id, Details details, Integer expectedVersion) {
		validate(details);
		var before = find(id).orElseThrow(() -> Problem.notFound("Stand", id));
		if (expectedVersion != null && expectedVersion != before.version()) {
			throw Problem.conflict("The stand was changed by someone else (version " + before.version() + ")");
		}
		findByCode(details.code()).filter(other -> other.id() != id).ifPresent(other -> {
			throw Problem.conflict("A stand with code " + details.code() + " exists");
		});
		int updated = db.sql("""
				UPDATE stands SET code = :code, name = :name, place_name = :place, latitude = :lat, longitude = :lon,
				 phone = :phone, auto_confirm = :auto, version = version + 1, updated_at = :now
				WHERE id = :id AND version = :version""")
				.param("code", details.code()).param("name", details.name()).param("place", details.placeName())
				.param("lat", details.latitude()).param("lon", details.longitude()).param("phone", details.phone())
				.param("auto", details.autoConfirm()).param("now", Sql.ts(clock.instant())).param("id", id)
				.param("version", before.version())
				.update();
		if (updated == 0) {
			throw Problem.conflict("The stand was changed by someone else; reload and try again");
		}
		writeHours(id, details.hours());
		var after = find(id).orElseThrow();
		audit.record("stand.updated", "stand", id, summary(before), summary(after));
		events.publishEvent(new StandChanged(id));
		if (moved(before, after)) {
			events.publishEvent(new StandMoved(id, after.name(), after.latitude(), after.longitude(), after.placeName()));
		}
		return after;
	}

	/** Moves a stand; owners, managers and the stand's own operator may do it. */
	@Transactional
	public Stand moveTo(long id, double lat, double lon, String placeName) {
		var caller = Caller.current().orElseThrow(() -> Problem.forbidden("Log in first"));
		if (!caller.mayActOnStand(id)) {
			throw Problem.forbidden("You may only move your own stand");
		}
		validateCoordinates(lat, lon);
		var before = find(id).orElseThrow(() -> Problem.notFound("Stand", id));
		db.sql("""
				UPDATE stands SET latitude = ?, longitude = ?, place_name = ?, version = version + 1, updated_at = ?
				WHERE id = ?""")
				.params(lat, lon, placeName == null || placeName.isBlank() ? before.placeName() : placeName.trim(),
						Sql.ts(clock.instant()), id)
				.update();
		var after = find(id).orElseThrow();
		audit.record("stand.moved", "stand", id, location(before), location(after));
		events.publishEvent(new StandChanged(id));
		events.publishEvent(new StandMoved(id, after.name(), after.latitude(), after.longitude(), after.placeName()));
		return after;
	}

	@Transactional
	public Stand setActive(long id, boolean active) {
		var before = find(id).orElseThrow(() -> Problem.notFound("Stand", id));
		db.sql("UPDATE stands SET active = ?, version = version + 1, updated_at = ? WHERE id = ?")
				.params(active, Sql.ts(clock.instant()), id).update();
		audit.record(active ? "stand.restored" : "stand.archived", "stand", id, before.active(), active);
		events.publishEvent(new StandChanged(id));
		return find(id).orElseThrow();
	}

	/** The operator's switch: open or closed for customers now (owners, managers and the stand's operator). */
	@Transactional
	public Stand setOpenForCustomers(long id, boolean open) {
		var caller = Caller.current().orElseThrow(() -> Problem.forbidden("Log in first"));
		if (!caller.mayActOnStand(id)) {
			throw Problem.forbidden("You may only open or close your own stand");
		}
		var before = find(id).orElseThrow(() -> Problem.notFound("Stand", id));
		if (before.openForCustomers() != open) {
			db.sql("UPDATE stands SET open_for_customers = ?, version = version + 1, updated_at = ? WHERE id = ?")
					.params(open, Sql.ts(clock.instant()), id).update();
			audit.record(open ? "stand.opened" : "stand.closed", "stand", id, before.openForCustomers(), open);
			events.publishEvent(new StandChanged(id));
		}
		return find(id).orElseThrow();
	}

	private void writeHours(long id, OpeningHours hours) {
		db.sql("DELETE FROM stand_hours WHERE stand_id = ?").param(id).update();
		db.sql("DELETE FROM stand_special_days WHERE stand_id = ?").param(id).update();
		for (var w : hours.weekly()) {
			db.sql("INSERT INTO stand_hours (stand_id, day_of_week, opens, closes) VALUES (?, ?, ?, ?)")
					.params(id, w.day().getValue(), w.opens(), w.closes()).update();
		}
		for (var s : hours.specialDays()) {
			db.sql("INSERT INTO stand_special_days (stand_id, on_date, opens, closes, note) VALUES (?, ?, ?, ?, ?)")
					.params(id, s.date(), s.opens(), s.closes(), s.note()).update();
		}
	}

	private List<Stand> withHours(List<Stand> stands) {
		if (stands.isEmpty()) {
			return stands;
		}
		var hours = hoursOf(stands.stream().map(Stand::id).toList());
		return stands.stream().map(s -> new Stand(s.id(), s.code(), s.name(), s.placeName(), s.latitude(),
				s.longitude(), s.phone(), s.autoConfirm(), s.active(), s.openForCustomers(), s.version(),
				hours.getOrDefault(s.id(), OpeningHours.none()))).toList();
	}

	private Map<Long, OpeningHours> hoursOf(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		var weekly = new HashMap<Long, List<OpeningHours.Weekly>>();
		db.sql("SELECT stand_id, day_of_week, opens, closes FROM stand_hours WHERE stand_id IN (:ids) ORDER BY day_of_week, opens")
				.param("ids", ids)
				.query((rs, i) -> {
					weekly.computeIfAbsent(rs.getLong("stand_id"), k -> new ArrayList<>())
							.add(new OpeningHours.Weekly(DayOfWeek.of(rs.getInt("day_of_week")),
									rs.getObject("opens", LocalTime.class), rs.getObject("closes", LocalTime.class)));
					return null;
				}).list();
		var special = new HashMap<Long, List<OpeningHours.SpecialDay>>();
		db.sql("SELECT stand_id, on_date, opens, closes, note FROM stand_special_days WHERE stand_id IN (:ids) ORDER BY on_date")
				.param("ids", ids)
				.query((rs, i) -> {
					special.computeIfAbsent(rs.getLong("stand_id"), k -> new ArrayList<>())
							.add(new OpeningHours.SpecialDay(rs.getObject("on_date", LocalDate.class),
									rs.getObject("opens", LocalTime.class), rs.getObject("closes", LocalTime.class),
									rs.getString("note")));
					return null;
				}).list();
		var result = new HashMap<Long, OpeningHours>();
		for (var id : ids) {
			result.put(id, new OpeningHours(weekly.getOrDefault(id, List.of()), special.getOrDefault(id, List.of())));
		}
		return result;
	}

	private static boolean moved(Stand before, Stand after) {
		return before.latitude() != after.latitude() || before.longitude() != after.longitude();
	}

	private static Map<String, Object> location(Stand s) {
		return Map.of("lat", s.latitude(), "lon", s.longitude(), "place", String.valueOf(s.placeName()));
	}

	private static Map<String, Object> summary(Stand s) {
		var map = new java.util.LinkedHashMap<String, Object>();
		map.put("code", s.code());
		map.put("name", s.name());
		map.put("place", s.placeName());
		map.put("lat", s.latitude());
		map.put("lon", s.longitude());
		map.put("phone", s.phone());
		map.put("autoConfirm", s.autoConfirm());
		map.put("weeklyHours", s.hours().weekly().size());
		map.put("specialDays", s.hours().specialDays().size());
		return map;
	}

	static void validateCoordinates(double lat, double lon) {
		var errors = new ArrayList<com.diggety.shared.Problem.FieldError>();
		if (!(lat >= -90 && lat <= 90)) {
			errors.add(new Problem.FieldError("latitude", "must be between -90 and 90"));
		}
		if (!(lon >= -180 && lon <= 180)) {
			errors.add(new Problem.FieldError("longitude", "must be between -180 and 180"));
		}
		if (!errors.isEmpty()) {
			throw Problem.invalid(errors);
		}
	}

	private static void validate(Details details) {
		validateCoordinates(details.latitude(), details.longitude());
		var errors = new ArrayList<Problem.FieldError>();
		var weekly = details.hours().weekly();
		for (int i = 0; i < weekly.size(); i++) {
			var w = weekly.get(i);
			if (w.day() == null || w.opens() == null || w.closes() == null) {
				errors.add(new Problem.FieldError("hours.weekly[" + i + "]", "needs day, opens and closes"));
			}
			else if (w.opens().equals(w.closes())) {
				errors.add(new Problem.FieldError("hours.weekly[" + i + "]", "opens and closes at the same time"));
			}
		}
		var special = details.hours().specialDays();
		for (int i = 0; i < special.size(); i++) {
			var s = special.get(i);
			if (s.date() == null) {
				errors.add(new Problem.FieldError("hours.specialDays[" + i + "].date", "is required"));
			}
			else if ((s.opens() == null) != (s.closes() == null)) {
				errors.add(new Problem.FieldError("hours.specialDays[" + i + "]",
						"give both opens and closes, or neither for a closed day"));
			}
		}
		if (!errors.isEmpty()) {
			throw Problem.invalid(errors);
		}
	}

	private static final RowMapper<Stand> ROW = (rs, i) -> new Stand(rs.getLong("id"), rs.getString("code"),
			rs.getString("name"), rs.getString("place_name"), rs.getDouble("latitude"), rs.getDouble("longitude"),
			rs.getString("phone"), rs.getBoolean("auto_confirm"), rs.getBoolean("active"),
			rs.getBoolean("open_for_customers"), rs.getInt("version"), OpeningHours.none());
}
