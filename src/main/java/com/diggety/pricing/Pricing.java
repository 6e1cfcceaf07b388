package com.diggety.pricing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.context.event.EventListener;

import com.diggety.catalog.CatalogChanged;
import com.diggety.catalog.Products;
import com.diggety.pricing.engine.Cart;
import com.diggety.pricing.engine.Item;
import com.diggety.pricing.engine.Limits;
import com.diggety.pricing.engine.PricingEngine;
import com.diggety.pricing.engine.Promotion;
import com.diggety.pricing.engine.Quote;
import com.diggety.shared.Business;
import com.diggety.shared.Problem;
import com.diggety.shared.Snapshot;
import com.diggety.shared.Sql;
import com.diggety.shared.Throttle;
import com.diggety.stands.Stands;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Prices carts for customers, the stands and the server's re-pricing of synced sales, with the promotions in force.
 * A quote changes nothing: codes are checked, not redeemed. Prices and promotions are read through a short-lived
 * snapshot so a busy lunch hour does not read the same rows thousands of times.
 */
@Service
public class Pricing {

	/** A priced cart with what it was priced for. */
	public record Priced(long standId, Instant at, String currency, List<String> codes, Quote quote) {
	}

	/** What a quote is priced against: the items on sale, the promotions in force, the limits, the active stands. */
	private record InForce(Map<Long, Item> items, List<Promotion> promotions, Limits limits,
			java.util.Set<Long> activeStands) {
	}

	private final JdbcClient db;
	private final Products products;
	private final Promotions promotions;
	private final Codes codes;
	private final Stands stands;
	private final Business business;
	private final PricingSettings settings;
	private final PricingEngine engine;
	private final Throttle codeGuesses;
	private final ObjectMapper json;
	private final Clock clock = Clock.systemUTC();
	private final Snapshot<InForce> inForce;

	Pricing(JdbcClient db, Products products, Promotions promotions, Codes codes, Stands stands, Business business,
			PricingSettings settings, ObjectMapper json) {
		this.db = db;
		this.products = products;
		this.promotions = promotions;
		this.codes = codes;
		this.stands = stands;
		this.business = business;
		this.settings = settings;
		this.json = json;
		this.engine = new PricingEngine(business.zone());
		this.inForce = new Snapshot<>(settings.snapshotTtl(), this::read);
		this.codeGuesses = new Throttle(settings.codeFailures(), settings.codeFailureWindow(), clock);
	}

	/** Prices a cart now; {@code client} keys the limit on failed code attempts. */
	public Priced quote(long standId, List<Cart.Line> lines, List<String> enteredCodes, String customerKey,
			String client) {
		return price(standId, lines, enteredCodes, customerKey, client, clock.instant());
	}

	/** Prices a cart as of {@code at}: the server re-prices a sale recorded offline at the time it happened. */
	public Priced price(long standId, List<Cart.Line> lines, List<String> enteredCodes, String customerKey,
			String client, Instant at) {
		var entered = enteredCodes == null ? List.<String>of() : enteredCodes;
		validate(standId, lines, entered);
		if (!entered.isEmpty() && client != null) {
			codeGuesses.blockedFor(client).ifPresent(wait -> {
				throw Problem.tooManyRequests("Too many wrong codes; try again in " + wait.toSeconds() + " s",
						Math.max(1, wait.toSeconds()));
			});
		}
		List<Long> unlocked;
		try {
			unlocked = codes.resolve(entered, standId, customerKey, at);
		}
		catch (Problem refused) {
			if (client != null) {
				codeGuesses.failed(client);
			}
			throw refused;
		}
		var current = inForce.get();
		for (int i = 0; i < lines.size(); i++) {
			if (!current.items().containsKey(lines.get(i).productId())) {
				throw Problem.invalid("lines[" + i + "].productId", "no product " + lines.get(i).productId() + " on sale");
			}
		}
		var customer = customerKey == null ? null : new Cart.Customer(history(customerKey, at));
		var cart = new Cart(standId, at, lines, unlocked, customer);
		var quote = engine.price(cart, current.items(), current.promotions(), current.limits());
		return new Priced(standId, at, business.currency(), entered.stream().map(Codes::normalize).toList(), quote);
	}

	private void validate(long standId, List<Cart.Line> lines, List<String> entered) {
		var errors = new ArrayList<Problem.FieldError>();
		if (lines == null || lines.isEmpty()) {
			errors.add(new Problem.FieldError("lines", "the cart is empty"));
		}
		else if (lines.size() > settings.maxLines()) {
			errors.add(new Problem.FieldError("lines", "at most " + settings.maxLines() + " lines"));
		}
		else {
			for (int i = 0; i < lines.size(); i++) {
				int quantity = lines.get(i).quantity();
				if (quantity < 1) {
					errors.add(new Problem.FieldError("lines[" + i + "].quantity", "must be at least 1"));
				}
				else if (quantity > settings.maxQuantity()) {
					errors.add(new Problem.FieldError("lines[" + i + "].quantity",
							"at most " + settings.maxQuantity() + " of one product"));
				}
			}
		}
		if (entered.size() > 5) {
			errors.add(new Problem.FieldError("codes", "at most 5 codes"));
		}
		if (!inForce.get().activeStands().contains(standId)) {
			errors.add(new Problem.FieldError("standId", "no active stand " + standId));
		}
		if (!errors.isEmpty()) {
			throw Problem.invalid(errors);
		}
	}

	/** Remembers what a registered customer bought, for loyalty rules; a replayed reference is ignored. */
	@Transactional
	public void recordPurchase(String customerKey, String reference, Instant at, List<Cart.Line> items) {
		int exists = db.sql("SELECT COUNT(*) FROM customer_purchases WHERE reference = ?").param(reference)
				.query(Integer.class).single();
		if (exists == 0) {
			db.sql("INSERT INTO customer_purchases (customer_key, reference, purchased_at, items) VALUES (?, ?, ?, ?)")
					.params(customerKey, reference, Sql.ts(at), json.writeValueAsString(items)).update();
		}
	}

	private List<Cart.Purchase> history(String customerKey, Instant at) {
		return db.sql("SELECT purchased_at, items FROM customer_purchases WHERE customer_key = ? AND purchased_at <= ?"
				+ " ORDER BY purchased_at").params(customerKey, Sql.ts(at))
				.query((rs, i) -> new Cart.Purchase(Sql.instant(rs, "purchased_at"),
						json.readValue(rs.getString("items"), new TypeReference<List<Cart.Line>>() {
						})))
				.list();
	}

	private InForce read() {
		var items = new HashMap<Long, Item>();
		products.prices().forEach(p -> items.put(p.productId(),
				new Item(p.productId(), p.name(), p.category(), p.priceMinor(), p.vatRateBasisPoints())));
		return new InForce(Map.copyOf(items), promotions.active(), promotions.policy().limits(),
				java.util.Set.copyOf(stands.activeIds()));
	}

	@EventListener
	void promotionsChanged(PromotionsChanged changed) {
		inForce.forget();
	}

	@EventListener
	void catalogChanged(CatalogChanged changed) {
		inForce.forget();
	}

	@EventListener
	void standChanged(com.diggety.stands.StandChanged changed) {
		inForce.forget();
	}
}
