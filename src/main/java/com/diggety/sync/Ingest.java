package com.diggety.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.diggety.identity.Caller;
import com.diggety.shared.CardNumbers;
import com.diggety.shared.Problem;
import com.diggety.shared.Savepoints;
import com.diggety.sales.Sales;
import com.diggety.shared.Sql;

import tools.jackson.databind.ObjectMapper;

/**
 * Takes a phone's batch of events and applies each exactly once. Under the device's row lock: a sequence at or
 * below the device's mark is a replay (answered with its stored result, not applied again); the next sequence is
 * applied with its effects and stored, and the mark moves; a larger sequence is a gap and ends the batch. An event that can never apply is stored as poison with its reason and does not block the queue. The
 * batch commits as one transaction: either every applied event and the new mark are durable, or none is.
 */
@Service
public class Ingest {

	private static final Logger log = LoggerFactory.getLogger(Ingest.class);

	public enum Status {
		APPLIED, REPLAYED, POISON
	}

	public record Result(long sequence, UUID eventId, Status status, String reason) {
	}

	/**
	 * What a push achieved. {@code expectedSequence} is set when the batch hit a gap.
	 */
	public record Outcome(long highestSequence, Instant serverTime, long clockSkewMillis, List<Result> results,
			Long expectedSequence) {
	}

	private final JdbcClient db;
	private final org.springframework.jdbc.core.JdbcTemplate jdbc;
	private final Devices devices;
	private final EventHandlers handlers;
	private final Savepoints savepoints;
	private final ObjectMapper json;
	private final TransactionTemplate transactions;

	Ingest(JdbcClient db, org.springframework.jdbc.core.JdbcTemplate jdbc, Devices devices, EventHandlers handlers,
			Savepoints savepoints, ObjectMapper json, PlatformTransactionManager transactionManager) {
		this.transactions = new TransactionTemplate(transactionManager);
		this.db = db;
		this.jdbc = jdbc;
		this.devices = devices;
		this.handlers = handlers;
		this.savepoints = savepoints;
		this.json = json;
	}

	/**
	 * Thrown by the fast pass when one of its events fails: the pass rolls back and the batch goes again one event at
	 * a time, each in a savepoint, to find and keep apart the events that cannot apply.
	 */
	private static final class OneByOne extends RuntimeException {

		private static final long serialVersionUID = 1L;

		OneByOne(RuntimeException cause) {
			super(null, cause, false, false);
		}
	}

	/**
	 * Applies a batch. The fast pass records each run of consecutive sales together and takes no savepoints; almost
	 * every batch commits that way. When any event in it fails, that pass is rolled back as a whole and the batch is
	 * applied again one event at a time, so a poison event costs its own batch a second pass and nothing else.
	 */
	public Outcome push(UUID deviceId, Instant deviceClock, List<DeviceEvent> events) {
		try {
			return transactions.execute(status -> push(deviceId, deviceClock, events, true));
		}
		catch (OneByOne failed) {
			return transactions.execute(status -> push(deviceId, deviceClock, events, false));
		}
	}

	private Outcome push(UUID deviceId, Instant deviceClock, List<DeviceEvent> events, boolean fast) {
		var caller = Caller.current().orElseThrow(() -> Problem.forbidden("Log in first"));
		if (caller.deviceId() == null || !caller.deviceId().equals(deviceId)) {
			throw Problem.forbidden("This token belongs to another device");
		}
		var device = db.sql("SELECT * FROM devices WHERE id = ? FOR UPDATE").param(deviceId).query(Devices.ROW)
				.optional().orElseThrow(() -> Problem.notFound("Device", deviceId));
		if (device.revoked() || caller.standId() == null || device.standId() != caller.standId()) {
			throw Problem.forbidden("The device is revoked or belongs to another stand");
		}
		var now = Instant.now();
		long skew = deviceClock == null ? (device.clockSkewMillis() == null ? 0 : device.clockSkewMillis())
				: Duration.between(now, deviceClock).toMillis();
		long mark = device.lastSequence();
		var known = storedIds(events, mark);
		var stored = new ArrayList<Object[]>();
		var results = new ArrayList<Result>();
		var run = fast ? new ArrayList<Sales.NewSale>() : null; // the fast pass's sales waiting to be recorded together
		Long gap = null;
		long previous = Long.MIN_VALUE;
		for (var event : events) {
			if (event.sequence() <= previous) {
				throw Problem.badRequest("events must be in ascending sequence order");
			}
			previous = event.sequence();
			if (event.sequence() <= mark) {
				results.add(replayed(deviceId, event));
				continue;
			}
			if (event.sequence() > mark + 1) {
				gap = mark + 1;
				break;
			}
			results.add(apply(device, caller, event, now, skew, known, stored, run));
			mark = event.sequence();
		}
		if (run != null) {
			recordRun(run);
		}
		// the batch's rows in one round trip: the events were applied (or found poison) one by one above
		jdbc.batchUpdate("""
				INSERT INTO device_events (device_id, sequence, event_id, type, occurred_at, corrected_at, received_at,
				 latitude, longitude, payload, status, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", stored);
		db.sql("UPDATE devices SET last_sequence = ?, last_push_at = ?, clock_skew_ms = ? WHERE id = ?")
				.params(mark, Sql.ts(now), skew, deviceId).update();
		return new Outcome(mark, now, skew, results, gap);
	}

	private Result replayed(UUID deviceId, DeviceEvent event) {
		var stored = db.sql("SELECT event_id, status, reason FROM device_events WHERE device_id = ? AND sequence = ?")
				.params(deviceId, event.sequence())
				.query((rs, i) -> new Result(event.sequence(), rs.getObject("event_id", UUID.class),
						Status.valueOf(rs.getString("status")), rs.getString("reason")))
				.optional();
		if (stored.isEmpty()) {
			return new Result(event.sequence(), event.id(), Status.REPLAYED, null);
		}
		var original = stored.get();
		var reason = event.id() != null && !event.id().equals(original.eventId())
				? "a different event was stored under this sequence" : original.reason();
		return new Result(event.sequence(), original.eventId(), Status.REPLAYED,
				original.status() == Status.POISON ? "poison: " + reason : reason);
	}

	/** Which of the batch's new events' ids are stored already (under another sequence or device): one query. */
	private java.util.Set<UUID> storedIds(List<DeviceEvent> events, long mark) {
		var ids = events.stream().filter(e -> e.sequence() > mark && e.id() != null).map(DeviceEvent::id).toList();
		if (ids.isEmpty()) {
			return new java.util.HashSet<>();
		}
		return new java.util.HashSet<>(db.sql("SELECT event_id FROM device_events WHERE event_id IN (:ids)")
				.param("ids", ids).query(UUID.class).list());
	}

	private void recordRun(List<Sales.NewSale> run) {
		if (!run.isEmpty()) {
			try {
				handlers.recordAll(run);
			}
			catch (RuntimeException failed) {
				throw new OneByOne(failed);
			}
			run.clear();
		}
	}

	/** The fast pass: a sale joins the run, any other event first records the run before it; nothing is caught. */
	private void applyFast(DeviceEvent event, EventHandlers.Context context, List<Sales.NewSale> run) {
		try {
			if ("SALE_RECORDED".equals(event.type())) {
				run.add(handlers.sale(event.payload(), context));
				return;
			}
		}
		catch (RuntimeException failed) {
			throw new OneByOne(failed);
		}
		recordRun(run);
		try {
			handlers.apply(event.type(), event.payload(), context);
		}
		catch (RuntimeException failed) {
			throw new OneByOne(failed);
		}
	}

	private Result apply(Device device, Caller caller, DeviceEvent event, Instant now, long skew,
			java.util.Set<UUID> known, List<Object[]> stored, List<Sales.NewSale> run) {
		var occurred = event.occurredAt() == null ? now : event.occurredAt();
		var corrected = occurred.minusMillis(skew);
		String poison = null;
		if (event.id() == null) {
			poison = "the event has no id";
		}
		else if (!known.add(event.id())) {
			poison = "an event with this id was already stored under another sequence";
		}
		else if (run != null) {
			applyFast(event, new EventHandlers.Context(device, caller, event.id(), occurred, corrected, event.position()),
					run);
		}
		else {
			try {
				savepoints.attempt(() -> handlers.apply(event.type(), event.payload(),
						new EventHandlers.Context(device, caller, event.id(), occurred, corrected, event.position())));
			}
			catch (Problem refused) {
				poison = refused.errors().isEmpty() ? refused.getMessage()
						: String.join("; ", refused.errors().stream().map(e -> e.field() + ": " + e.message()).toList());
			}
			catch (DataIntegrityViolationException conflict) {
				poison = "the event conflicts with stored data";
			}
			catch (IllegalArgumentException | IllegalStateException | NullPointerException bad) {
				log.warn("Device event {} of type {} could not be applied: {}", event.id(), event.type(),
						bad.getClass().getSimpleName());
				poison = "the event could not be applied (" + bad.getClass().getSimpleName() + ")";
			}
		}
		var position = event.position();
		stored.add(new Object[] { device.id(), event.sequence(), event.id() == null ? UuidV7.next() : event.id(),
				clip(event.type() == null ? "?" : event.type(), 40), Sql.ts(occurred), Sql.ts(corrected), Sql.ts(now),
				position == null ? null : position.latitude(), position == null ? null : position.longitude(),
				event.payload() == null ? null : CardNumbers.redact(json.writeValueAsString(event.payload())),
				poison == null ? "APPLIED" : "POISON", poison == null ? null : clip(poison, 500) });
		return new Result(event.sequence(), event.id(), poison == null ? Status.APPLIED : Status.POISON, poison);
	}

	/** Poison events for the owner to look at, newest first. */
	public List<Poison> poison(int limit) {
		return db.sql("""
				SELECT e.device_id, d.stand_id, e.sequence, e.event_id, e.type, e.occurred_at, e.received_at, e.reason, e.payload
				FROM device_events e JOIN devices d ON d.id = e.device_id
				WHERE e.status = 'POISON' ORDER BY e.received_at DESC LIMIT ?""").param(limit)
				.query((rs, i) -> new Poison(rs.getObject("device_id", UUID.class), rs.getLong("stand_id"),
						rs.getLong("sequence"), rs.getObject("event_id", UUID.class), rs.getString("type"),
						Sql.instant(rs, "occurred_at"), Sql.instant(rs, "received_at"), rs.getString("reason"),
						rs.getString("payload")))
				.list();
	}

	public record Poison(UUID deviceId, long standId, long sequence, UUID eventId, String type, Instant occurredAt,
			Instant receivedAt, String reason, String payload) {
	}

	private static String clip(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max);
	}
}
