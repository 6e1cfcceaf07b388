package com.diggety.catalog;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.diggety.identity.AuditTrail;
import com.diggety.shared.Problem;
import com.diggety.shared.Snapshot;
import com.diggety.shared.Sql;
import com.diggety.stands.Stand;
import com.diggety.stands.Stands;

/**
 * Each stand's menu: every active product, minus those the office took off that stand, with what the stand cannot
 * make now (its ingredients ran out) shown as sold out.
 */
@Service
public class Menus {

	/** A stand's menu as customers and the operator app read it. */
	public record Menu(long standId, String standName, List<MenuItem> items) {
	}

	static final String NOT_SOLD_HERE = "not-sold-here";

	private final JdbcClient db;
	private final Products products;
	private final Stands stands;
	private final AuditTrail audit;
	private final org.springframework.context.ApplicationEventPublisher events;
	private final org.springframework.beans.factory.ObjectProvider<Availability> availability;
	/** Every stand's products taken off its menu (a short list), read at most every 2 s for ordering's hot path. */
	private final Snapshot<java.util.Map<Long, java.util.Set<Long>>> offMenus = new Snapshot<>(
			java.time.Duration.ofSeconds(2), this::readOffMenus);

	Menus(JdbcClient db, Products products, Stands stands, AuditTrail audit,
			org.springframework.context.ApplicationEventPublisher events,
			org.springframework.beans.factory.ObjectProvider<Availability> availability) {
		this.availability = availability;
		this.db = db;
		this.products = products;
		this.stands = stands;
		this.audit = audit;
		this.events = events;
	}

	public Menu of(long standId) {
		var stand = stands.find(standId).filter(Stand::active).orElseThrow(() -> Problem.notFound("Stand", standId));
		var offHere = notSoldAt(standId);
		var all = List.copyOf(products.onSale().values());
		var soldOut = availability.getIfAvailable(() -> (stand1, candidates) -> java.util.Map.of())
				.unavailable(standId, all.stream().filter(p -> !offHere.contains(p.id())).toList());
		var items = all.stream().map(p -> {
			String reason = offHere.contains(p.id()) ? NOT_SOLD_HERE : soldOut.get(p.id());
			return new MenuItem(p.id(), p.code(), p.name(), p.description(), p.photoUrl(), p.category(),
					p.priceMinor(), p.currency(), p.vatRateBasisPoints(), p.prepSeconds(), reason == null, reason);
		}).toList();
		return new Menu(stand.id(), stand.name(), items);
	}

	/** The products the office took off this stand's menu (unmodifiable). */
	public java.util.Set<Long> notSoldAt(long standId) {
		return offMenus.get().getOrDefault(standId, java.util.Set.of());
	}

	private java.util.Map<Long, java.util.Set<Long>> readOffMenus() {
		var byStand = new java.util.HashMap<Long, java.util.Set<Long>>();
		db.sql("SELECT stand_id, product_id FROM stand_unavailable_products").query(rs -> {
			byStand.computeIfAbsent(rs.getLong(1), stand -> new HashSet<>()).add(rs.getLong(2));
		});
		byStand.replaceAll((stand, products) -> java.util.Set.copyOf(products));
		return java.util.Map.copyOf(byStand);
	}

	/** Puts a product on or takes it off one stand's menu. */
	@Transactional
	public Menu setAvailable(long standId, long productId, boolean available) {
		if (!stands.exists(standId)) {
			throw Problem.notFound("Stand", standId);
		}
		products.find(productId).orElseThrow(() -> Problem.notFound("Product", productId));
		db.sql("DELETE FROM stand_unavailable_products WHERE stand_id = ? AND product_id = ?")
				.params(standId, productId).update();
		if (!available) {
			db.sql("INSERT INTO stand_unavailable_products (stand_id, product_id, since) VALUES (?, ?, ?)")
					.params(standId, productId, Sql.ts(Instant.now())).update();
		}
		offMenus.forget();
		audit.record(available ? "menu.product-on" : "menu.product-off", "stand", standId, null, productId);
		events.publishEvent(new CatalogChanged(productId));
		return of(standId);
	}
}
