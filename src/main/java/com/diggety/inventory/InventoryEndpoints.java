package com.diggety.inventory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.diggety.catalog.Ingredient;
import com.diggety.catalog.Ingredients;
import com.diggety.identity.Caller;
import com.diggety.identity.Role;
import com.diggety.shared.Business;
import com.diggety.shared.Problem;
import com.diggety.stands.Stands;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Stock over HTTP: levels, updates by hand, history and CSV, the owner's overview, alerts, the drivers' tasks. */
@RestController
@Tag(name = "Inventory")
class InventoryEndpoints {

	enum ManualKind {
		DELIVERY, WASTE, COUNT
	}

	record ManualUpdate(@NotNull ManualKind kind, @NotNull Long ingredientId, @NotNull Long quantity,
			@Size(max = 200) String note, @Size(max = 60) String requestId) {
	}

	record Threshold(@NotNull @Min(0) Long threshold) {
	}

	record Delivery(@NotNull List<Restocking.Delivered> lines) {
	}

	record StandStock(long standId, String standName, List<Stock.Level> levels, Instant lastManualUpdate,
			boolean stale, List<Restocking.Alert> openAlerts) {
	}

	/** The matrix: one column per active ingredient, one row per active stand, each row's arrays in column order. */
	record Overview(List<Column> ingredients, List<Row> stands, int openAlerts) {
	}

	record Column(long id, String code, String name, String unit, long defaultThreshold) {
	}

	record Row(long id, String code, String name, long[] quantities, long[] thresholds, Stock.Level.Status[] statuses) {
	}

	private final Stock stock;
	private final Restocking restocking;
	private final Stands stands;
	private final Ingredients ingredients;
	private final Business business;

	InventoryEndpoints(Stock stock, Restocking restocking, Stands stands, Ingredients ingredients, Business business) {
		this.stock = stock;
		this.restocking = restocking;
		this.stands = stands;
		this.ingredients = ingredients;
		this.business = business;
	}

	@Operation(summary = "A stand's stock: levels, thresholds, staleness and open alerts (office, drivers, its operator)")
	@GetMapping("/api/v1/stands/{id}/stock")
	StandStock standStock(@PathVariable long id) {
		readable(id);
		return view(id);
	}

	StandStock view(long id) {
		var name = stands.nameOf(id).orElseThrow(() -> Problem.notFound("Stand", id));
		var alerts = restocking.alerts(true, id);
		return new StandStock(id, name, stock.levels(id), stock.lastManualUpdate(id).orElse(null),
				alerts.stream().anyMatch(a -> a.kind().equals("STALE")), alerts);
	}

	@Operation(summary = "Record a delivery, waste or a physical count by hand (office, the stand's operator)")
	@PostMapping("/api/v1/stands/{id}/stock/movements")
	StandStock manual(@PathVariable long id, @Valid @RequestBody ManualUpdate update) {
		writable(id);
		var cause = "manual:" + (update.requestId() == null ? UUID.randomUUID() : update.requestId());
		var now = Instant.now();
		switch (update.kind()) {
			case DELIVERY -> stock.deliver(id, update.ingredientId(), update.quantity(), now, cause, update.note());
			case WASTE -> stock.waste(id, update.ingredientId(), update.quantity(), now, cause, update.note());
			case COUNT -> stock.count(id, update.ingredientId(), update.quantity(), now, cause);
		}
		return view(id);
	}

	@Operation(summary = "A stand's threshold for one ingredient (office)")
	@PutMapping("/api/v1/stands/{id}/stock/thresholds/{ingredientId}")
	StandStock threshold(@PathVariable long id, @PathVariable long ingredientId, @Valid @RequestBody Threshold threshold) {
		if (!stands.exists(id)) {
			throw Problem.notFound("Stand", id);
		}
		stock.setThreshold(id, ingredientId, threshold.threshold());
		return view(id);
	}

	@Operation(summary = "A stand's stock movements, newest first; ?format=csv for a spreadsheet (office, its operator)")
	@GetMapping("/api/v1/stands/{id}/stock/movements")
	ResponseEntity<?> movements(@PathVariable long id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) Long ingredientId, @RequestParam(required = false) Movement.Kind kind,
			@RequestParam(defaultValue = "json") String format,
			@RequestParam(defaultValue = "1000") @Min(1) @Max(100000) int limit) {
		writable(id);
		var days = business.days(from, to, 7);
		var rows = stock.movements(id, days.start(), days.end(), ingredientId, kind, limit);
		if (!"csv".equals(format)) {
			return ResponseEntity.ok(rows);
		}
		var names = ingredients.all(true).stream().collect(Collectors.toMap(i -> i.id(), i -> i.name()));
		var csv = new StringBuilder("occurred_at,ingredient,quantity,kind,cause,note\n");
		for (var m : rows) {
			csv.append(m.occurredAt()).append(',').append(quote(names.getOrDefault(m.ingredientId(), "?"))).append(',')
					.append(m.quantity()).append(',').append(m.kind()).append(',').append(quote(m.cause())).append(',')
					.append(quote(m.note() == null ? "" : m.note())).append('\n');
		}
		return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
				.header("Content-Disposition", "attachment; filename=\"stock-movements-" + id + ".csv\"")
				.body(csv.toString());
	}

	@Operation(summary = "Every stand's level of every ingredient, coloured by status (office, drivers)")
	@GetMapping("/api/v1/stock/overview")
	Overview overview() {
		var columns = ingredients.all(false);
		var ids = columns.stream().map(Ingredient::id).toList();
		var quantities = stock.overview(ids);
		var standThresholds = stock.standThresholds();
		var defaults = new long[columns.size()];
		var ingredientRows = new ArrayList<Column>(columns.size());
		for (int i = 0; i < columns.size(); i++) {
			var c = columns.get(i);
			defaults[i] = c.lowStockThreshold();
			ingredientRows.add(new Column(c.id(), c.code(), c.name(), c.unit().name(), c.lowStockThreshold()));
		}
		var standRows = new ArrayList<Row>();
		for (var s : stands.all()) {
			if (!s.active()) {
				continue;
			}
			var levels = quantities.getOrDefault(s.id(), new long[columns.size()]);
			var thresholds = defaults.clone();
			var own = standThresholds.get(s.id());
			var statuses = new Stock.Level.Status[columns.size()];
			for (int i = 0; i < columns.size(); i++) {
				if (own != null && own.containsKey(ids.get(i))) {
					thresholds[i] = own.get(ids.get(i));
				}
				statuses[i] = Stock.status(levels[i], thresholds[i]);
			}
			standRows.add(new Row(s.id(), s.code(), s.name(), levels, thresholds, statuses));
		}
		return new Overview(ingredientRows, standRows, restocking.alerts(true, null).size());
	}

	@Operation(summary = "Stock alerts: low, negative and stale (office, drivers)")
	@GetMapping("/api/v1/stock/alerts")
	List<Restocking.Alert> alerts(@RequestParam(defaultValue = "true") boolean open,
			@RequestParam(required = false) Long standId) {
		return restocking.alerts(open, standId);
	}

	@Operation(summary = "Demand forecast per hour of the week for one ingredient at a stand (office)")
	@GetMapping("/api/v1/stands/{id}/stock/forecast")
	Map<String, Object> forecast(@PathVariable long id, @RequestParam long ingredientId) {
		if (!stands.exists(id)) {
			throw Problem.notFound("Stand", id);
		}
		var forecast = restocking.forecast(id, ingredientId);
		var now = java.time.ZonedDateTime.now(business.zone());
		var level = stock.levels(id).stream().filter(l -> l.ingredientId() == ingredientId).findFirst()
				.orElseThrow(() -> Problem.invalid("ingredientId", "no active ingredient " + ingredientId));
		var out = forecast.stockOut(now, level.quantity());
		var answer = new java.util.LinkedHashMap<String, Object>();
		answer.put("perHourOfWeek", forecast.asMap());
		answer.put("level", level.quantity());
		answer.put("stockOut", out == null ? null : out.toInstant()); // null: not within a week
		return answer;
	}

	@Operation(summary = "Open restock tasks, most urgent first, then nearest to the given position (drivers, office)")
	@GetMapping("/api/v1/restock/tasks")
	List<Restocking.Task> tasks(@RequestParam(required = false) Double lat, @RequestParam(required = false) Double lon) {
		return restocking.tasks(lat, lon);
	}

	@Operation(summary = "Take a restock task (drivers)")
	@PostMapping("/api/v1/restock/tasks/{id}/accept")
	Restocking.Task accept(@PathVariable UUID id) {
		return restocking.accept(id);
	}

	@Operation(summary = "Mark a restock task delivered with the quantities actually delivered (drivers, office)")
	@PostMapping("/api/v1/restock/tasks/{id}/deliver")
	Restocking.Task deliver(@PathVariable UUID id, @Valid @RequestBody Delivery delivery) {
		return restocking.deliver(id, delivery.lines());
	}

	private static String quote(String text) {
		return "\"" + text.replace("\"", "\"\"") + "\"";
	}

	private void readable(long standId) {
		var caller = Caller.current().orElseThrow();
		if (caller.role() == Role.OPERATOR && !caller.mayActOnStand(standId)) {
			throw Problem.forbidden("Operators see their own stand's stock only");
		}
	}

	private void writable(long standId) {
		var caller = Caller.current().orElseThrow();
		if (!caller.mayActOnStand(standId)) {
			throw Problem.forbidden("You may only update your own stand's stock");
		}
	}
}
