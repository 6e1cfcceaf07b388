package com.diggety.sales;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.diggety.identity.Caller;
import com.diggety.shared.Business;
import com.diggety.shared.Problem;
import com.diggety.stands.Stands;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Sales, shifts and receipts over HTTP. Sales are written only through the device protocol (the phone is the
 * source of truth for what was sold); these endpoints read.
 */
@RestController
@Tag(name = "Sales")
class SalesEndpoints {

	/** What a customer sees on the receipt link. */
	record Receipt(UUID saleId, String standName, String placeName, Instant at, String zone, String currency,
			List<Sale.Line> lines, List<Sale.Discount> discounts, long subtotalMinor, long discountMinor,
			long totalMinor, List<Vat> vat, Sale.Method method, Long tenderedMinor, Long changeMinor,
			Sale.Status status, long refundedMinor) {
	}

	record Vat(int rateBp, long grossMinor, long netMinor, long vatMinor) {
	}

	private final Sales sales;
	private final Shifts shifts;
	private final Stands stands;
	private final Business business;

	SalesEndpoints(Sales sales, Shifts shifts, Stands stands, Business business) {
		this.sales = sales;
		this.shifts = shifts;
		this.stands = stands;
		this.business = business;
	}

	@Operation(summary = "Sales between two days in the business zone, newest first (office; an operator its own stand)")
	@GetMapping("/api/v1/sales")
	List<Sale> list(@RequestParam(required = false) Long standId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "false") boolean mismatchesOnly,
			@RequestParam(defaultValue = "500") @Min(1) @Max(5000) int limit) {
		var scope = scoped(standId);
		var days = business.days(from, to, 0);
		return sales.of(scope, days.start(), days.end(), mismatchesOnly, limit);
	}

	@Operation(summary = "One sale with its lines and discounts (office; an operator its own stand)")
	@GetMapping("/api/v1/sales/{id}")
	Sale one(@PathVariable UUID id) {
		var sale = sales.find(id).orElseThrow(() -> Problem.notFound("Sale", id));
		scoped(sale.standId());
		return sale;
	}

	@Operation(summary = "A stand's shifts, newest first (office; an operator its own stand)")
	@GetMapping("/api/v1/stands/{standId}/shifts")
	List<Shifts.Shift> shifts(@PathVariable long standId, @RequestParam(defaultValue = "30") @Min(1) @Max(500) int limit) {
		scoped(standId);
		return shifts.of(standId, limit);
	}

	@Operation(summary = "A shift's Z report: final once closed, so far while open (office; an operator its own stand)")
	@GetMapping("/api/v1/shifts/{id}/report")
	ZReport report(@PathVariable UUID id) {
		var shift = shifts.find(id).orElseThrow(() -> Problem.notFound("Shift", id));
		scoped(shift.standId());
		return shifts.report(id);
	}

	@Operation(summary = "A receipt, for the link the customer scans at the stand (public; the sale id is unguessable)")
	@GetMapping("/api/v1/receipts/{saleId}")
	Receipt receipt(@PathVariable UUID saleId) {
		var sale = sales.find(saleId).orElseThrow(() -> Problem.notFound("Receipt", saleId));
		var stand = stands.find(sale.standId()).orElseThrow();
		var vat = new ArrayList<Vat>();
		Sales.vat(sale).forEach((rate, parts) -> vat.add(new Vat(rate, parts[0], parts[1], parts[2])));
		return new Receipt(sale.id(), stand.name(), stand.placeName(), sale.correctedAt(), business.zone().getId(),
				sale.currency(), sale.lines(), sale.discounts(), sale.subtotalMinor(), sale.discountMinor(),
				sale.totalMinor(), vat, sale.payment().method(), sale.payment().tenderedMinor(),
				sale.payment().changeMinor(), sale.status(), sale.refundedMinor());
	}

	/** The office reads every stand; an operator only its own, whatever it asked for. */
	private Long scoped(Long standId) {
		var caller = Caller.current().orElseThrow(() -> Problem.forbidden("Log in first"));
		if (caller.role().managesCompany()) {
			return standId;
		}
		if (standId != null && !standId.equals(caller.standId())) {
			throw Problem.forbidden("Operators see their own stand's sales only");
		}
		return caller.standId();
	}
}
