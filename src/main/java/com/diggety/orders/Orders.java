package com.diggety.orders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.diggety.catalog.Ingredients;
import com.diggety.catalog.Menus;
import com.diggety.catalog.Product;
import com.diggety.catalog.Products;
import com.diggety.catalog.Substitute;
import com.diggety.identity.Caller;
import com.diggety.identity.Role;
import com.diggety.identity.Users;
import com.diggety.inventory.Movement;
import com.diggety.inventory.Restocking;
import com.diggety.inventory.Stock;
import com.diggety.notifications.Mail;
import com.diggety.notifications.Push;
import com.diggety.notifications.Sms;
import com.diggety.payments.Payments;
import com.diggety.pricing.Codes;
import com.diggety.sales.Sale;
import com.diggety.sales.Sales;
import com.diggety.pricing.Pricing;
import com.diggety.pricing.engine.Cart;
import com.diggety.shared.Business;
import com.diggety.shared.Problem;
import com.diggety.shared.Savepoints;
import com.diggety.stands.Stand;
import com.diggety.stands.Stands;

/**
 * Online orders from placement to pickup. Every change locks the order's row, asks the status machine whether it
 * may happen ({@link OrderStatus#decide}), stores the change with who made it, and publishes {@link OrderChanged}
 * for the live channel. Money goes back through {@link Payments#refund} whenever a paid order ends without being
 * made.
 */
@Service
public class Orders {

	private static final Logger log = LoggerFactory.getLogger(Orders.class);
	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
	private static final SecureRandom RANDOM = new SecureRandom();
	/** Random draws of an order number before the free ones are read (9,000 numbers; a stand has a few dozen live). */
	private static final int RANDOM_NUMBERS = 10;
	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
	/** How long a browser may hear about an order by Web Push at most: an order is collected or ends within a day. */
	static final Duration PUSH_FOR = Duration.ofDays(1);

	/** What a customer orders. */
	public record NewOrder(Long standId, List<Line> items, List<String> codes, String email, String phone,
			Long expectedTotalMinor, boolean substitutes) {
	}

	public record Line(Long productId, Integer quantity) {
	}

	/** A placed order with the key that lets a guest follow it and the address of its payment page. */
	public record Placed(Order order, String accessKey, String checkoutUrl) {
	}

	/** Whether a stand takes online orders now, how, and how long the queue is. */
	public record Ordering(long standId, boolean accepting, Order.Way way, String reason, int waitMinutes) {
	}

	/** An order as the stand's phone lists it: with what the stand lacks to make it (empty when it can). */
	public record StandOrder(Order order, List<Stock.Shortage> shortages) {
	}

	/** A substitute the customer may take instead of what is out. */
	public record Offer(long productId, String productName, long substituteProductId, String substituteName,
			Long fromIngredientId, Long toIngredientId) {
	}

	/** Who asks: a signed-in caller, or a guest holding the order's key. */
	public record Asker(Caller caller, String key) {

		static String actor(Caller caller) {
			return caller == null ? "customer" : caller.role().name().toLowerCase(java.util.Locale.ROOT) + ":" + caller.userId();
		}
	}

	private final OrderBook book;
	private final OrderSettings settings;
	private final PickupKeys keys;
	private final Stands stands;
	private final Products products;
	private final Ingredients ingredients;
	private final Menus menus;
	private final Stock stock;
	private final Restocking restocking;
	private final Pricing pricing;
	private final Codes codes;
	private final Payments payments;
	private final Sms sms;
	private final Mail mail;
	private final Push push;
	private final Sales sales;
	private final Users users;
	private final Business business;
	private final Savepoints savepoints;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transaction;
	private final Clock clock = Clock.systemUTC();

	Orders(OrderBook book, OrderSettings settings, PickupKeys keys, Stands stands, Products products,
			Ingredients ingredients, Menus menus, Stock stock, Restocking restocking, Pricing pricing, Codes codes,
			Payments payments, Sms sms, Mail mail, Push push, Users users, Business business, Savepoints savepoints,
			ApplicationEventPublisher events, PlatformTransactionManager transactions, Sales sales) {
		this.sales = sales;
		this.mail = mail;
		this.push = push;
		this.book = book;
		this.settings = settings;
		this.keys = keys;
		this.stands = stands;
		this.products = products;
		this.ingredients = ingredients;
		this.menus = menus;
		this.stock = stock;
		this.restocking = restocking;
		this.pricing = pricing;
		this.codes = codes;
		this.payments = payments;
		this.sms = sms;
		this.users = users;
		this.business = business;
		this.savepoints = savepoints;
		this.events = events;
		this.transaction = new TransactionTemplate(transactions);
	}

	// ---------------------------------------------------------------- placing

	/** Whether the stand takes orders now and which way they would be answered. */
	public Ordering ordering(long standId) {
		var stand = stands.find(standId).filter(Stand::active).orElseThrow(() -> Problem.notFound("Stand", standId));
		return ordering(stand);
	}

	private Ordering ordering(Stand stand) {
		var way = way(stand);
		return new Ordering(stand.id(), way.accepting(), way.way(), way.reason(), waitMinutes(stand.id()));
	}

	/** How the stand would answer an order now, if it takes one at all. */
	private record Route(boolean accepting, Order.Way way, String reason) {
	}

	private Route way(Stand stand) {
		if (!stand.isOpen(clock.instant(), business.zone())) {
			return new Route(false, null, "closed");
		}
		if (stands.online(stand.id())) {
			return new Route(true, stand.autoConfirm() && restocking.fresh(stand.id()) ? Order.Way.AUTO
					: Order.Way.OPERATOR, null);
		}
		if (sms.reachable(stand.phone())) {
			return new Route(true, Order.Way.SMS, null);
		}
		return new Route(false, null, "unreachable");
	}

	private int waitMinutes(long standId) {
		var now = clock.instant();
		var last = schedule(book.queue(standId), now).values().stream().max(Instant::compareTo).orElse(now);
		return (int) Math.max(0, Duration.between(now, last).toMinutes());
	}

	/**
	 * Places an order and opens its payment. Nothing is charged when the order is refused: the checks (stand open
	 * and reachable, products on its menu and in stock or substituted, the price the customer saw) all come first.
	 *
	 * @throws Problem 422 for an invalid order, 404 for an unknown stand or product, 409 for a closed or unreachable
	 *                 stand, a product that is out, an offered substitute or a changed price
	 */
	public Placed place(NewOrder request, Caller caller, String client) {
		var customer = caller != null && caller.role() == Role.CUSTOMER ? caller : null;
		var contact = validate(request, customer);
		var stand = stands.recent(request.standId()).filter(Stand::active)
				.orElseThrow(() -> Problem.notFound("Stand", request.standId()));
		var route = way(stand);
		if (!route.accepting()) {
			throw refusal(route.reason(), "closed".equals(route.reason())
					? stand.name() + " is closed for orders now"
					: stand.name() + " cannot be reached now: its phone is offline. Try another stand.", Map.of());
		}
		var chosen = merged(request.items());
		var onSale = products.onSale();
		var known = new HashMap<Long, Product>();
		for (var id : chosen.keySet()) {
			var product = onSale.get(id);
			if (product == null) {
				throw Problem.notFound("Product", id);
			}
			known.put(id, product);
		}
		var lines = available(stand.id(), chosen, known, request.substitutes());
		var customerKey = customer == null ? null : "user:" + customer.userId();
		var priced = pricing.quote(stand.id(), lines.stream().map(l -> new Cart.Line(l.productId(), l.quantity())).toList(),
				request.codes(), customerKey, client);
		var quote = priced.quote();
		if (request.expectedTotalMinor() != null && request.expectedTotalMinor() != quote.totalMinor()) {
			throw refusal("stale-quote", "The price changed since you saw it: the total is now "
					+ quote.totalMinor() + " " + priced.currency(), Map.of("totalMinor", quote.totalMinor()));
		}
		var unitPrices = new HashMap<Long, Long>();
		quote.lines().forEach(l -> unitPrices.put(l.productId(), l.unitPriceMinor()));
		var items = lines.stream().map(l -> new Order.Item(l.productId(), l.name(), l.quantity(),
				unitPrices.getOrDefault(l.productId(), 0L), l.substituteFor(), l.swaps())).toList();
		int prep = lines.stream().mapToInt(l -> l.prepSeconds() * l.quantity()).sum();
		var accessKey = newKey();
		var now = clock.instant();
		var id = UUID.randomUUID();
		var returnUrl = "/#/orders/" + id;
		record Stored(OrderBook.Row row, com.diggety.payments.Payment payment) {
		}
		// the order and its payment row commit together; the provider is called after, outside the transaction
		var keyHash = hash(accessKey);
		var stored = transaction.execute(status -> {
			OrderBook.Row created = null;
			// a four-digit number no other order under way at the stand has: a taken one is refused by the insert
			for (int attempt = 0; created == null; attempt++) {
				var number = attempt < RANDOM_NUMBERS ? Integer.toString(1000 + RANDOM.nextInt(9000))
						: freeNumber(stand.id(), attempt);
				var row = new OrderBook.Row(id, stand.id(), number,
						customer == null ? null : customer.userId(), contact.email(), contact.phone(), keyHash,
						OrderStatus.PLACED, 1, null, quote.subtotalMinor(), quote.discountMinor(), quote.totalMinor(),
						priced.currency(), priced.codes().isEmpty() ? null : String.join(",", priced.codes()), prep,
						now, null, null, null, null, null, null);
				if (book.insert(row, items, Asker.actor(customer))) {
					created = row;
				}
			}
			var payment = created.totalMinor() == 0 ? null
					: payments.open(new Payments.Request(reference(id), stand.id(), created.totalMinor(),
							created.currency(), "Diggety order " + created.number() + " at " + stand.name(), returnUrl));
			return new Stored(created, payment);
		});
		var row = stored.row();
		if (row.totalMinor() == 0) {
			paid(id, "free");
			return new Placed(view(id), accessKey, returnUrl);
		}
		try {
			var checkout = payments.connect(stored.payment(), returnUrl);
			// the order as just stored, without reading it back
			var view = order(row, stand.name(), items,
					List.of(new Order.Change(OrderStatus.PLACED, 1, Asker.actor(customer), null, now)), false);
			return new Placed(view, accessKey, checkout.checkoutUrl());
		}
		catch (RuntimeException paymentNotOpened) {
			transaction.executeWithoutResult(status -> book.lock(id).ifPresent(locked -> {
				book.move(locked, OrderStatus.CANCELLED, "payment", "the payment could not be opened", clock.instant());
				published(locked.id());
			}));
			throw paymentNotOpened;
		}
	}

	private record Contact(String email, String phone) {
	}

	private Contact validate(NewOrder request, Caller customer) {
		var errors = new ArrayList<Problem.FieldError>();
		if (request.standId() == null) {
			errors.add(new Problem.FieldError("standId", "choose a stand"));
		}
		var items = request.items();
		if (items == null || items.isEmpty()) {
			errors.add(new Problem.FieldError("items", "the cart is empty"));
		}
		else if (items.size() > settings.maxLines()) {
			errors.add(new Problem.FieldError("items", "at most " + settings.maxLines() + " lines"));
		}
		else {
			for (int i = 0; i < items.size(); i++) {
				var line = items.get(i);
				if (line == null || line.productId() == null) {
					errors.add(new Problem.FieldError("items[" + i + "].productId", "choose a product"));
				}
				else if (line.quantity() == null || line.quantity() < 1 || line.quantity() > settings.maxQuantity()) {
					errors.add(new Problem.FieldError("items[" + i + "].quantity",
							"must be 1 to " + settings.maxQuantity()));
				}
			}
			if (errors.isEmpty() && merged(items).values().stream().anyMatch(q -> q > settings.maxQuantity())) {
				errors.add(new Problem.FieldError("items", "at most " + settings.maxQuantity() + " of one product"));
			}
		}
		var email = blankToNull(request.email());
		var phone = blankToNull(request.phone());
		if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
			errors.add(new Problem.FieldError("email", "is not an e-mail address"));
		}
		if (phone != null && !Sms.E164.matcher(phone).matches()) {
			errors.add(new Problem.FieldError("phone", "a phone number in international form, like +48600100200"));
		}
		if (customer == null && email == null && phone == null) {
			errors.add(new Problem.FieldError("email", "give an e-mail address or a phone number to hear about your order"));
		}
		if (!errors.isEmpty()) {
			throw Problem.invalid(errors);
		}
		if (customer != null && email == null) {
			email = users.find(customer.userId()).map(Users.Account::username).orElse(null);
		}
		return new Contact(email, phone);
	}

	private static Map<Long, Integer> merged(List<Line> items) {
		var merged = new LinkedHashMap<Long, Integer>();
		items.forEach(line -> merged.merge(line.productId(), line.quantity(), Integer::sum));
		return merged;
	}

	/** A line once availability is settled: the product chosen, or its substitute, with any ingredient swaps. */
	private record Settled(long productId, String name, int quantity, int prepSeconds, Long substituteFor,
			List<Order.Swap> swaps) {
	}

	/**
	 * Checks that the stand can make the order with the stock it has. A product that is out is replaced by its
	 * configured substitute (a product, or an ingredient swapped for another) when the customer agreed to
	 * substitutes; otherwise the substitutes are offered (409) before anything is charged.
	 */
	private List<Settled> available(long standId, Map<Long, Integer> chosen, Map<Long, Product> known,
			boolean takeSubstitutes) {
		var offHere = menus.notSoldAt(standId);
		var notHere = chosen.keySet().stream().filter(offHere::contains).toList();
		if (!notHere.isEmpty()) {
			throw refusal("unavailable", "Not sold at this stand: " + names(notHere, known),
					Map.of("products", notHere));
		}
		var levels = new HashMap<Long, Long>();
		stock.quantities(standId).forEach((ingredient, quantity) -> levels.put(ingredient, Math.max(0, quantity)));
		var need = new HashMap<Long, Long>();
		chosen.forEach((id, quantity) -> known.get(id).recipe()
				.forEach(r -> need.merge(r.ingredientId(), r.quantity() * quantity, Long::sum)));
		// read only when something is short
		var substitutes = new java.util.concurrent.atomic.AtomicReference<List<Substitute>>();
		java.util.function.Supplier<List<Substitute>> configured = () -> substitutes
				.updateAndGet(known_ -> known_ != null ? known_ : ingredients.substitutes());
		var settled = new ArrayList<Settled>();
		var offers = new ArrayList<Offer>();
		var out = new ArrayList<Long>();
		chosen.forEach((id, quantity) -> {
			var product = known.get(id);
			var short_ = product.recipe().stream()
					.filter(r -> need.get(r.ingredientId()) > levels.getOrDefault(r.ingredientId(), 0L)).toList();
			if (short_.isEmpty()) {
				settled.add(new Settled(id, product.name(), quantity, product.prepSeconds(), null, List.of()));
				return;
			}
			var replacement = productSubstitute(product, quantity, configured.get(), levels, need);
			if (replacement.isPresent()) {
				var sub = replacement.get();
				offers.add(new Offer(id, product.name(), sub.id(), sub.name(), null, null));
				settled.add(new Settled(sub.id(), sub.name(), quantity, sub.prepSeconds(), id, List.of()));
				return;
			}
			var swaps = new ArrayList<Order.Swap>();
			for (var missing : short_) {
				var swap = configured.get().stream().filter(s -> s.kind() == Substitute.Kind.INGREDIENT
						&& s.originalId() == missing.ingredientId()
						&& levels.getOrDefault(s.substituteId(), 0L) - need.getOrDefault(s.substituteId(), 0L)
								>= missing.quantity() * quantity)
						.findFirst();
				if (swap.isEmpty()) {
					swaps = null;
					break;
				}
				var s = swap.get();
				swaps.add(new Order.Swap(s.originalId(), s.originalName(), s.substituteId(), s.substituteName()));
				need.merge(s.substituteId(), missing.quantity() * quantity, Long::sum);
			}
			if (swaps == null) {
				out.add(id);
				return;
			}
			swaps.forEach(s -> offers.add(new Offer(id, product.name() + " (" + s.fromName() + ")", id,
					product.name() + " (" + s.toName() + ")", s.fromIngredientId(), s.toIngredientId())));
			settled.add(new Settled(id, product.name(), quantity, product.prepSeconds(), null, swaps));
		});
		if (!out.isEmpty()) {
			throw refusal("unavailable", "Sold out at this stand now: " + names(out, known), Map.of("products", out));
		}
		if (!offers.isEmpty() && !takeSubstitutes) {
			throw refusal("substitute-offered", "Some items are out; a substitute is offered for each",
					Map.of("substitutes", offers));
		}
		return settled;
	}

	private Optional<Product> productSubstitute(Product product, int quantity, List<Substitute> substitutes,
			Map<Long, Long> levels, Map<Long, Long> need) {
		var candidates = substitutes.stream()
				.filter(s -> s.kind() == Substitute.Kind.PRODUCT && s.originalId() == product.id())
				.map(Substitute::substituteId).toList();
		return products.findAll(candidates).stream().filter(Product::active)
				.filter(sub -> sub.recipe().stream().allMatch(r -> levels.getOrDefault(r.ingredientId(), 0L)
						- need.getOrDefault(r.ingredientId(), 0L) >= r.quantity() * quantity))
				.findFirst();
	}

	private static String names(List<Long> ids, Map<Long, Product> known) {
		return ids.stream().map(id -> known.get(id).name()).collect(Collectors.joining(", "));
	}

	private static Problem refusal(String code, String detail, Map<String, Object> more) {
		var properties = new HashMap<String, Object>(more);
		properties.put("code", code);
		return Problem.conflict(detail, properties);
	}

	/**
	 * A number none of the stand's orders under way has, chosen from those left, for a stand so busy that random
	 * draws kept hitting taken ones; 503 when none is left or the stand keeps taking them first.
	 */
	private String freeNumber(long standId, int attempt) {
		var taken = book.numbersInUse(standId);
		var free = java.util.stream.IntStream.rangeClosed(1000, 9999).mapToObj(Integer::toString)
				.filter(n -> !taken.contains(n)).toList();
		if (free.isEmpty() || attempt >= RANDOM_NUMBERS + 5) {
			throw Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "Busy", "The stand has too many orders under way");
		}
		return free.get(RANDOM.nextInt(free.size()));
	}

	static String reference(UUID orderId) {
		return "order:" + orderId;
	}

	/** The order a payment reference names, if it names one. */
	static Optional<UUID> orderOf(String reference) {
		if (reference == null || !reference.startsWith("order:")) {
			return Optional.empty();
		}
		try {
			return Optional.of(UUID.fromString(reference.substring("order:".length())));
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	// ---------------------------------------------------------------- reading

	/** The order, if the asker may see it: its customer, a guest with its key, its stand's operator or the office. */
	public Order view(UUID id, Asker asker) {
		var row = book.find(id).filter(r -> allowed(r, asker)).orElseThrow(() -> Problem.notFound("Order", id));
		return view(row, true);
	}

	Order view(UUID id) {
		return view(book.find(id).orElseThrow(), true);
	}

	private boolean allowed(OrderBook.Row row, Asker asker) {
		if (asker.key() != null && !asker.key().isBlank()
				&& MessageDigest.isEqual(hash(asker.key()).getBytes(StandardCharsets.US_ASCII),
						row.keyHash().getBytes(StandardCharsets.US_ASCII))) {
			return true;
		}
		var caller = asker.caller();
		if (caller == null) {
			return false;
		}
		if (caller.role() == Role.CUSTOMER) {
			return row.customerUserId() != null && row.customerUserId() == caller.userId();
		}
		return caller.mayActOnStand(row.standId());
	}

	/**
	 * A browser of the order's customer (or of a guest with its key) hears the order's news by Web Push until the
	 * order finishes, for {@link #PUSH_FOR} at most. The stand and the office may see the order but not subscribe to
	 * it: its news is the customer's.
	 *
	 * @throws Problem 404 for anyone else, 409 for an order that finished, 422 for a subscription that is no browser's
	 */
	public Push.TopicSubscription subscribePush(UUID id, Asker asker, Push.NewSubscription browser) {
		return transaction.execute(status -> {
			// the row lock orders this after a concurrent finish, which forgets the order's browsers
			var row = book.lock(id).filter(r -> customerOf(r, asker)).orElseThrow(() -> Problem.notFound("Order", id));
			if (row.status().finished()) {
				throw Problem.conflict("Order " + row.number() + " is " + row.status() + ": there is no more news about it",
						Map.of("code", "finished", "status", row.status().name()));
			}
			return push.subscribe(reference(id), browser.endpoint(), browser.keys().p256dh(), browser.keys().auth(),
					clock.instant().plus(PUSH_FOR));
		});
	}

	/** The browser with this endpoint hears no more about the order; 404 when it was not following it. */
	public void unsubscribePush(UUID id, Asker asker, String endpoint) {
		book.find(id).filter(r -> customerOf(r, asker)).orElseThrow(() -> Problem.notFound("Order", id));
		if (!push.unsubscribe(reference(id), endpoint)) {
			throw Problem.notFound("Push subscription", "for this browser");
		}
	}

	/** A guest (or anyone) with the order's key, or its own signed-in customer: the people its news is for. */
	private boolean customerOf(OrderBook.Row row, Asker asker) {
		var caller = asker.caller();
		return allowed(row, new Asker(caller != null && caller.role() == Role.CUSTOMER ? caller : null, asker.key()));
	}

	/** Whether the key opens this order (the live channel asks before it lets a guest follow it). */
	public boolean mayFollow(UUID id, String key) {
		return book.find(id).filter(row -> allowed(row, new Asker(null, key))).isPresent();
	}

	private Order view(OrderBook.Row row, boolean withHistory) {
		return order(row, standName(row.standId()), book.items(row.id()),
				withHistory ? book.history(row.id()) : List.of(), true);
	}

	private String standName(long standId) {
		return stands.nameOf(standId).orElse("#" + standId);
	}

	/** An order from its row; lists leave the pickup code out (the order's own page has it). */
	private Order order(OrderBook.Row row, String standName, List<Order.Item> items, List<Order.Change> history,
			boolean withPickupCode) {
		return new Order(row.id(), row.number(), row.standId(), standName, row.status(), row.version(), row.way(),
				items, row.subtotalMinor(), row.discountMinor(), row.totalMinor(), row.currency(), row.codeList(),
				row.placedAt(), row.paidAt(), row.acceptedAt(), row.readyAt(), row.decisionDueAt(),
				withPickupCode ? row.pickupCode() : null, book.proposal(row.proposal()), history);
	}

	/** Several orders with their lines read in one query and each stand's name once. */
	private List<Order> listed(List<OrderBook.Row> rows, boolean withPickupCodes) {
		var items = book.items(rows.stream().map(OrderBook.Row::id).toList());
		var names = new HashMap<Long, String>();
		return rows.stream().map(row -> order(row, names.computeIfAbsent(row.standId(), this::standName),
				items.getOrDefault(row.id(), List.of()), List.of(), withPickupCodes)).toList();
	}

	/** The newest orders for the office, of one stand and in one status when given. */
	public List<Order> recent(Long standId, OrderStatus status, int limit) {
		if (limit < 1 || limit > 500) {
			throw Problem.invalid("limit", "1 to 500");
		}
		return listed(book.recent(standId, status, limit), false);
	}

	/** A customer's orders, newest first. */
	public List<Order> mine(Caller customer) {
		return listed(book.ofCustomer(customer.userId(), 50), false);
	}

	/** The stand's orders under way, oldest first, with what the stand lacks for those it has not accepted yet. */
	public List<StandOrder> ofStand(long standId, Caller caller) {
		if (!stands.exists(standId)) {
			throw Problem.notFound("Stand", standId);
		}
		if (!caller.mayActOnStand(standId)) {
			throw Problem.forbidden("An operator sees the orders of its own stand only");
		}
		return listed(book.open(standId), true).stream().map(order -> new StandOrder(order,
				order.status() == OrderStatus.PAID ? stock.shortages(standId, quantities(order.items()))
						: List.<Stock.Shortage>of()))
				.toList();
	}

	private static Map<Long, Integer> quantities(List<Order.Item> items) {
		var result = new LinkedHashMap<Long, Integer>();
		items.forEach(i -> result.merge(i.productId(), i.quantity(), Integer::sum));
		return result;
	}

	/** The public key pickup codes are signed with, for phones that verify them offline. */
	public String pickupPublicKey() {
		return keys.publicSpki();
	}

	// ---------------------------------------------------------------- moving

	/** What a transition did: the order after it, and whether it had happened before (a retried intent). */
	public record Moved(Order order, boolean already) {
	}

	/**
	 * The stand's operator moves an order: accept, reject (with a reason), preparing, ready, picked up (with the
	 * pickup code: the scanned QR text or the four-digit number). A transition already reached answers the order
	 * unchanged; one the status machine does not allow is a 409 and changes nothing.
	 */
	public Moved move(UUID id, OrderStatus to, String reason, String pickupCode, Caller caller) {
		if (to == null || !(to == OrderStatus.ACCEPTED || to == OrderStatus.REJECTED || to == OrderStatus.PREPARING
				|| to == OrderStatus.READY || to == OrderStatus.PICKED_UP)) {
			throw Problem.invalid("to", "one of ACCEPTED, REJECTED, PREPARING, READY, PICKED_UP");
		}
		if (to == OrderStatus.REJECTED && (reason == null || reason.isBlank())) {
			throw Problem.invalid("reason", "say why the order is rejected; the customer reads it");
		}
		if (reason != null && reason.length() > 200) {
			throw Problem.invalid("reason", "at most 200 characters");
		}
		var actor = Asker.actor(caller);
		return transaction.execute(status -> {
			var row = book.lock(id).filter(r -> caller.mayActOnStand(r.standId()))
					.orElseThrow(() -> Problem.notFound("Order", id));
			if (to == OrderStatus.PICKED_UP) {
				checkPickup(row, pickupCode);
			}
			var reached = book.reached(id);
			var outcome = OrderStatus.decide(reached, row.status(), to);
			if (outcome == OrderStatus.Outcome.ALREADY) {
				return new Moved(view(row, true), true);
			}
			if (to == OrderStatus.PICKED_UP && row.collectable() && row.status() != OrderStatus.READY) {
				row = apply(row, OrderStatus.READY, actor, "handed over", reached);
				outcome = OrderStatus.Outcome.MOVED;
			}
			if (outcome == OrderStatus.Outcome.REFUSED || !row.status().canMoveTo(to)) {
				throw Problem.conflict("Order " + row.number() + " is " + row.status() + " and cannot become " + to,
						Map.of("code", "illegal-transition", "status", row.status().name(), "version", row.version()));
			}
			apply(row, to, actor, reason, reached);
			return new Moved(view(id), false);
		});
	}

	private void checkPickup(OrderBook.Row row, String code) {
		if (code == null || code.isBlank()) {
			throw Problem.invalid("pickupCode", "scan the customer's QR code or type its number");
		}
		var text = code.trim();
		if (text.equals(row.number())) {
			return;
		}
		var decoded = PickupCode.verify(text, keys.pair().getPublic())
				.orElseThrow(() -> Problem.invalid("pickupCode", "this code is not one of ours: it does not verify"));
		if (decoded.standId() != row.standId()) {
			throw Problem.invalid("pickupCode", "this code is for another stand");
		}
		if (!decoded.orderId().equals(row.id())) {
			throw Problem.invalid("pickupCode", "this code is for another order");
		}
		if (decoded.expiresAt().isBefore(clock.instant())) {
			throw Problem.invalid("pickupCode", "this code has expired");
		}
	}

	/** Stores the move and does what follows from it. Runs inside the caller's transaction with the row locked. */
	private OrderBook.Row apply(OrderBook.Row row, OrderStatus to, String actor, String reason,
			java.util.Set<OrderStatus> reached) {
		var now = clock.instant();
		book.move(row, to, actor, reason, now);
		reached.add(to);
		switch (to) {
			case ACCEPTED -> accepted(row, now);
			case READY, PICKED_UP -> {
				reschedule(row.standId(), now);
				if (to == OrderStatus.READY) {
					tell(row, "order " + row.number() + " is ready. Show your QR code at the stand.", "ready");
				}
				else {
					handedOver(row, now);
				}
			}
			case REJECTED, CANCELLED, EXPIRED -> {
				if (row.status() == OrderStatus.ACCEPTED || row.status() == OrderStatus.PREPARING) {
					putBack(row, now);
				}
				if (row.status() != OrderStatus.PLACED) {
					refund(row, reason);
				}
				tell(row, "order " + row.number() + " was " + to.name().toLowerCase(java.util.Locale.ROOT)
						+ (reason == null ? "" : " (" + reason + ")")
						+ (row.status() == OrderStatus.PLACED ? "." : ". Your money is on its way back."), "ended");
			}
			default -> {
			}
		}
		if (to.finished()) {
			push.forget(reference(row.id())); // after tell(), which read the browsers for its last message
		}
		published(row.id());
		return book.find(row.id()).orElseThrow();
	}

	private void accepted(OrderBook.Row row, Instant now) {
		var items = book.items(row.id());
		var code = new PickupCode(row.id(), row.standId(), now.plus(settings.pickupValidity()),
				items.stream().map(i -> new PickupCode.Item(i.productId(), i.quantity())).toList());
		book.accepted(row.id(), code.sign(keys.pair().getPrivate()));
		used(row, items).forEach((ingredient, quantity) -> stock.move(row.standId(), ingredient, -quantity,
				Movement.Kind.SALE, reference(row.id()), now, "online order " + row.number()));
		var ready = reschedule(row.standId(), now).get(row.id());
		tell(row, "order " + row.number() + " accepted"
				+ (ready == null ? "" : ", ready about " + CLOCK.format(ready.atZone(business.zone()))) + ".", "accepted");
	}

	private void putBack(OrderBook.Row row, Instant now) {
		used(row, book.items(row.id())).forEach((ingredient, quantity) -> stock.move(row.standId(), ingredient,
				quantity, Movement.Kind.VOID, "void:" + reference(row.id()), now, "online order " + row.number()));
	}

	/** The ingredients an order uses, with its swaps, in id order (so concurrent moves lock in the same order). */
	private Map<Long, Long> used(OrderBook.Row row, List<Order.Item> items) {
		var recipes = products.findAll(items.stream().map(Order.Item::productId).toList()).stream()
				.collect(Collectors.toMap(Product::id, Product::recipe));
		var use = new TreeMap<Long, Long>();
		for (var item : items) {
			var swapped = item.swaps().stream()
					.collect(Collectors.toMap(Order.Swap::fromIngredientId, Order.Swap::toIngredientId, (a, b) -> a));
			recipes.getOrDefault(item.productId(), List.of()).forEach(line -> use.merge(
					swapped.getOrDefault(line.ingredientId(), line.ingredientId()), line.quantity() * item.quantity(),
					Long::sum));
		}
		return use;
	}

	private void refund(OrderBook.Row row, String reason) {
		if (row.totalMinor() == 0) {
			return;
		}
		var why = reason == null ? "order ended" : reason.length() > 150 ? reason.substring(0, 150) : reason;
		try {
			payments.refund(reference(row.id()), reference(row.id()) + ":refund", row.totalMinor(), why);
		}
		catch (Problem notRefundable) {
			log.warn("Order {} ended but its payment could not be refunded: {}", row.id(), notRefundable.getMessage());
		}
	}

	/** Estimates again when each queued order at the stand is ready; answers the new estimates. */
	private Map<UUID, Instant> reschedule(long standId, Instant now) {
		var estimates = schedule(book.queue(standId), now);
		estimates.forEach(book::readyAt);
		return estimates;
	}

	private static Map<UUID, Instant> schedule(List<OrderBook.Row> queue, Instant now) {
		var result = new LinkedHashMap<UUID, Instant>();
		var ahead = new ArrayList<WaitingTime.Queued>();
		for (var row : queue) {
			var own = Duration.ofSeconds(row.prepSeconds());
			var accepted = row.acceptedAt() == null ? now : row.acceptedAt();
			var ready = WaitingTime.readyAt(ahead, own, accepted);
			result.put(row.id(), ready.isBefore(now) ? now : ready);
			ahead.add(new WaitingTime.Queued(accepted, own));
		}
		return result;
	}

	// ---------------------------------------------------------------- from payments, the customer and the clock

	/** The payment went through: the order is paid and goes to its stand the way the stand can answer now. */
	void paid(UUID id, String actor) {
		transaction.executeWithoutResult(status -> book.lock(id).ifPresent(row -> {
			var reached = book.reached(id);
			var outcome = OrderStatus.decide(reached, row.status(), OrderStatus.PAID);
			if (outcome == OrderStatus.Outcome.ALREADY) {
				return;
			}
			if (outcome == OrderStatus.Outcome.REFUSED) {
				// paid after it was cancelled or expired: the money goes back at once
				refund(row, "the order had ended before the payment arrived");
				return;
			}
			var now = clock.instant();
			book.move(row, OrderStatus.PAID, actor, null, now);
			reached.add(OrderStatus.PAID);
			var paidRow = book.find(id).orElseThrow();
			redeemCodes(paidRow, now);
			route(paidRow, reached, now);
		}));
	}

	private void redeemCodes(OrderBook.Row row, Instant now) {
		var customerKey = row.customerUserId() == null ? null : "user:" + row.customerUserId();
		for (var code : row.codeList()) {
			try {
				savepoints.attempt(() -> codes.redeem(code, customerKey, reference(row.id()), now));
			}
			catch (Problem usedUpMeanwhile) {
				log.info("Order {} was priced with code {} that was used up before it was paid", row.id(), code);
			}
		}
		if (customerKey != null) {
			pricing.recordPurchase(customerKey, reference(row.id()), now, book.items(row.id()).stream()
					.map(i -> new Cart.Line(i.productId(), i.quantity())).toList());
		}
	}

	private void route(OrderBook.Row row, java.util.Set<OrderStatus> reached, Instant now) {
		var stand = stands.find(row.standId()).orElseThrow();
		var ordering = way(stand); // the queue's length does not matter here
		if (!ordering.accepting()) {
			apply(row, OrderStatus.REJECTED, "auto", "closed".equals(ordering.reason()) ? "the stand has closed"
					: "the stand cannot be reached", reached);
			return;
		}
		var due = now.plus(settings.decisionTimeout());
		if (ordering.way() == Order.Way.AUTO
				&& stock.shortages(row.standId(), quantities(book.items(row.id()))).isEmpty()) {
			book.route(row.id(), Order.Way.AUTO, null);
			apply(book.find(row.id()).orElseThrow(), OrderStatus.ACCEPTED, "auto", "stand online and stocked", reached);
			return;
		}
		if (ordering.way() == Order.Way.SMS) {
			book.route(row.id(), Order.Way.SMS, due);
			var items = book.items(row.id()).stream().map(i -> i.quantity() + "x " + i.name())
					.collect(Collectors.joining(", "));
			sms.send(stand.phone(), "Diggety order " + row.number() + ": " + items + ". Reply YES " + row.number()
					+ " or NO " + row.number() + " within " + settings.decisionTimeout().toMinutes() + " min.",
					reference(row.id()) + ":ask");
		}
		else {
			book.route(row.id(), Order.Way.OPERATOR, due);
		}
		book.touch(row.id(), now);
		var routed = book.find(row.id()).orElseThrow();
		events.publishEvent(new OrderChanged(routed.id(), routed.standId(), routed.number(), routed.customerUserId(),
				routed.status(), routed.version(), routed.readyAt(), true));
	}

	/** The money went back in full. */
	void refunded(UUID id) {
		transaction.executeWithoutResult(status -> book.lock(id).ifPresent(row -> {
			var outcome = OrderStatus.decide(book.reached(id), row.status(), OrderStatus.REFUNDED);
			if (outcome == OrderStatus.Outcome.MOVED) {
				book.move(row, OrderStatus.REFUNDED, "payment", null, clock.instant());
				push.forget(reference(id));
				published(id);
			}
		}));
	}

	/** The payment page again for an order not paid yet (the first attempt was declined or abandoned). */
	public String checkout(UUID id, Asker asker) {
		var row = book.find(id).filter(r -> allowed(r, asker)).orElseThrow(() -> Problem.notFound("Order", id));
		if (row.status() != OrderStatus.PLACED) {
			throw Problem.conflict("Order " + row.number() + " is " + row.status() + "; there is nothing to pay",
					Map.of("code", "illegal-transition", "status", row.status().name()));
		}
		var standName = stands.find(row.standId()).map(Stand::name).orElse("");
		return payments.start(new Payments.Request(reference(id), row.standId(), row.totalMinor(), row.currency(),
				"Diggety order " + row.number() + " at " + standName, "/#/orders/" + id)).checkoutUrl();
	}

	/** The customer cancels before the stand accepted; paid money goes back. */
	public Order cancel(UUID id, Asker asker) {
		return transaction.execute(status -> {
			var row = book.lock(id).filter(r -> allowed(r, asker)).orElseThrow(() -> Problem.notFound("Order", id));
			var reached = book.reached(id);
			var outcome = OrderStatus.decide(reached, row.status(), OrderStatus.CANCELLED);
			if (outcome == OrderStatus.Outcome.MOVED
					&& (row.status() == OrderStatus.PLACED || row.status() == OrderStatus.PAID)) {
				apply(row, OrderStatus.CANCELLED, Asker.actor(asker.caller()), "cancelled by the customer", reached);
			}
			else if (outcome != OrderStatus.Outcome.ALREADY) {
				throw Problem.conflict("Order " + row.number() + " is " + row.status()
						+ (row.status().inQueue() ? ": the stand is making it and it can no longer be cancelled" : ""),
						Map.of("code", "illegal-transition", "status", row.status().name()));
			}
			return view(id);
		});
	}

	/** The operator proposes a substitute for one product of a paid order; the customer answers in the app. */
	public Order propose(UUID id, long productId, long substituteId, Caller caller) {
		return transaction.execute(status -> {
			var row = book.lock(id).filter(r -> caller.mayActOnStand(r.standId()))
					.orElseThrow(() -> Problem.notFound("Order", id));
			if (row.status() != OrderStatus.PAID) {
				throw Problem.conflict("A substitute can be proposed only before the order is accepted");
			}
			var item = book.items(id).stream().filter(i -> i.productId() == productId).findFirst()
					.orElseThrow(() -> Problem.invalid("productId", "the order holds no product " + productId));
			var substitute = products.find(substituteId).filter(Product::active)
					.orElseThrow(() -> Problem.invalid("substituteProductId", "no product " + substituteId));
			book.proposal(id, new Order.Proposal(productId, item.name(), substituteId, substitute.name()));
			book.touch(id, clock.instant());
			published(id);
			return view(id);
		});
	}

	/** The customer takes or declines the operator's proposed substitute. */
	public Order answerProposal(UUID id, boolean approve, Asker asker) {
		return transaction.execute(status -> {
			var row = book.lock(id).filter(r -> allowed(r, asker)).orElseThrow(() -> Problem.notFound("Order", id));
			var proposal = book.proposal(row.proposal());
			if (proposal == null) {
				throw Problem.conflict("There is no proposal to answer on this order");
			}
			if (approve) {
				book.replaceItem(id, proposal.productId(), proposal.substituteProductId(), proposal.substituteName());
			}
			book.proposal(id, null);
			book.touch(id, clock.instant());
			published(id);
			return view(id);
		});
	}

	/** Paid orders nobody answered in time expire and are refunded; placed ones never paid expire. */
	public int expireOverdue() {
		var now = clock.instant();
		int expired = 0;
		for (var id : book.overdue(now, now.minus(settings.paymentTimeout()))) {
			Boolean moved = transaction.execute(status -> book.lock(id).map(row -> {
				var reached = book.reached(id);
				if (OrderStatus.decide(reached, row.status(), OrderStatus.EXPIRED) != OrderStatus.Outcome.MOVED) {
					return false;
				}
				apply(row, OrderStatus.EXPIRED, "system", row.status() == OrderStatus.PAID
						? "the stand did not answer in time" : "not paid in time", reached);
				return true;
			}).orElse(false));
			if (Boolean.TRUE.equals(moved)) {
				expired++;
			}
		}
		return expired;
	}

	/**
	 * The order handed over is the stand's sale of that moment, paid through the gateway, so the office's sales of the
	 * day show every channel. Its lines are the order's at their prices, its discount the order's; recorded once (the
	 * sale's id comes from the order's), with no stock or stand payment of its own: the order moved those already.
	 */
	private void handedOver(OrderBook.Row row, Instant now) {
		var items = book.items(row.id());
		var vat = new HashMap<Long, Integer>(); // from the catalog, archived products too
		products.findAll(items.stream().map(Order.Item::productId).toList())
				.forEach(product -> vat.put(product.id(), product.vatRateBasisPoints()));
		var lines = items.stream().map(item -> new Sales.NewLine(item.productId(), item.quantity(),
				item.unitPriceMinor(), 0, item.unitPriceMinor() * item.quantity(), vat.getOrDefault(item.productId(), 0)))
				.toList();
		var discounts = row.discountMinor() == 0 ? List.<Sale.Discount>of()
				: List.of(new Sale.Discount(null, "Online order " + row.number()
						+ (row.codes() == null ? "" : " (" + row.codes() + ")"), row.discountMinor()));
		var saleId = UUID.nameUUIDFromBytes(reference(row.id()).getBytes(StandardCharsets.UTF_8));
		sales.recordOnline(new Sales.NewSale(saleId, null, row.standId(), null, null, now, now, null, null, lines,
				discounts, row.codeList(), row.subtotalMinor(), row.discountMinor(), row.totalMinor(),
				new Sale.Payment(Sale.Method.GATEWAY, null, null, reference(row.id())), null));
	}

	/**
	 * Tells the customer the news ("order 1234 is ready. ...") by text and by e-mail, whichever they gave us, each
	 * once per order and moment; and by Web Push to the browsers following the order and the customer's own, after
	 * the commit and never waited for (a push that does not arrive costs nothing: the text and the e-mail do).
	 */
	private void tell(OrderBook.Row row, String news, String what) {
		var text = "Diggety: " + news;
		if (row.phone() != null) {
			sms.send(row.phone(), text, reference(row.id()) + ":" + what);
		}
		if (row.email() != null && Mail.ADDRESS.matcher(row.email()).matches()) {
			mail.send(row.email(), "Diggety order " + row.number(), text
					+ "\n\nYou can follow the order in the Diggety app on the device you ordered from.",
					reference(row.id()) + ":" + what);
		}
		push.sendAfterCommit(reference(row.id()), row.customerUserId(),
				new Push.Message("Diggety order " + row.number(), Character.toUpperCase(news.charAt(0)) + news.substring(1),
						"order-" + row.id(), "/#/orders/" + row.id()));
	}

	private void published(UUID id) {
		var row = book.find(id).orElseThrow();
		events.publishEvent(new OrderChanged(row.id(), row.standId(), row.number(), row.customerUserId(),
				row.status(), row.version(), row.readyAt(), false));
	}

	// ---------------------------------------------------------------- the SMS way

	/**
	 * What an operator's text reply did, as the answer texted back says it; null for a number that is no stand's
	 * phone (texts from strangers get no answer: each answer costs money and would invite abuse).
	 */
	String answerSms(String from, String body) {
		var standIds = stands.withPhone(from);
		if (standIds.isEmpty()) {
			return null;
		}
		var reply = SmsReply.parse(body);
		if (reply.isEmpty()) {
			return "Diggety: sorry, we did not understand. Reply YES 1234 or NO 1234 with the order's number.";
		}
		var number = reply.get().code();
		var candidates = book.bySmsNumber(standIds, number);
		if (candidates.isEmpty()) {
			return "Diggety: no order " + number + " is waiting for your answer.";
		}
		var id = candidates.get(0).id();
		var accept = reply.get().accept();
		return transaction.execute(status -> {
			var row = book.lock(id).orElseThrow();
			var target = accept ? OrderStatus.ACCEPTED : OrderStatus.REJECTED;
			var reached = book.reached(id);
			var outcome = OrderStatus.decide(reached, row.status(), target);
			if (outcome == OrderStatus.Outcome.ALREADY) {
				return "Diggety: order " + number + " is already " + row.status().name().toLowerCase(java.util.Locale.ROOT) + ".";
			}
			if (row.status() != OrderStatus.PAID) {
				return "Diggety: order " + number + " is no longer waiting (" + row.status().name().toLowerCase(java.util.Locale.ROOT)
						+ "); nothing changed.";
			}
			apply(row, target, "sms", accept ? null : "rejected by text", reached);
			if (!accept) {
				return "Diggety: order " + number + " rejected; the customer gets the money back.";
			}
			var ready = book.find(id).map(OrderBook.Row::readyAt).orElse(null);
			return "Diggety: order " + number + " accepted" + (ready == null ? ""
					: "; the customer expects it about " + CLOCK.format(ready.atZone(business.zone()))) + ".";
		});
	}

	// ---------------------------------------------------------------- small things

	private static String newKey() {
		var bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String hash(String key) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}
}
