package com.diggety.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.diggety.ApiTest;
import com.diggety.Http;
import com.diggety.stands.Stands;
import com.diggety.sync.Phone;

import tools.jackson.databind.JsonNode;

/**
 * Online orders over HTTP on PostgreSQL with the sandbox gateway: placement and its refusals (nothing charged), the
 * three ways a stand answers (automatically, in the operator's app, by SMS), pickup codes, timeouts with refunds,
 * substitutes, the live channel, and intents from an operator's phone applied once.
 */
class OrdersApiTest extends ApiTest {

	@Autowired
	Stands stands;

	@Autowired
	Orders orders;

	@Autowired
	JdbcClient db;

	long product(String code) {
		return OrderStage.product(http, code);
	}

	/** The e-mails to {@code to} about the order with this number, from the sandbox's outbox. */
	List<JsonNode> mails(String to, String number) {
		return http.as("owner").get("/api/v1/mail/outbox?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8)).json()
				.valueStream().filter(m -> m.get("subject").asString().equals("Diggety order " + number)).toList();
	}

	void online(OrderStage stage) {
		stands.heartbeat(stage.standId, UUID.randomUUID(), "wifi");
	}

	long count(String sql, Object... params) {
		return db.sql(sql).params(params).query(Long.class).single();
	}

	List<String> statuses(JsonNode order) {
		var result = new ArrayList<String>();
		order.get("history").forEach(c -> result.add(c.get("status").asString()));
		return result;
	}

	@Test
	void theOperatorAcceptsMarksReadyAndHandsOverWithThePickupCode() {
		var stage = OrderStage.open(http, false, "+48600410001", 5000);
		online(stage);
		var classic = product("HOTDOG_CLASSIC");
		var quote = http.post("/api/v1/pricing/quote", Map.of("standId", stage.standId, "lines",
				List.of(Map.of("productId", classic, "quantity", 2)))).json();
		var body = OrderStage.order(stage.standId, classic, 2, "jan@example.com");
		body.put("expectedTotalMinor", quote.get("quote").get("totalMinor").asLong());
		var placed = stage.place(body);
		assertThat(placed.checkoutUrl()).startsWith("/sandbox/checkout/");
		assertThat(placed.totalMinor()).isEqualTo(2580);

		// nobody else sees it: not without the key, not with a wrong one, not another stand's operator
		assertThat(http.get("/api/v1/orders/" + placed.id()).status()).isEqualTo(404);
		assertThat(http.send("GET", "/api/v1/orders/" + placed.id(), null, Map.of("X-Order-Key", "wrong")).status())
				.isEqualTo(404);
		assertThat(http.as("op01").get("/api/v1/orders/" + placed.id()).status()).isEqualTo(404);
		assertThat(stage.follow(placed).get("status").asString()).isEqualTo("PLACED");

		stage.pay(placed);
		online(stage);
		var paid = stage.awaitStatus(placed, "PAID");
		assertThat(paid.get("way").asString()).isEqualTo("OPERATOR");
		assertThat(paid.get("decisionDueAt").isNull()).isFalse();
		assertThat(paid.get("pickupCode").isNull()).as("no pickup code before acceptance").isTrue();

		var operator = stage.operatorHttp();
		var list = operator.get("/api/v1/stands/" + stage.standId + "/orders").json();
		assertThat(list.size()).isEqualTo(1);
		assertThat(list.get(0).get("order").get("number").asString()).isEqualTo(placed.number());
		assertThat(list.get(0).get("shortages").size()).as("the stand can make it").isZero();
		assertThat(http.as("op01").get("/api/v1/stands/" + stage.standId + "/orders").status()).isEqualTo(403);

		long bunsBefore = level(stage, "BUN");
		var accepted = move(operator, placed, "ACCEPTED", null, null);
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
		var order = accepted.json().get("order");
		assertThat(order.get("status").asString()).isEqualTo("ACCEPTED");
		assertThat(Instant.parse(order.get("readyAt").asString())).isAfter(Instant.now().plusSeconds(150));
		assertThat(level(stage, "BUN")).as("the order's buns left the stock").isEqualTo(bunsBefore - 2);
		// a retried intent is acknowledged and changes nothing
		var again = move(operator, placed, "ACCEPTED", null, null);
		assertThat(again.json().get("already").asBoolean()).isTrue();
		assertThat(level(stage, "BUN")).isEqualTo(bunsBefore - 2);

		var code = stage.follow(placed).get("pickupCode").asString();
		var decoded = PickupCode.verify(code, publicKey()).orElseThrow();
		assertThat(decoded.orderId()).isEqualTo(placed.id());
		assertThat(decoded.standId()).isEqualTo(stage.standId);
		assertThat(decoded.items()).containsExactly(new PickupCode.Item(classic, 2));

		assertThat(move(operator, placed, "READY", null, null).json().get("order").get("status").asString())
				.isEqualTo("READY");
		// a forged code, another order's code and no code are refused; nothing moves
		var forged = new PickupCode(placed.id(), stage.standId, Instant.now().plusSeconds(600), decoded.items())
				.sign(PickupCode.generateKeys().getPrivate());
		assertThat(move(operator, placed, "PICKED_UP", null, forged).status()).isEqualTo(422);
		var otherOrder = new PickupCode(UUID.randomUUID(), stage.standId, Instant.now().plusSeconds(600), decoded.items());
		assertThat(move(operator, placed, "PICKED_UP", null, "1234x").status()).isEqualTo(422);
		assertThat(move(operator, placed, "PICKED_UP", null, null).status()).isEqualTo(422);
		assertThat(otherOrder.orderId()).isNotEqualTo(placed.id());
		assertThat(stage.follow(placed).get("status").asString()).isEqualTo("READY");

		var collected = move(operator, placed, "PICKED_UP", null, code);
		assertThat(collected.status()).as(collected.body()).isEqualTo(200);
		assertThat(collected.json().get("order").get("status").asString()).isEqualTo("PICKED_UP");
		assertThat(move(operator, placed, "PICKED_UP", null, code).json().get("already").asBoolean())
				.as("a code is used once: scanning it again only says it was collected").isTrue();

		// the hand-over is the stand's sale, paid online: once, with no stock or stand payment of its own
		var sales = http.as("owner").get("/api/v1/sales?standId=" + stage.standId).json();
		assertThat(sales.size()).as(sales.toString()).isEqualTo(1);
		var sale = sales.get(0);
		assertThat(sale.get("payment").get("method").asString()).isEqualTo("GATEWAY");
		assertThat(sale.get("payment").get("reference").asString()).isEqualTo("order:" + placed.id());
		assertThat(sale.get("totalMinor").asLong()).isEqualTo(2580);
		assertThat(sale.get("priceMismatch").asBoolean()).isFalse();
		assertThat(sale.get("lines").get(0).get("productId").asLong()).isEqualTo(classic);
		assertThat(sale.get("lines").get(0).get("quantity").asInt()).isEqualTo(2);
		assertThat(level(stage, "BUN")).as("the buns left once, at acceptance").isEqualTo(bunsBefore - 2);
		assertThat(count("SELECT COUNT(*) FROM payments WHERE stand_id = ? AND reference LIKE 'sale:%'", stage.standId))
				.as("the money came online, not at the stand").isZero();

		// an illegal move is a conflict and changes nothing
		var late = move(operator, placed, "REJECTED", "too late", null);
		assertThat(late.status()).isEqualTo(409);
		assertThat(late.contentType()).startsWith("application/problem+json");
		var end = stage.follow(placed);
		assertThat(end.get("status").asString()).isEqualTo("PICKED_UP");
		assertThat(statuses(end)).containsExactly("PLACED", "PAID", "ACCEPTED", "READY", "PICKED_UP");
		var actors = new ArrayList<String>();
		end.get("history").forEach(c -> actors.add(c.get("actor").asString()));
		assertThat(actors.get(0)).isEqualTo("customer");
		assertThat(actors.get(1)).isEqualTo("payment");
		assertThat(actors.get(2)).startsWith("operator:");
		assertThat(operator.get("/api/v1/stands/" + stage.standId + "/orders").json().size()).isZero();
	}

	@Test
	void anOnlineStockedStandWithAutoConfirmAcceptsByItself() {
		var stage = OrderStage.open(http, true, "+48600410002", 5000);
		online(stage);
		var ordering = http.get("/api/v1/stands/" + stage.standId + "/ordering").json();
		assertThat(ordering.get("accepting").asBoolean()).isTrue();
		assertThat(ordering.get("way").asString()).isEqualTo("AUTO");
		var placed = stage.place(OrderStage.order(stage.standId, product("HOTDOG_CHILI"), 1, "ewa@example.com"));
		stage.pay(placed);
		online(stage);
		var accepted = stage.awaitStatus(placed, "ACCEPTED");
		assertThat(accepted.get("way").asString()).isEqualTo("AUTO");
		assertThat(accepted.get("history").get(2).get("actor").asString()).isEqualTo("auto");
		assertThat(accepted.get("pickupCode").asString()).isNotBlank();
		var payment = count("SELECT COUNT(*) FROM payments WHERE reference = ? AND status = 'SUCCEEDED'",
				"order:" + placed.id());
		assertThat(payment).isEqualTo(1);
	}

	@Test
	void anOfflineStandAnswersBySmsAndUnknownOrLateRepliesAreToldSo() {
		var standPhone = "+48600410003";
		var stage = OrderStage.open(http, false, standPhone, 5000);
		var ordering = http.get("/api/v1/stands/" + stage.standId + "/ordering").json();
		assertThat(ordering.get("way").asString()).isEqualTo("SMS");
		var body = OrderStage.order(stage.standId, product("HOTDOG_CLASSIC"), 1, null);
		body.put("phone", "+48600419001");
		var placed = stage.place(body);
		stage.pay(placed);
		var paid = stage.awaitStatus(placed, "PAID");
		assertThat(paid.get("way").asString()).isEqualTo("SMS");
		await().atMost(Duration.ofSeconds(20)).until(() -> OrderStage.texts(http, standPhone).stream()
				.anyMatch(t -> t.contains("order " + placed.number()) && t.contains("YES " + placed.number())));

		var yes = OrderStage.textIn(http, baseUrl(), standPhone, "yes " + placed.number() + "!");
		assertThat(yes.status()).as(yes.body()).isEqualTo(200);
		var accepted = stage.awaitStatus(placed, "ACCEPTED");
		assertThat(accepted.get("history").get(2).get("actor").asString()).isEqualTo("sms");
		await().atMost(Duration.ofSeconds(20)).until(() -> OrderStage.texts(http, standPhone).stream()
				.anyMatch(t -> t.contains("order " + placed.number() + " accepted")));
		await().atMost(Duration.ofSeconds(20)).until(() -> OrderStage.texts(http, "+48600419001").stream()
				.anyMatch(t -> t.contains("order " + placed.number() + " accepted")));

		OrderStage.textIn(http, baseUrl(), standPhone, "0000 ok");
		await().atMost(Duration.ofSeconds(20)).until(() -> OrderStage.texts(http, standPhone).stream()
				.anyMatch(t -> t.contains("no order 0000 is waiting")));
		OrderStage.textIn(http, baseUrl(), standPhone, "maybe later");
		await().atMost(Duration.ofSeconds(20)).until(() -> OrderStage.texts(http, standPhone).stream()
				.anyMatch(t -> t.contains("did not understand")));
		// a stranger's text is no stand's answer and gets none (answers cost money)
		assertThat(OrderStage.textIn(http, baseUrl(), "+48600419998", "YES 1234").status()).isEqualTo(200);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
				.until(() -> OrderStage.texts(http, "+48600419998").isEmpty());

		// nobody answers the next one in time: it expires, the money goes back, and a late YES changes nothing
		var second = stage.place(body);
		stage.pay(second);
		stage.awaitStatus(second, "PAID");
		db.sql("UPDATE orders SET decision_due_at = ? WHERE id = ?")
				.params(java.sql.Timestamp.from(Instant.now().minusSeconds(1)), second.id()).update();
		assertThat(orders.expireOverdue()).isGreaterThanOrEqualTo(1);
		var refunded = stage.awaitStatus(second, "REFUNDED");
		assertThat(statuses(refunded)).containsExactly("PLACED", "PAID", "EXPIRED", "REFUNDED");
		await().atMost(Duration.ofSeconds(20)).until(() -> count(
				"SELECT COUNT(*) FROM payments WHERE reference = ? AND status = 'REFUNDED'", "order:" + second.id()) == 1);
		OrderStage.textIn(http, baseUrl(), standPhone, "TAK " + second.number());
		await().atMost(Duration.ofSeconds(20)).until(() -> OrderStage.texts(http, standPhone).stream()
				.anyMatch(t -> t.contains("order " + second.number() + " is no longer waiting")));
		assertThat(stage.follow(second).get("status").asString()).isEqualTo("REFUNDED");
	}

	@Test
	void aStandNobodyCanReachTakesNoOrderAndNothingIsCharged() {
		var stage = OrderStage.open(http, false, null, 5000);
		var ordering = http.get("/api/v1/stands/" + stage.standId + "/ordering").json();
		assertThat(ordering.get("accepting").asBoolean()).isFalse();
		assertThat(ordering.get("reason").asString()).isEqualTo("unreachable");
		long before = count("SELECT COUNT(*) FROM payments");
		var refused = http.post("/api/v1/orders", OrderStage.order(stage.standId, product("HOTDOG_CLASSIC"), 1, "a@example.com"));
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("code").asString()).isEqualTo("unreachable");
		assertThat(count("SELECT COUNT(*) FROM payments")).isEqualTo(before);
		assertThat(count("SELECT COUNT(*) FROM orders WHERE stand_id = ?", stage.standId)).isZero();
	}

	@Test
	void twoOrdersUnderWayAtAStandNeverShareANumberAndAFinishedOneFreesIt() {
		var stage = OrderStage.open(http, false, "+48600410009", 5000);
		// every number but 5555 is taken by an order under way at this stand
		db.sql("""
				INSERT INTO orders (id, stand_id, number, access_key_hash, status, version, currency, subtotal_minor,
				 discount_minor, total_minor, prep_seconds, placed_at, updated_at, active_number)
				SELECT gen_random_uuid(), ?, n::text, repeat('0', 64), 'PAID', 2, 'PLN', 100, 0, 100, 60, now(), now(), n::text
				FROM generate_series(1000, 9999) n WHERE n <> 5555""").param(stage.standId).update();
		try {
			var first = stage.place(OrderStage.order(stage.standId, product("FRIES"), 1, "n1@example.com"));
			assertThat(first.number()).isEqualTo("5555");

			var none = http.post("/api/v1/orders", OrderStage.order(stage.standId, product("FRIES"), 1, "n2@example.com"));
			assertThat(none.status()).as(none.body()).isEqualTo(503);
			assertThat(none.body()).contains("too many orders under way");
			assertThat(count("SELECT COUNT(*) FROM orders WHERE stand_id = ? AND number = '5555'", stage.standId))
					.isEqualTo(1);

			assertThat(http.send("POST", "/api/v1/orders/" + first.id() + "/cancel", null,
					Map.of("X-Order-Key", first.key())).status()).isEqualTo(200);
			var next = stage.place(OrderStage.order(stage.standId, product("FRIES"), 1, "n3@example.com"));
			assertThat(next.number()).isEqualTo("5555");
		}
		finally {
			db.sql("DELETE FROM orders WHERE stand_id = ? AND access_key_hash = repeat('0', 64)").param(stage.standId)
					.update();
		}
	}

	@Test
	void badOrdersGetProblemsAndChargeNothing() {
		var stage = OrderStage.open(http, false, "+48600410005", 5000);
		online(stage);
		var classic = product("HOTDOG_CLASSIC");
		long payments = count("SELECT COUNT(*) FROM payments");
		long ordersBefore = count("SELECT COUNT(*) FROM orders");

		var empty = OrderStage.order(stage.standId, classic, 1, "a@example.com");
		empty.put("items", List.of());
		assertProblem(http.post("/api/v1/orders", empty), 422, "items");
		assertProblem(http.post("/api/v1/orders", OrderStage.order(999999, classic, 1, "a@example.com")), 404, "Stand");
		assertProblem(http.post("/api/v1/orders", OrderStage.order(stage.standId, 999999, 1, "a@example.com")), 404, "Product");
		assertProblem(http.post("/api/v1/orders", OrderStage.order(stage.standId, classic, 21, "a@example.com")), 422, "quantity");
		assertProblem(http.post("/api/v1/orders", OrderStage.order(stage.standId, classic, 1, null)), 422, "email");
		assertProblem(http.post("/api/v1/orders", OrderStage.order(stage.standId, classic, 1, "not-an-address")), 422, "email");
		var stale = OrderStage.order(stage.standId, classic, 1, "a@example.com");
		stale.put("expectedTotalMinor", 5000);
		var staleAnswer = http.post("/api/v1/orders", stale);
		assertProblem(staleAnswer, 409, "price changed");
		assertThat(staleAnswer.json().get("code").asString()).isEqualTo("stale-quote");
		assertThat(staleAnswer.json().get("totalMinor").asLong()).isEqualTo(1290);
		assertProblem(http.send("POST", "/api/v1/orders", "{not json", Map.of("Content-Type", "application/json")), 400, "");

		var form = new HashMap<>(com.diggety.Fixtures.standForm("CL" + UUID.randomUUID().toString().substring(0, 4).toUpperCase(), 50, 19));
		form.put("hours", Map.of("weekly", List.of(), "specialDays", List.of()));
		var closedCreated = http.as("owner").post("/api/v1/stands", form);
		assertThat(closedCreated.status()).as(closedCreated.body()).isEqualTo(201);
		var closedStand = closedCreated.json().get("id").asLong();
		var closedAnswer = http.post("/api/v1/orders", OrderStage.order(closedStand, classic, 1, "a@example.com"));
		assertProblem(closedAnswer, 409, "closed");
		assertThat(closedAnswer.json().get("code").asString()).isEqualTo("closed");

		assertThat(count("SELECT COUNT(*) FROM payments")).isEqualTo(payments);
		assertThat(count("SELECT COUNT(*) FROM orders")).isEqualTo(ordersBefore);
	}

	@Test
	void aSoldOutItemIsOfferedItsSubstituteBeforePaying() {
		var stage = OrderStage.open(http, false, "+48600410007", 0);
		var owner = http.as("owner");
		for (JsonNode ingredient : owner.get("/api/v1/ingredients").json()) {
			var code = ingredient.get("code").asString();
			if (!code.equals("LEMONADE_BASE") && !code.equals("BUN_GF")) {
				OrderStage.deliver(owner, stage.standId, ingredient.get("id").asLong(), 1000);
			}
		}
		online(stage);
		var lemonade = product("LEMONADE");
		var offered = http.post("/api/v1/orders", OrderStage.order(stage.standId, lemonade, 2, "a@example.com"));
		assertThat(offered.status()).as(offered.body()).isEqualTo(409);
		assertThat(offered.json().get("code").asString()).isEqualTo("substitute-offered");
		var substitute = offered.json().get("substitutes").get(0);
		assertThat(substitute.get("productId").asLong()).isEqualTo(lemonade);
		assertThat(substitute.get("substituteProductId").asLong()).isEqualTo(product("WATER"));

		var gf = http.post("/api/v1/orders", OrderStage.order(stage.standId, product("HOTDOG_GF"), 1, "a@example.com"));
		assertThat(gf.json().get("code").asString()).isEqualTo("substitute-offered");
		assertThat(gf.json().get("substitutes").get(0).get("substituteName").asString()).contains("(");

		var taken = OrderStage.order(stage.standId, lemonade, 2, "a@example.com");
		taken.put("substitutes", true);
		var placed = stage.place(taken);
		var item = stage.follow(placed).get("items").get(0);
		assertThat(item.get("productId").asLong()).isEqualTo(product("WATER"));
		assertThat(item.get("substituteFor").asLong()).isEqualTo(lemonade);
		assertThat(placed.totalMinor()).isEqualTo(2 * 490);

		// nothing in stock and no substitute: refused before paying
		var coffeeStage = OrderStage.open(http, false, "+48600410008", 0);
		stands.heartbeat(coffeeStage.standId, UUID.randomUUID(), "wifi");
		var out = http.post("/api/v1/orders", OrderStage.order(coffeeStage.standId, product("COFFEE"), 1, "a@example.com"));
		assertThat(out.status()).isEqualTo(409);
		assertThat(out.json().get("code").asString()).isEqualTo("unavailable");
	}

	@Test
	void aSignedInCustomerSeesHistoryAndFollowsLiveAndMayCancelBeforeAcceptance() throws Exception {
		var email = "live-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		var signup = http.post("/api/v1/auth/signup", Map.of("email", email, "password", "a-long-password", "displayName", "Live"));
		assertThat(signup.status()).as(signup.body()).isEqualTo(201);
		assertThat(http.post("/api/v1/auth/signup", Map.of("email", email, "password", "a-long-password")).status())
				.isEqualTo(409);
		assertThat(http.post("/api/v1/auth/signup", Map.of("email", "x@example.com", "password", "short")).status())
				.isIn(400, 422);
		var customer = http.withToken(signup.json().get("accessToken").asString());

		var stage = OrderStage.open(http, false, "+48600410009", 5000);
		online(stage);
		var placedAnswer = customer.post("/api/v1/orders", OrderStage.order(stage.standId, product("COLA"), 1, null));
		assertThat(placedAnswer.status()).as(placedAnswer.body()).isEqualTo(201);
		var id = placedAnswer.json().get("order").get("id").asString();
		var key = placedAnswer.json().get("accessKey").asString();
		var placed = new OrderStage.Placed(UUID.fromString(id), key, placedAnswer.json().get("checkoutUrl").asString(),
				placedAnswer.json().get("order").get("number").asString(), 690);
		assertThat(customer.get("/api/v1/orders/" + id).status()).isEqualTo(200);
		assertThat(http.as("anna@example.com").get("/api/v1/orders/" + id).status()).isEqualTo(404);
		var mine = customer.get("/api/v1/orders/mine").json();
		assertThat(mine.size()).isEqualTo(1);
		assertThat(mine.get(0).get("id").asString()).isEqualTo(id);

		// a guest's socket follows the order with its key; a wrong key is refused at the handshake
		var heard = new CopyOnWriteArrayList<String>();
		var socket = HttpClient.newHttpClient().newWebSocketBuilder()
				.buildAsync(URI.create("ws://localhost:" + port + "/ws?order=" + id + "&key="
						+ URLEncoder.encode(key, StandardCharsets.UTF_8)), listener(heard))
				.join();
		var wrong = HttpClient.newHttpClient().newWebSocketBuilder()
				.buildAsync(URI.create("ws://localhost:" + port + "/ws?order=" + id + "&key=nope"), listener(heard));
		assertThat(wrong).failsWithin(Duration.ofSeconds(10));

		stage.pay(placed);
		online(stage);
		await().atMost(Duration.ofSeconds(30)).until(() -> heard.stream().anyMatch(m -> m.contains("\"PAID\"")));
		var cancelled = customer.post("/api/v1/orders/" + id + "/cancel", null);
		assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
		assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
		await().atMost(Duration.ofSeconds(30)).until(() -> heard.stream().anyMatch(m -> m.contains("\"REFUNDED\"")));
		assertThat(statuses(stage.follow(placed))).containsExactly("PLACED", "PAID", "CANCELLED", "REFUNDED");
		// the operator can no longer accept it
		assertThat(move(stage.operatorHttp(), placed, "ACCEPTED", null, null).status()).isEqualTo(409);
		socket.abort();
	}

	@Test
	void anIntentFromTheOperatorsPhoneIsAppliedOnceAndALostRaceIsToldNotLost() {
		var stage = OrderStage.open(http, false, "+48600410010", 5000);
		var phone = new Phone(http, http.withToken(http.login(stage.operator, OrderStage.OPERATOR_PASSWORD)), stage.operator);
		online(stage);
		var placed = stage.place(OrderStage.order(stage.standId, product("FRIES"), 1, "b@example.com"));
		stage.pay(placed);
		stage.awaitStatus(placed, "PAID");

		var accept = phone.event("ORDER_MOVED", Map.of("orderId", placed.id().toString(), "to", "ACCEPTED"));
		var pushed = phone.push(List.of(accept));
		assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
		assertThat(phone.push(List.of(accept)).status()).as("a replayed batch").isEqualTo(200);
		var order = stage.follow(placed);
		assertThat(statuses(order)).containsExactly("PLACED", "PAID", "ACCEPTED");

		// the customer cancels a second order while the phone, offline, rejected it: the first commit wins
		var second = stage.place(OrderStage.order(stage.standId, product("FRIES"), 1, "b@example.com"));
		stage.pay(second);
		stage.awaitStatus(second, "PAID");
		assertThat(http.send("POST", "/api/v1/orders/" + second.id() + "/cancel", null,
				Map.of("X-Order-Key", second.key())).status()).isEqualTo(200);
		var lost = phone.push(List.of(phone.event("ORDER_MOVED",
				Map.of("orderId", second.id().toString(), "to", "ACCEPTED"))));
		assertThat(lost.status()).isEqualTo(200);
		assertThat(lost.body()).contains("POISON").contains("cannot become ACCEPTED");
		assertThat(stage.follow(second).get("status").asString()).isIn("CANCELLED", "REFUNDED");

		// the guest gave an e-mail address: each moment they should hear about reaches it once, by e-mail
		await().atMost(Duration.ofSeconds(30)).until(() -> mails("b@example.com", second.number()).stream()
				.anyMatch(m -> m.get("body").asString().contains("was cancelled") && m.get("status").asString().equals("SENT")));
		var toFirst = mails("b@example.com", placed.number());
		assertThat(toFirst).hasSize(1);
		assertThat(toFirst.get(0).get("body").asString()).contains("order " + placed.number() + " accepted");
		assertThat(toFirst.get(0).get("reference").asString()).isEqualTo("order:" + placed.id() + ":accepted");
	}

	/**
	 * A phone's push records a long run of sales (holding its stand's stock lock) and then accepts a paid order,
	 * while the office accepts the same order, which takes its stock. Both lock the stand's stock before the order,
	 * so they queue instead of deadlocking: the order is accepted once, its stock taken once, nobody gets an error.
	 */
	@Test
	void aPushAndTheOfficeAcceptingOneOrderAtOnceQueueAndTakeItsStockOnce() throws Exception {
		var stage = OrderStage.open(http, false, "+48600410012", 50_000);
		var operator = stage.operatorHttp();
		var phone = new Phone(http, http.withToken(http.login(stage.operator, OrderStage.OPERATOR_PASSWORD)), stage.operator);
		online(stage);
		long fries = product("FRIES");
		long tea = product("TEA");
		long cups = http.as("owner").get("/api/v1/ingredients").json().valueStream()
				.filter(i -> i.get("code").asString().equals("CUP")).findFirst().orElseThrow().get("id").asLong();
		var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 3; round++) {
				var placed = stage.place(OrderStage.order(stage.standId, fries, 1, "race@example.com"));
				stage.pay(placed);
				stage.awaitStatus(placed, "PAID");
				var batch = new ArrayList<Map<String, Object>>();
				// a delivery locks the stand's stock at once; the sales after it keep the batch busy under that lock
				batch.add(phone.event("STOCK_DELIVERED", Map.of("ingredientId", cups, "quantity", 500)));
				for (int i = 0; i < 400; i++) {
					batch.add(phone.event("SALE_RECORDED", Phone.cashSale(UUID.randomUUID(), null, tea, 1, 590)));
				}
				batch.add(phone.event("ORDER_MOVED", Map.of("orderId", placed.id().toString(), "to", "ACCEPTED")));
				var start = new java.util.concurrent.CountDownLatch(1);
				var pushed = pool.submit(() -> {
					start.await();
					return phone.push(batch);
				});
				var accepted = pool.submit(() -> {
					start.await();
					Thread.sleep(60); // the push holds its stand's stock lock by now
					return move(operator, placed, "ACCEPTED", null, null);
				});
				start.countDown();
				var push = pushed.get(60, java.util.concurrent.TimeUnit.SECONDS);
				var office = accepted.get(60, java.util.concurrent.TimeUnit.SECONDS);
				assertThat(push.status()).as(push.body()).isEqualTo(200);
				assertThat(office.status()).as(office.body()).isEqualTo(200);
				assertThat(push.json().get("results").valueStream().map(r -> r.get("status").asString()))
						.hasSize(402).containsOnly("APPLIED");
				assertThat(statuses(stage.follow(placed))).containsExactly("PLACED", "PAID", "ACCEPTED");
				assertThat(count("SELECT COUNT(*) FROM stock_movements WHERE cause = ?", "order:" + placed.id()))
						.isEqualTo(count("SELECT COUNT(DISTINCT ingredient_id) FROM stock_movements WHERE cause = ?",
								"order:" + placed.id()))
						.isPositive();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void duplicatedPaymentWebhooksLeaveOnePaymentAndOneConfirmation() {
		var stage = OrderStage.open(http, true, "+48600410011", 5000);
		online(stage);
		var body = OrderStage.order(stage.standId, product("TEA"), 1, null);
		body.put("phone", "+48600419011");
		var placed = stage.place(body);
		stage.pay(placed);
		// the customer presses Pay again on an old tab, and the sandbox's webhooks come again
		stage.pay(placed);
		online(stage);
		stage.awaitStatus(placed, "ACCEPTED");
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> count(
				"SELECT COUNT(*) FROM sms_outbox WHERE reference = ?", "order:" + placed.id() + ":accepted") == 1);
		assertThat(count("SELECT COUNT(*) FROM payments WHERE reference = ?", "order:" + placed.id())).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM order_status_changes WHERE order_id = ? AND status = 'PAID'", placed.id()))
				.isEqualTo(1);
	}

	@Test
	void theOperatorProposesASubstituteAndTheCustomerTakesIt() {
		var stage = OrderStage.open(http, false, "+48600410012", 5000);
		online(stage);
		var placed = stage.place(OrderStage.order(stage.standId, product("LEMONADE"), 1, "c@example.com"));
		stage.pay(placed);
		stage.awaitStatus(placed, "PAID");
		var operator = stage.operatorHttp();
		var proposed = operator.post("/api/v1/orders/" + placed.id() + "/proposal",
				Map.of("productId", product("LEMONADE"), "substituteProductId", product("WATER")));
		assertThat(proposed.status()).as(proposed.body()).isEqualTo(200);
		assertThat(stage.follow(placed).get("proposal").get("substituteProductId").asLong()).isEqualTo(product("WATER"));
		assertThat(http.post("/api/v1/orders/" + placed.id() + "/substitution", Map.of("approve", true)).status())
				.as("only the customer answers").isEqualTo(404);
		var answered = http.send("POST", "/api/v1/orders/" + placed.id() + "/substitution", Map.of("approve", true),
				Map.of("X-Order-Key", placed.key()));
		assertThat(answered.status()).as(answered.body()).isEqualTo(200);
		var order = stage.follow(placed);
		assertThat(order.get("proposal").isNull()).isTrue();
		assertThat(order.get("items").get(0).get("productId").asLong()).isEqualTo(product("WATER"));
		assertThat(order.get("items").get(0).get("substituteFor").asLong()).isEqualTo(product("LEMONADE"));
		assertThat(move(operator, placed, "ACCEPTED", null, null).status()).isEqualTo(200);
		assertThat(operator.post("/api/v1/orders/" + placed.id() + "/proposal",
				Map.of("productId", product("WATER"), "substituteProductId", product("COLA"))).status())
				.as("not once it is accepted").isEqualTo(409);
	}

	@Test
	void theOfficeListsTheNewestOrdersByStandAndStatus() {
		var stage = OrderStage.open(http, false, "+48600410013", 5000);
		online(stage);
		var paid = stage.place(OrderStage.order(stage.standId, product("COLA"), 2, "d@example.com"));
		stage.pay(paid);
		stage.awaitStatus(paid, "PAID");
		var waiting = stage.place(OrderStage.order(stage.standId, product("TEA"), 1, "d@example.com"));
		var owner = http.as("owner");
		var all = owner.get("/api/v1/orders?standId=" + stage.standId).json();
		assertThat(all.size()).isEqualTo(2);
		assertThat(all.get(0).get("id").asString()).as("newest first").isEqualTo(waiting.id().toString());
		assertThat(all.get(1).get("items").get(0).get("quantity").asInt()).isEqualTo(2);
		assertThat(all.get(1).get("pickupCode").isNull()).as("the office list carries no pickup code").isTrue();
		var onlyPaid = owner.get("/api/v1/orders?standId=" + stage.standId + "&status=PAID").json();
		assertThat(onlyPaid.size()).isEqualTo(1);
		assertThat(onlyPaid.get(0).get("id").asString()).isEqualTo(paid.id().toString());
		assertThat(owner.get("/api/v1/orders?limit=501").status()).isEqualTo(422);
		assertThat(owner.get("/api/v1/orders?status=SOMETIMES").status()).isEqualTo(400);
		assertThat(stage.operatorHttp().get("/api/v1/orders").status()).isEqualTo(403);
	}

	static WebSocket.Listener listener(List<String> heard) {
		return new WebSocket.Listener() {
			@Override
			public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
				heard.add(data.toString());
				webSocket.request(1);
				return null;
			}
		};
	}

	void assertProblem(Http.Response response, int status, String mentions) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body()).contains(mentions).doesNotContain("Exception");
	}

	long ingredientId(String code) {
		for (JsonNode ingredient : http.as("owner").get("/api/v1/ingredients").json()) {
			if (code.equals(ingredient.get("code").asString())) {
				return ingredient.get("id").asLong();
			}
		}
		throw new IllegalArgumentException(code);
	}

	long level(OrderStage stage, String ingredientCode) {
		for (JsonNode level : http.as("owner").get("/api/v1/stands/" + stage.standId + "/stock").json().get("levels")) {
			if (ingredientCode.equals(level.get("ingredientCode").asString())) {
				return level.get("quantity").asLong();
			}
		}
		throw new IllegalArgumentException(ingredientCode);
	}

	Http.Response move(Http operator, OrderStage.Placed placed, String to, String reason, String code) {
		var body = new HashMap<String, Object>();
		body.put("to", to);
		if (reason != null) {
			body.put("reason", reason);
		}
		if (code != null) {
			body.put("pickupCode", code);
		}
		return operator.post("/api/v1/orders/" + placed.id() + "/transitions", body);
	}

	java.security.PublicKey publicKey() {
		var spki = http.get("/api/v1/orders/pickup-key").json().get("spki").asString();
		try {
			return java.security.KeyFactory.getInstance("EC")
					.generatePublic(new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(spki)));
		}
		catch (java.security.GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}
}
