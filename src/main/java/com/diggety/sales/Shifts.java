package com.diggety.sales;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.diggety.shared.Problem;
import com.diggety.shared.Sql;

import tools.jackson.databind.ObjectMapper;

/** A stand's shifts: opened with a cash float, closed with the cash counted, summed up in a Z report. */
@Service
public class Shifts {

	/** A shift and, once closed, its report. */
	public record Shift(UUID id, long standId, UUID deviceId, Instant openedAt, long floatMinor, Instant closedAt,
			Long countedCashMinor, boolean open, ZReport report) {
	}

	private final JdbcClient db;
	private final ObjectMapper json;

	Shifts(JdbcClient db, ObjectMapper json) {
		this.db = db;
		this.json = json;
	}

	@Transactional
	public Shift open(UUID shiftId, long standId, UUID deviceId, Instant at, long floatMinor) {
		if (shiftId == null) {
			throw Problem.invalid("shiftId", "is required");
		}
		if (floatMinor < 0) {
			throw Problem.invalid("floatMinor", "must not be negative");
		}
		if (find(shiftId).isPresent()) {
			throw Problem.invalid("shiftId", "shift " + shiftId + " was already opened");
		}
		db.sql("""
				INSERT INTO shifts (id, stand_id, device_id, opened_at, float_minor, status) VALUES (?, ?, ?, ?, ?, 'OPEN')""")
				.params(shiftId, standId, deviceId, Sql.ts(at), floatMinor).update();
		return find(shiftId).orElseThrow();
	}

	@Transactional
	public Shift close(UUID shiftId, long standId, Instant at, long countedCashMinor) {
		var shift = find(shiftId).orElseThrow(() -> Problem.invalid("shiftId", "no shift " + shiftId));
		if (shift.standId() != standId) {
			throw Problem.invalid("shiftId", "the shift belongs to another stand");
		}
		if (!shift.open()) {
			throw Problem.invalid("shiftId", "the shift is already closed");
		}
		if (countedCashMinor < 0) {
			throw Problem.invalid("countedCashMinor", "must not be negative");
		}
		var report = report(shift, at, countedCashMinor);
		db.sql("UPDATE shifts SET closed_at = ?, counted_cash_minor = ?, report = ?, status = 'CLOSED' WHERE id = ?")
				.params(Sql.ts(at), countedCashMinor, json.writeValueAsString(report), shiftId).update();
		return find(shiftId).orElseThrow();
	}

	/** The report of a shift: final once closed, so far while open. */
	public ZReport report(UUID shiftId) {
		var shift = find(shiftId).orElseThrow(() -> Problem.notFound("Shift", shiftId));
		return shift.report() != null ? shift.report() : report(shift, null, null);
	}

	private ZReport report(Shift shift, Instant closedAt, Long counted) {
		var byMethod = new EnumMap<Sale.Method, Long>(Sale.Method.class);
		for (var method : Sale.Method.values()) {
			byMethod.put(method, 0L);
		}
		int[] counts = new int[2];
		long[] sums = new long[2];
		db.sql("SELECT payment_method, status, total_minor, discount_minor FROM sales WHERE shift_id = ?")
				.param(shift.id())
				.query((rs, i) -> {
					if ("VOIDED".equals(rs.getString("status"))) {
						counts[1]++;
					}
					else {
						counts[0]++;
						byMethod.merge(Sale.Method.valueOf(rs.getString("payment_method")), rs.getLong("total_minor"), Long::sum);
						sums[0] += rs.getLong("total_minor");
						sums[1] += rs.getLong("discount_minor");
					}
					return null;
				}).list();
		long[] refunds = new long[2];
		db.sql("SELECT amount_minor, method FROM refunds WHERE shift_id = ?")
				.param(shift.id())
				.query((rs, i) -> {
					refunds[0] += rs.getLong("amount_minor");
					if ("CASH".equals(rs.getString("method"))) {
						refunds[1] += rs.getLong("amount_minor");
					}
					return null;
				}).list();
		long expected = shift.floatMinor() + byMethod.get(Sale.Method.CASH) - refunds[1];
		return new ZReport(shift.id(), shift.standId(), shift.openedAt(), closedAt, counts[0], counts[1], sums[0],
				sums[1], byMethod, refunds[0], refunds[1], shift.floatMinor(), expected, counted,
				counted == null ? null : counted - expected);
	}

	public Optional<Shift> find(UUID id) {
		return db.sql("SELECT * FROM shifts WHERE id = ?").param(id).query(this::row).optional();
	}

	public List<Shift> of(long standId, int limit) {
		return db.sql("SELECT * FROM shifts WHERE stand_id = ? ORDER BY opened_at DESC LIMIT ?").params(standId, limit)
				.query(this::row).list();
	}

	private Shift row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
		var report = rs.getString("report");
		return new Shift(rs.getObject("id", UUID.class), rs.getLong("stand_id"), rs.getObject("device_id", UUID.class),
				Sql.instant(rs, "opened_at"), rs.getLong("float_minor"), Sql.instant(rs, "closed_at"),
				(Long) rs.getObject("counted_cash_minor", Long.class), "OPEN".equals(rs.getString("status")),
				report == null ? null : json.readValue(report, ZReport.class));
	}
}
