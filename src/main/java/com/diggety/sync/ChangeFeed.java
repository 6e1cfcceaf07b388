package com.diggety.sync;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.diggety.catalog.CatalogChanged;
import com.diggety.catalog.MenuItem;
import com.diggety.catalog.Menus;
import com.diggety.catalog.Products;
import com.diggety.inventory.Restocking;
import com.diggety.inventory.Stock;
import com.diggety.inventory.StockChanged;
import com.diggety.pricing.Codes;
import com.diggety.pricing.Promotions;
import com.diggety.pricing.PromotionSpec;
import com.diggety.pricing.PromotionsChanged;
import com.diggety.pricing.engine.Limits;
import com.diggety.shared.Sql;
import com.diggety.stands.OpeningHours;
import com.diggety.stands.StandChanged;
import com.diggety.stands.Stands;

/**
 * The change feed back to the phones. Every change to what a phone keeps offline (menu and prices, promotions and
 * codes, its stand's settings) appends a feed entry in the same transaction as the change, under a lock on one clock
 * row, so cursors become visible in the order they were taken and a phone asking "since 57" never misses 56. A pull
 * answers the whole current state of each part that changed: parts are small, and state is idempotent.
 */
@Service
public class ChangeFeed {

	public enum Part {
		MENU, PROMOTIONS, STAND, STOCK
	}

	public record Menu(List<MenuItem> items, List<Products.Price> products) {
	}

	public record PromotionState(List<PromotionSpec> specs, Limits limits, List<Codes.CodeHash> codes) {
	}

	public record StandState(long id, String name, String placeName, double latitude, double longitude,
			OpeningHours hours, boolean autoConfirm, boolean openForCustomers) {
	}

	/** The stand's stock as the server knows it, with its freshness and open alerts. */
	public record StockState(List<Stock.Level> levels, Instant lastManualUpdate, boolean stale,
			List<Restocking.Alert> alerts) {
	}

	public record Changes(long cursor, Menu menu, PromotionState promotions, StandState stand, StockState stock) {
	}

	/** Published after a feed entry is written, for live nudges to the phones. */
	public record Appended(Long standId, Part part) {
	}

	private final JdbcClient db;
	private final Menus menus;
	private final Products products;
	private final Promotions promotions;
	private final Codes codes;
	private final Stands stands;
	private final Stock stock;
	private final Restocking restocking;
	private final ApplicationEventPublisher events;

	ChangeFeed(JdbcClient db, Menus menus, Products products, Promotions promotions, Codes codes, Stands stands,
			Stock stock, Restocking restocking, ApplicationEventPublisher events) {
		this.stock = stock;
		this.restocking = restocking;
		this.db = db;
		this.menus = menus;
		this.products = products;
		this.promotions = promotions;
		this.codes = codes;
		this.stands = stands;
		this.events = events;
	}

	@EventListener
	void on(CatalogChanged changed) {
		append(null, Part.MENU);
	}

	@EventListener
	void on(PromotionsChanged changed) {
		append(null, Part.PROMOTIONS);
	}

	@EventListener
	void on(StandChanged changed) {
		append(changed.standId(), Part.STAND);
	}

	@EventListener
	void on(StockChanged changed) {
		append(changed.standId(), Part.STOCK);
	}

	/** Appends an entry; runs in the transaction of the change that caused it. */
	void append(Long standId, Part part) {
		long cursor = db.sql("SELECT last_cursor FROM feed_clock WHERE id = 1 FOR UPDATE").query(Long.class).single() + 1;
		db.sql("UPDATE feed_clock SET last_cursor = ? WHERE id = 1").param(cursor).update();
		db.sql("INSERT INTO feed (cursor, stand_id, part, at) VALUES (?, ?, ?, ?)")
				.params(cursor, standId, part.name(), Sql.ts(Instant.now())).update();
		events.publishEvent(new Appended(standId, part));
	}

	/** What changed for a stand after {@code since}: each changed part in full, and the cursor to ask from next. */
	public Changes since(long standId, long since) {
		long cursor = db.sql("SELECT last_cursor FROM feed_clock WHERE id = 1").query(Long.class).single();
		Set<Part> changed = new HashSet<>();
		if (since <= 0) {
			changed.addAll(Set.of(Part.values()));
		}
		else {
			db.sql("SELECT DISTINCT part FROM feed WHERE cursor > ? AND cursor <= ? AND (stand_id IS NULL OR stand_id = ?)")
					.params(since, cursor, standId).query(String.class).list().forEach(p -> changed.add(Part.valueOf(p)));
		}
		return new Changes(cursor, changed.contains(Part.MENU) ? menu(standId) : null,
				changed.contains(Part.PROMOTIONS) ? promotions(standId) : null,
				changed.contains(Part.STAND) ? stand(standId) : null,
				changed.contains(Part.STOCK) ? stock(standId) : null);
	}

	private Menu menu(long standId) {
		return new Menu(menus.of(standId).items(), products.prices());
	}

	private PromotionState promotions(long standId) {
		var specs = promotions.activeSpecs().stream()
				.filter(s -> s.standIds() == null || s.standIds().isEmpty() || s.standIds().contains(standId))
				.toList();
		var withCodes = specs.stream().filter(s -> Boolean.TRUE.equals(s.requiresCode())).map(PromotionSpec::id)
				.toList();
		return new PromotionState(specs, promotions.policy().limits(), codes.hashes(withCodes, Instant.now()));
	}

	private StockState stock(long standId) {
		var alerts = restocking.alerts(true, standId);
		return new StockState(stock.levels(standId), stock.lastManualUpdate(standId).orElse(null),
				alerts.stream().anyMatch(a -> a.kind().equals("STALE")), alerts);
	}

	private StandState stand(long standId) {
		var stand = stands.find(standId).orElseThrow();
		return new StandState(stand.id(), stand.name(), stand.placeName(), stand.latitude(), stand.longitude(),
				stand.hours(), stand.autoConfirm(), stand.openForCustomers());
	}

	static Map<String, Object> nudge() {
		return Map.of("type", "changes");
	}
}
