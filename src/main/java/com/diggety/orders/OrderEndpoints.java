package com.diggety.orders;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.diggety.identity.Caller;
import com.diggety.notifications.Push;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Online orders over HTTP: the customer's side (guests prove themselves with the order's key) and the stand's. */
@RestController
@Tag(name = "Orders")
class OrderEndpoints {

	static final String KEY_HEADER = "X-Order-Key";

	/** Checked by {@link Orders#place} (every field, with the limits the documentation states), not bean validation. */
	record PlaceForm(Long standId, @Size(max = 20) List<Orders.Line> items, @Size(max = 5) List<String> codes,
			String email, String phone, Long expectedTotalMinor, Boolean substitutes) {
	}

	record PlacedView(Order order, String accessKey, String checkoutUrl) {
	}

	record Transition(@NotNull OrderStatus to, String reason, @Size(max = 400) String pickupCode) {
	}

	record MovedView(Order order, boolean already) {
	}

	record ProposalForm(@NotNull Long productId, @NotNull Long substituteProductId) {
	}

	record Answer(@NotNull Boolean approve) {
	}

	record CheckoutView(String checkoutUrl) {
	}

	record PickupKey(String algorithm, String spki) {
	}

	/** A browser following an order by Web Push, and until when at most. */
	record PushView(String endpoint, Instant expiresAt) {
	}

	private final Orders orders;

	OrderEndpoints(Orders orders) {
		this.orders = orders;
	}

	@Operation(summary = "Whether a stand takes online orders now, which way they are answered and the queue's wait (public)")
	@GetMapping("/api/v1/stands/{id}/ordering")
	Orders.Ordering ordering(@PathVariable long id) {
		return orders.ordering(id);
	}

	@Operation(summary = "Place an order and open its payment; guests give an e-mail or phone and get the order's key (public)")
	@PostMapping("/api/v1/orders")
	ResponseEntity<PlacedView> place(@RequestBody PlaceForm form, HttpServletRequest http) {
		var placed = orders.place(new Orders.NewOrder(form.standId(), form.items(), form.codes(), form.email(),
				form.phone(), form.expectedTotalMinor(), Boolean.TRUE.equals(form.substitutes())),
				Caller.current().orElse(null), http.getRemoteAddr());
		return ResponseEntity.created(URI.create("/api/v1/orders/" + placed.order().id()))
				.body(new PlacedView(placed.order(), placed.accessKey(), placed.checkoutUrl()));
	}

	@Operation(summary = "An order with its history: its customer, a guest with the X-Order-Key header, its stand, the office")
	@GetMapping("/api/v1/orders/{id}")
	Order one(@PathVariable UUID id, @RequestHeader(name = KEY_HEADER, required = false) String key) {
		return orders.view(id, asker(key));
	}

	@Operation(summary = "The payment page again, after a declined payment (customer or guest key)")
	@PostMapping("/api/v1/orders/{id}/checkout")
	CheckoutView checkout(@PathVariable UUID id, @RequestHeader(name = KEY_HEADER, required = false) String key) {
		return new CheckoutView(orders.checkout(id, asker(key)));
	}

	@Operation(summary = "Cancel before the stand accepts; paid money goes back (customer or guest key)")
	@PostMapping("/api/v1/orders/{id}/cancel")
	Order cancel(@PathVariable UUID id, @RequestHeader(name = KEY_HEADER, required = false) String key) {
		return orders.cancel(id, asker(key));
	}

	@Operation(summary = "Take or decline the substitute the stand proposed (customer or guest key)")
	@PostMapping("/api/v1/orders/{id}/substitution")
	Order substitution(@PathVariable UUID id, @Valid @RequestBody Answer answer,
			@RequestHeader(name = KEY_HEADER, required = false) String key) {
		return orders.answerProposal(id, answer.approve(), asker(key));
	}

	@Operation(summary = "Tell this browser the order's news by Web Push (accepted, ready, ended) until it finishes, a day "
			+ "at most; the body is PushSubscription.toJSON() (a guest with the X-Order-Key header, or the order's customer)")
	@PostMapping("/api/v1/orders/{id}/push")
	@ResponseStatus(HttpStatus.CREATED)
	PushView subscribePush(@PathVariable UUID id, @Valid @RequestBody Push.NewSubscription browser,
			@RequestHeader(name = KEY_HEADER, required = false) String key) {
		var subscription = orders.subscribePush(id, asker(key), browser);
		return new PushView(subscription.endpoint(), subscription.expiresAt());
	}

	@Operation(summary = "Stop the order's Web Push to the browser with this endpoint (a guest with the X-Order-Key "
			+ "header, or the order's customer)")
	@DeleteMapping("/api/v1/orders/{id}/push")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void unsubscribePush(@PathVariable UUID id, @RequestParam String endpoint,
			@RequestHeader(name = KEY_HEADER, required = false) String key) {
		orders.unsubscribePush(id, asker(key), endpoint);
	}

	@Operation(summary = "The newest orders, by stand and status (office)")
	@GetMapping("/api/v1/orders")
	List<Order> recent(@RequestParam(required = false) Long standId,
			@RequestParam(required = false) OrderStatus status,
			@RequestParam(defaultValue = "100") int limit) {
		return orders.recent(standId, status, limit);
	}

	@Operation(summary = "The signed-in customer's orders, newest first")
	@GetMapping("/api/v1/orders/mine")
	List<Order> mine() {
		return orders.mine(Caller.current().orElseThrow());
	}

	@Operation(summary = "A stand's orders under way with what it lacks to make them (its operator, the office)")
	@GetMapping("/api/v1/stands/{id}/orders")
	List<Orders.StandOrder> ofStand(@PathVariable long id) {
		return orders.ofStand(id, Caller.current().orElseThrow());
	}

	@Operation(summary = "Move an order: ACCEPTED, REJECTED (with reason), PREPARING, READY, PICKED_UP (with the pickup code)")
	@PostMapping("/api/v1/orders/{id}/transitions")
	MovedView move(@PathVariable UUID id, @Valid @RequestBody Transition transition) {
		var moved = orders.move(id, transition.to(), transition.reason(), transition.pickupCode(),
				Caller.current().orElseThrow());
		return new MovedView(moved.order(), moved.already());
	}

	@Operation(summary = "Propose a substitute for one product of a paid order (the stand's operator)")
	@PostMapping("/api/v1/orders/{id}/proposal")
	Order propose(@PathVariable UUID id, @Valid @RequestBody ProposalForm form) {
		return orders.propose(id, form.productId(), form.substituteProductId(), Caller.current().orElseThrow());
	}

	@Operation(summary = "The public key pickup codes are signed with (ES256, X.509 SubjectPublicKeyInfo, base64) (public)")
	@GetMapping("/api/v1/orders/pickup-key")
	PickupKey pickupKey() {
		return new PickupKey("ES256", orders.pickupPublicKey());
	}

	private static Orders.Asker asker(String key) {
		return new Orders.Asker(Caller.current().orElse(null), key);
	}
}
