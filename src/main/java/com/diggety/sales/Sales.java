package com.diggety.sales;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.diggety.catalog.Products;
import com.diggety.pricing.Codes;
import com.diggety.pricing.Pricing;
import com.diggety.pricing.engine.Cart;
import com.diggety.shared.Business;
import com.diggety.shared.CardNumbers;
import com.diggety.shared.Problem;
import com.diggety.shared.Savepoints;
import com.diggety.shared.Sql;

/**
 * Records the stands' sales, refunds and voids. A sale is a fact: it is stored at the price the phone charged even
 * when the server's own pricing disagrees, and then flagged for the owner. What can never be stored (a product that
 * does not exist, a refund of an unknown sale) is refused with a 422 problem, which the sync turns into a poison event.
 */
@Service
public class Sales {

	/** A sale as the phone sends it. */
	public record NewSale(UUID saleId, UUID shiftId, long standId, UUID deviceId, UUID eventId, Instant occurredAt,
			Instant correctedAt, Double latitude, Double longitude, List<NewLine> lines, List<Sale.Discount> applied,
			List<String> codes, long subtotalMinor, long discountMinor, long totalMinor, Sale.Payment payment,
			String customerKey) {
	}

	public record NewLine(long productId, int quantity, long unitPriceMinor, long discountMinor, long totalMinor,
			int vatRateBp) {
	}

	/** A refund as the phone sends it. */
	public record NewRefund(UUID refundId, UUID saleId, long standId, UUID deviceId, long amountMinor, String reason,
			Sale.Method method, Instant at) {
	}

	private final JdbcClient db;
	private final JdbcTemplate jdbc;
	private final Products products;
	private final Pricing pricing;
	private final Codes codes;
	private final Savepoints savepoints;
	private final Business business;
	private final ApplicationEventPublisher events;

	Sales(JdbcClient db, JdbcTemplate jdbc, Products products, Pricing pricing, Codes codes, Savepoints savepoints,
			Business business, ApplicationEventPublisher events) {
		this.db = db;
		this.jdbc = jdbc;
		this.products = products;
		this.pricing = pricing;
		this.codes = codes;
		this.savepoints = savepoints;
		this.business = business;
		this.events = events;
	}

	@Transactional
	public Sale record(NewSale sale) {
		recordAll(List.of(sale));
		return find(sale.saleId()).orElseThrow();
	}

	/**
	 * Records a run of sales (a phone's synced backlog) with the checks and rows of {@link #record} each, the rows
	 * written in batches. A refusal of any sale throws and the caller's transaction keeps none of them: the sync then
	 * goes one sale at a time to find the one at fault.
	 */
	@Transactional
	public void recordAll(List<NewSale> batch) {
		if (batch.isEmpty()) {
			return;
		}
		batch.forEach(Sales::validate);
		var names = productNames(batch);
		var ids = new java.util.HashSet<UUID>();
		for (var sale : batch) {
			for (int i = 0; i < sale.lines().size(); i++) {
				if (!names.containsKey(sale.lines().get(i).productId())) {
					throw Problem.invalid("lines[" + i + "].productId", "no product " + sale.lines().get(i).productId());
				}
			}
			if (!ids.add(sale.saleId())) {
				throw Problem.conflict("Sale " + sale.saleId() + " is twice in one batch");
			}
		}
		var stored = db.sql("SELECT id FROM sales WHERE id IN (:ids)").param("ids", ids).query(UUID.class).list();
		if (!stored.isEmpty()) {
			throw Problem.conflict("Sale " + stored.get(0) + " is already recorded");
		}
		events.publishEvent(new SalesRecorded(write(batch, names, false)));
	}

	/**
	 * Records an online order handed over at its stand as that stand's sale, paid through the gateway, so the day's
	 * sales show every channel. Unlike a phone's sale it is followed by nothing: the order took its stock when it was
	 * accepted and its payment is the online one. Joins the caller's transaction; the same sale id again (a repeated
	 * hand-over) records nothing and answers false.
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public boolean recordOnline(NewSale sale) {
		validate(sale);
		if (sale.payment().method() != Sale.Method.GATEWAY || sale.shiftId() != null || sale.deviceId() != null) {
			throw new IllegalArgumentException("An online sale is paid through the gateway, with no shift or device");
		}
		if (db.sql("SELECT COUNT(*) FROM sales WHERE id = ?").param(sale.saleId()).query(Long.class).single() > 0) {
			return false;
		}
		write(List.of(sale), productNames(List.of(sale)), true);
		return true;
	}

	/** Writes the sales' rows in batches; answers what each sale's followers are told. */
	private List<SaleRecorded> write(List<NewSale> batch, Map<Long, String> names, boolean online) {
		var received = Instant.now();
		var saleRows = new ArrayList<Object[]>(batch.size());
		var lineRows = new ArrayList<Object[]>();
		var discountRows = new ArrayList<Object[]>();
		var statusRows = new ArrayList<Object[]>(batch.size());
		var recorded = new ArrayList<SaleRecorded>(batch.size());
		for (var sale : batch) {
			// the server priced an online order itself: nothing to compare
			var mismatch = online ? new Repriced(sale.totalMinor(), null) : reprice(sale);
			var payment = sale.payment();
			saleRows.add(new Object[] { sale.saleId(), sale.standId(), sale.shiftId(), sale.deviceId(), sale.eventId(),
					Sql.ts(sale.occurredAt()), Sql.ts(sale.correctedAt()), Sql.ts(received), sale.latitude(),
					sale.longitude(), business.currency(), sale.subtotalMinor(), sale.discountMinor(), sale.totalMinor(),
					payment.method().name(), payment.tenderedMinor(), payment.changeMinor(), payment.reference(),
					codesText(sale.codes()), mismatch.repricedTotal(), mismatch.reason() != null, mismatch.reason(),
					sale.customerKey() });
			for (int i = 0; i < sale.lines().size(); i++) {
				var line = sale.lines().get(i);
				lineRows.add(new Object[] { sale.saleId(), i, line.productId(), names.get(line.productId()),
						line.quantity(), line.unitPriceMinor(), line.discountMinor(), line.totalMinor(), line.vatRateBp() });
			}
			var applied = sale.applied() == null ? List.<Sale.Discount>of() : sale.applied();
			for (int i = 0; i < applied.size(); i++) {
				var d = applied.get(i);
				discountRows.add(new Object[] { sale.saleId(), i, d.promotionId(), truncate(d.reason(), 200),
						d.amountMinor() });
			}
			statusRows.add(new Object[] { sale.saleId(), Sale.Status.COMPLETED.name(), null, Sql.ts(received) });
			if (sale.customerKey() != null && !online) {
				pricing.recordPurchase(sale.customerKey(), "sale:" + sale.saleId(), sale.correctedAt(),
						sale.lines().stream().map(l -> new Cart.Line(l.productId(), l.quantity())).toList());
			}
			recorded.add(new SaleRecorded(sale.saleId(), sale.standId(), sale.correctedAt(), items(sale.lines()),
					sale.totalMinor(), payment.method(), sale.customerKey()));
		}
		jdbc.batchUpdate("""
				INSERT INTO sales (id, stand_id, shift_id, device_id, event_id, occurred_at, corrected_at, received_at,
				 latitude, longitude, currency, subtotal_minor, discount_minor, total_minor, payment_method,
				 tendered_minor, change_minor, payment_reference, codes, status, refunded_minor, repriced_total_minor,
				 price_mismatch, mismatch_reason, customer_key)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'COMPLETED', 0, ?, ?, ?, ?)""", saleRows);
		jdbc.batchUpdate("""
				INSERT INTO sale_lines (sale_id, line_no, product_id, name, quantity, unit_price_minor, discount_minor,
				 total_minor, vat_rate_bp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", lineRows);
		if (!discountRows.isEmpty()) {
			jdbc.batchUpdate("INSERT INTO sale_discounts (sale_id, position, promotion_id, reason, amount_minor) VALUES (?, ?, ?, ?, ?)",
					discountRows);
		}
		jdbc.batchUpdate(STATUS_INSERT, statusRows);
		return List.copyOf(recorded);
	}

	/** The names the lines are stored with: from the products on sale, else (archived since) from the catalog. */
	private Map<Long, String> productNames(List<NewSale> batch) {
		var names = new HashMap<Long, String>();
		var ids = batch.stream().flatMap(s -> s.lines().stream()).map(NewLine::productId).distinct().toList();
		var onSale = products.onSale();
		ids.forEach(id -> {
			var product = onSale.get(id);
			if (product != null) {
				names.put(id, product.name());
			}
		});
		if (names.size() < ids.size()) {
			// a product archived since the phone sold it offline: still a real sale
			products.findAll(ids).forEach(p -> names.put(p.id(), p.name()));
		}
		return names;
	}

	private record Repriced(Long repricedTotal, String reason) {
	}

	/**
	 * Prices the sale again with the server's engine as of its corrected time and redeems its codes. A difference is a
	 * mismatch for the owner, never a reason to drop the sale.
	 */
	private Repriced reprice(NewSale sale) {
		var reasons = new ArrayList<String>();
		long lineSum = sale.lines().stream().mapToLong(NewLine::totalMinor).sum();
		if (lineSum != sale.totalMinor() || sale.subtotalMinor() - sale.discountMinor() != sale.totalMinor()) {
			reasons.add("the phone's totals do not add up");
		}
		Long repriced = null;
		var entered = sale.codes() == null ? List.<String>of() : sale.codes();
		try {
			var quote = pricing.price(sale.standId(),
					sale.lines().stream().map(l -> new Cart.Line(l.productId(), l.quantity())).toList(), entered,
					sale.customerKey(), null, sale.correctedAt()).quote();
			repriced = quote.totalMinor();
			if (repriced != sale.totalMinor()) {
				reasons.add("the server prices it at " + repriced + " " + business.currency());
			}
		}
		catch (Problem refused) {
			reasons.add("the server could not price it: " + refused.getMessage());
		}
		for (var code : entered) {
			try {
				savepoints.attempt(() -> codes.redeem(code, sale.customerKey(), "sale:" + sale.saleId(), sale.correctedAt()));
			}
			catch (Problem refused) {
				reasons.add("code " + Codes.normalize(code) + ": " + refused.getMessage());
			}
		}
		return new Repriced(repriced, reasons.isEmpty() ? null : truncate(String.join("; ", reasons), 500));
	}

	private static void validate(NewSale sale) {
		var errors = new ArrayList<Problem.FieldError>();
		if (sale.saleId() == null) {
			errors.add(new Problem.FieldError("saleId", "is required"));
		}
		if (sale.lines() == null || sale.lines().isEmpty()) {
			errors.add(new Problem.FieldError("lines", "a sale has at least one line"));
		}
		else {
			for (int i = 0; i < sale.lines().size(); i++) {
				var line = sale.lines().get(i);
				if (line.quantity() < 1 || line.unitPriceMinor() < 0 || line.discountMinor() < 0 || line.totalMinor() < 0) {
					errors.add(new Problem.FieldError("lines[" + i + "]", "quantities and amounts must be positive"));
				}
			}
		}
		if (sale.totalMinor() < 0 || sale.discountMinor() < 0 || sale.subtotalMinor() < 0) {
			errors.add(new Problem.FieldError("totalMinor", "amounts must not be negative"));
		}
		var payment = sale.payment();
		if (payment == null || payment.method() == null) {
			errors.add(new Problem.FieldError("payment.method", "is required"));
		}
		else {
			if (CardNumbers.looksLikeOne(payment.reference())) {
				errors.add(new Problem.FieldError("payment.reference", "card numbers are never accepted"));
			}
			if (payment.method() == Sale.Method.CARD && (payment.reference() == null || payment.reference().isBlank())) {
				errors.add(new Problem.FieldError("payment.reference", "the terminal's approval reference is required"));
			}
			if (payment.method() == Sale.Method.CASH && payment.tenderedMinor() != null
					&& payment.tenderedMinor() < sale.totalMinor()) {
				errors.add(new Problem.FieldError("payment.tenderedMinor", "less cash than the total"));
			}
		}
		if (!errors.isEmpty()) {
			throw Problem.invalid(errors);
		}
	}

	@Transactional
	public Sale refund(NewRefund refund) {
		var sale = find(refund.saleId()).orElseThrow(() -> Problem.invalid("saleId", "no sale " + refund.saleId()));
		if (sale.standId() != refund.standId()) {
			throw Problem.invalid("saleId", "the sale belongs to another stand");
		}
		if (sale.status() == Sale.Status.VOIDED) {
			throw Problem.invalid("saleId", "the sale was voided");
		}
		long left = sale.totalMinor() - sale.refundedMinor();
		if (refund.amountMinor() <= 0 || refund.amountMinor() > left) {
			throw Problem.invalid("amountMinor", "must be 1 to " + left);
		}
		if (refund.reason() == null || refund.reason().isBlank()) {
			throw Problem.invalid("reason", "a refund needs a reason");
		}
		var method = refund.method() == null ? sale.payment().method() : refund.method();
		// the shift open at the stand when the money went back, where the cash left the box
		var shift = db.sql("""
				SELECT id FROM shifts WHERE stand_id = ? AND opened_at <= ? AND (closed_at IS NULL OR closed_at >= ?)
				ORDER BY opened_at DESC LIMIT 1""").params(refund.standId(), Sql.ts(refund.at()), Sql.ts(refund.at()))
				.query(UUID.class).optional().orElse(sale.shiftId());
		db.sql("""
				INSERT INTO refunds (id, sale_id, amount_minor, reason, method, refunded_at, device_id, shift_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(refund.refundId(), refund.saleId(), refund.amountMinor(), truncate(refund.reason(), 200),
						method.name(), Sql.ts(refund.at()), refund.deviceId(), shift)
				.update();
		long refunded = sale.refundedMinor() + refund.amountMinor();
		var status = refunded == sale.totalMinor() ? Sale.Status.REFUNDED : Sale.Status.PARTIALLY_REFUNDED;
		db.sql("UPDATE sales SET refunded_minor = ?, status = ? WHERE id = ?")
				.params(refunded, status.name(), refund.saleId()).update();
		status(refund.saleId(), status, refund.reason(), refund.at());
		events.publishEvent(new SaleRefunded(refund.saleId(), refund.refundId(), sale.standId(), refund.at(),
				refund.amountMinor(), method));
		return find(refund.saleId()).orElseThrow();
	}

	@Transactional
	public Sale voidSale(UUID saleId, long standId, String reason, Instant at) {
		var sale = find(saleId).orElseThrow(() -> Problem.invalid("saleId", "no sale " + saleId));
		if (sale.standId() != standId) {
			throw Problem.invalid("saleId", "the sale belongs to another stand");
		}
		if (sale.status() != Sale.Status.COMPLETED) {
			throw Problem.invalid("saleId", "only a sale without refunds can be voided (it is " + sale.status() + ")");
		}
		if (reason == null || reason.isBlank()) {
			throw Problem.invalid("reason", "a void needs a reason");
		}
		db.sql("UPDATE sales SET status = 'VOIDED' WHERE id = ?").param(saleId).update();
		status(saleId, Sale.Status.VOIDED, reason, at);
		events.publishEvent(new SaleVoided(saleId, standId, at,
				sale.lines().stream().map(l -> new SaleRecorded.Item(l.productId(), l.quantity())).toList()));
		return find(saleId).orElseThrow();
	}

	public Optional<Sale> find(UUID id) {
		var sales = withDetails(db.sql("SELECT * FROM sales WHERE id = ?").param(id).query(ROW).list());
		return sales.stream().findFirst();
	}

	/** A stand's sales between two instants (corrected time), newest first. */
	public List<Sale> of(Long standId, Instant from, Instant to, boolean mismatchesOnly, int limit) {
		var sql = new StringBuilder("SELECT * FROM sales WHERE corrected_at >= ? AND corrected_at < ?");
		var params = new ArrayList<Object>(List.of(Sql.ts(from), Sql.ts(to)));
		if (standId != null) {
			sql.append(" AND stand_id = ?");
			params.add(standId);
		}
		if (mismatchesOnly) {
			sql.append(" AND price_mismatch");
		}
		sql.append(" ORDER BY corrected_at DESC LIMIT ").append(limit);
		return withDetails(db.sql(sql.toString()).params(params).query(ROW).list());
	}

	private static final String STATUS_INSERT = "INSERT INTO sale_status_changes (sale_id, status, reason, at) VALUES (?, ?, ?, ?)";

	private void status(UUID saleId, Sale.Status status, String reason, Instant at) {
		db.sql(STATUS_INSERT).params(saleId, status.name(), reason == null ? null : truncate(reason, 200), Sql.ts(at)).update();
	}

	private List<Sale> withDetails(List<Sale> sales) {
		if (sales.isEmpty()) {
			return sales;
		}
		var ids = sales.stream().map(Sale::id).toList();
		var lines = new HashMap<UUID, List<Sale.Line>>();
		db.sql("SELECT * FROM sale_lines WHERE sale_id IN (:ids) ORDER BY line_no").param("ids", ids)
				.query((rs, i) -> lines.computeIfAbsent(rs.getObject("sale_id", UUID.class), k -> new ArrayList<>())
						.add(new Sale.Line(rs.getLong("product_id"), rs.getString("name"), rs.getInt("quantity"),
								rs.getLong("unit_price_minor"), rs.getLong("discount_minor"), rs.getLong("total_minor"),
								rs.getInt("vat_rate_bp"))))
				.list();
		var discounts = new HashMap<UUID, List<Sale.Discount>>();
		db.sql("SELECT * FROM sale_discounts WHERE sale_id IN (:ids) ORDER BY position").param("ids", ids)
				.query((rs, i) -> discounts.computeIfAbsent(rs.getObject("sale_id", UUID.class), k -> new ArrayList<>())
						.add(new Sale.Discount((Long) rs.getObject("promotion_id", Long.class), rs.getString("reason"),
								rs.getLong("amount_minor"))))
				.list();
		return sales.stream().map(s -> new Sale(s.id(), s.standId(), s.shiftId(), s.deviceId(), s.occurredAt(),
				s.correctedAt(), s.receivedAt(), s.latitude(), s.longitude(), s.currency(), s.subtotalMinor(),
				s.discountMinor(), s.totalMinor(), s.payment(), s.codes(), s.status(), s.refundedMinor(),
				s.repricedTotalMinor(), s.priceMismatch(), s.mismatchReason(), lines.getOrDefault(s.id(), List.of()),
				discounts.getOrDefault(s.id(), List.of()))).toList();
	}

	/** VAT per rate from the lines' gross totals, as on the phone's receipt. */
	public static Map<Integer, long[]> vat(Sale sale) {
		var byRate = new java.util.TreeMap<Integer, Long>();
		sale.lines().forEach(l -> byRate.merge(l.vatRateBp(), l.totalMinor(), Long::sum));
		var result = new LinkedHashMap<Integer, long[]>();
		byRate.forEach((rate, gross) -> {
			long net = (gross * 10_000 * 2 + (10_000 + rate)) / (2L * (10_000 + rate));
			result.put(rate, new long[] { gross, net, gross - net });
		});
		return result;
	}

	private static List<SaleRecorded.Item> items(List<NewLine> lines) {
		return lines.stream().map(l -> new SaleRecorded.Item(l.productId(), l.quantity())).toList();
	}

	private static String codesText(List<String> codes) {
		return codes == null || codes.isEmpty() ? null
				: truncate(codes.stream().map(Codes::normalize).collect(Collectors.joining(",")), 200);
	}

	private static String truncate(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max);
	}

	private static final RowMapper<Sale> ROW = (rs, i) -> new Sale(rs.getObject("id", UUID.class),
			rs.getLong("stand_id"), rs.getObject("shift_id", UUID.class), rs.getObject("device_id", UUID.class),
			Sql.instant(rs, "occurred_at"), Sql.instant(rs, "corrected_at"), Sql.instant(rs, "received_at"),
			(Double) rs.getObject("latitude", Double.class), (Double) rs.getObject("longitude", Double.class),
			rs.getString("currency"), rs.getLong("subtotal_minor"), rs.getLong("discount_minor"),
			rs.getLong("total_minor"),
			new Sale.Payment(Sale.Method.valueOf(rs.getString("payment_method")),
					(Long) rs.getObject("tendered_minor", Long.class), (Long) rs.getObject("change_minor", Long.class),
					rs.getString("payment_reference")),
			rs.getString("codes") == null ? List.of() : Arrays.asList(rs.getString("codes").split(",")),
			Sale.Status.valueOf(rs.getString("status")), rs.getLong("refunded_minor"),
			(Long) rs.getObject("repriced_total_minor", Long.class), rs.getBoolean("price_mismatch"),
			rs.getString("mismatch_reason"), List.of(), List.of());
}
