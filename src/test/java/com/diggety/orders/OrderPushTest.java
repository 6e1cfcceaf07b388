package com.diggety.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.diggety.ApiTest;
import com.diggety.Http;
import com.diggety.notifications.Push;
import com.diggety.notifications.PushReceiver;
import com.diggety.stands.Stands;

/**
 * A customer who closed the order's page still hears about it on the phone: a guest proves the order with its key
 * and subscribes the browser for that order only; each moment the customer is told of (accepted, ready, ended)
 * arrives once, encrypted for the browser and signed with our VAPID key; the subscription goes when the order
 * finishes; and a push service that hangs or forgot the browser never holds up or fails the stand's answer.
 */
class OrderPushTest extends ApiTest {

	@Autowired
	Stands stands;

	@Autowired
	Push push;

	@Autowired
	JdbcClient db;

	void online(OrderStage stage) {
		stands.heartbeat(stage.standId, UUID.randomUUID(), "wifi");
	}

	/** A guest's order at the stage's stand, online and answered in the operator's app; not paid yet. */
	OrderStage.Placed placeAsGuest(OrderStage stage, String email) {
		online(stage);
		return stage.place(OrderStage.order(stage.standId, OrderStage.product(http, "HOTDOG_CLASSIC"), 1, email));
	}

	void pay(OrderStage stage, OrderStage.Placed placed) {
		stage.pay(placed);
		online(stage);
		stage.awaitStatus(placed, "PAID");
	}

	static Map<String, String> key(String key) {
		return Map.of(OrderEndpoints.KEY_HEADER, key);
	}

	Http.Response subscribe(OrderStage.Placed placed, Object body, Map<String, String> headers) {
		return http.send("POST", "/api/v1/orders/" + placed.id() + "/push", body, headers);
	}

	Http.Response unsubscribe(OrderStage.Placed placed, String endpoint, Map<String, String> headers) {
		return http.send("DELETE", "/api/v1/orders/" + placed.id() + "/push?endpoint="
				+ URLEncoder.encode(endpoint, StandardCharsets.UTF_8), null, headers);
	}

	Http.Response move(Http operator, OrderStage.Placed placed, String to, String pickupCode) {
		var body = new HashMap<String, Object>();
		body.put("to", to);
		if (pickupCode != null) {
			body.put("pickupCode", pickupCode);
		}
		return operator.post("/api/v1/orders/" + placed.id() + "/transitions", body);
	}

	java.util.List<Push.TopicSubscription> following(OrderStage.Placed placed) {
		return push.subscriptionsOf(Orders.reference(placed.id()));
	}

	@Test
	void aGuestHearsOnThePhoneOnceWhenTheOrderIsAcceptedAndOnceWhenReadyAndNotAfterPickup() throws Exception {
		try (var phone = new PushReceiver()) {
			var stage = OrderStage.open(http, false, "+48600430001", 5000);
			var placed = placeAsGuest(stage, "push-guest@example.com");
			var subscribed = subscribe(placed, phone.subscription("guest-phone"), key(placed.key()));
			assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
			assertThat(subscribed.json().get("endpoint").asString()).isEqualTo(phone.endpoint("guest-phone"));
			assertThat(Instant.parse(subscribed.json().get("expiresAt").asString()))
					.isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(24)));
			pay(stage, placed);
			assertThat(phone.to("guest-phone")).as("paying is no news the customer is told").isEmpty();

			var operator = stage.operatorHttp();
			assertThat(move(operator, placed, "ACCEPTED", null).status()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(20)).until(() -> phone.to("guest-phone").size() == 1);
			var publicKey = http.get("/api/v1/push/key").json().get("publicKey").asString();
			var acceptedPush = phone.to("guest-phone").get(0);
			assertThat(acceptedPush.headers()).containsEntry("content-encoding", "aes128gcm");
			phone.verifiedVapid(acceptedPush, publicKey);
			var accepted = phone.message(acceptedPush);
			assertThat(accepted.get("title").asString()).isEqualTo("Diggety order " + placed.number());
			assertThat(accepted.get("body").asString()).startsWith("Order " + placed.number() + " accepted");
			assertThat(accepted.get("url").asString()).isEqualTo("/#/orders/" + placed.id());
			assertThat(accepted.get("tag").asString()).isEqualTo("order-" + placed.id());

			assertThat(move(operator, placed, "READY", null).status()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(20)).until(() -> phone.to("guest-phone").size() == 2);
			var readyPush = phone.to("guest-phone").get(1);
			phone.verifiedVapid(readyPush, publicKey);
			var ready = phone.message(readyPush);
			assertThat(ready.get("body").asString())
					.isEqualTo("Order " + placed.number() + " is ready. Show your QR code at the stand.");
			assertThat(ready.get("tag").asString()).as("replaces the 'accepted' notification").isEqualTo("order-" + placed.id());

			var pickedUp = move(operator, placed, "PICKED_UP", placed.number());
			assertThat(pickedUp.status()).as(pickedUp.body()).isEqualTo(200);
			assertThat(following(placed)).as("the order finished: nobody follows it any more").isEmpty();
			assertThat(unsubscribe(placed, phone.endpoint("guest-phone"), key(placed.key())).status()).isEqualTo(404);
			var again = subscribe(placed, phone.subscription("guest-phone"), key(placed.key()));
			assertThat(again.status()).as(again.body()).isEqualTo(409);
			await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
					.until(() -> phone.to("guest-phone").size() == 2);
		}
	}

	@Test
	void withoutTheOrdersKeyNobodySubscribesAndBadSubscriptionsAreRefusedClearly() throws Exception {
		try (var phone = new PushReceiver()) {
			var stage = OrderStage.open(http, false, "+48600430002", 5000);
			var placed = placeAsGuest(stage, "push-stranger@example.com");
			var good = phone.subscription("strangers-phone");

			assertThat(subscribe(placed, good, Map.of()).status()).as("no key").isEqualTo(404);
			assertThat(subscribe(placed, good, key("not-the-key")).status()).as("a wrong key").isEqualTo(404);
			assertThat(http.as("anna@example.com").send("POST", "/api/v1/orders/" + placed.id() + "/push", good,
					Map.of()).status()).as("another customer").isEqualTo(404);
			assertThat(stage.operatorHttp().send("POST", "/api/v1/orders/" + placed.id() + "/push", good, Map.of())
					.status()).as("the stand sees the order, but its news is the customer's").isEqualTo(404);
			assertThat(subscribe(new OrderStage.Placed(UUID.randomUUID(), placed.key(), null, null, 0), good,
					key(placed.key())).status()).as("the key of another order").isEqualTo(404);

			@SuppressWarnings("unchecked")
			var keys = (Map<String, Object>) good.get("keys");
			var noKeys = subscribe(placed, Map.of("endpoint", good.get("endpoint")), key(placed.key()));
			assertThat(noKeys.status()).isEqualTo(400);
			assertThat(noKeys.contentType()).contains("application/problem+json");
			var notJson = http.send("POST", "/api/v1/orders/" + placed.id() + "/push", "{\"endpoint\":",
					Map.of(OrderEndpoints.KEY_HEADER, placed.key(), "Content-Type", "application/json"));
			assertThat(notJson.status()).isEqualTo(400);
			var shortKey = subscribe(placed, Map.of("endpoint", good.get("endpoint"), "keys",
					Map.of("p256dh", "BAAA", "auth", keys.get("auth"))), key(placed.key()));
			assertThat(shortKey.status()).isEqualTo(422);
			assertThat(shortKey.contentType()).contains("application/problem+json");
			assertThat(shortKey.body()).contains("keys.p256dh");
			var notAPushService = subscribe(placed, Map.of("endpoint", "ftp://push.example/x", "keys", keys),
					key(placed.key()));
			assertThat(notAPushService.status()).isEqualTo(422);
			assertThat(notAPushService.body()).contains("endpoint");
			assertThat(following(placed)).as("nothing refused was stored").isEmpty();

			assertThat(subscribe(placed, good, key(placed.key())).status()).isEqualTo(201);
			assertThat(following(placed)).extracting(Push.TopicSubscription::endpoint)
					.containsExactly(phone.endpoint("strangers-phone"));
			assertThat(unsubscribe(placed, phone.endpoint("strangers-phone"), key("not-the-key")).status()).isEqualTo(404);
			assertThat(following(placed)).hasSize(1);
			assertThat(unsubscribe(placed, phone.endpoint("strangers-phone"), key(placed.key())).status()).isEqualTo(204);
			assertThat(following(placed)).isEmpty();
			assertThat(unsubscribe(placed, phone.endpoint("strangers-phone"), key(placed.key())).status()).isEqualTo(404);
		}
	}

	@Test
	void aPushServiceThatHangsDoesNotHoldUpTheOperatorsAccept() throws Exception {
		try (var phone = new PushReceiver()) {
			var stage = OrderStage.open(http, false, "+48600430003", 5000);
			var placed = placeAsGuest(stage, "push-slow@example.com");
			assertThat(subscribe(placed, phone.subscription("slow-phone"), key(placed.key())).status()).isEqualTo(201);
			pay(stage, placed);
			phone.stall("slow-phone");

			var operator = stage.operatorHttp();
			long start = System.nanoTime();
			var accepted = move(operator, placed, "ACCEPTED", null);
			var took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
			// a push sent on the request thread would wait for the push service's timeout (10 s) and its retries
			assertThat(took).isLessThan(Duration.ofSeconds(8));
			await().atMost(Duration.ofSeconds(20)).until(() -> phone.held() == 1);
			assertThat(stage.follow(placed).get("status").asString()).isEqualTo("ACCEPTED");
			phone.release();
			await().atMost(Duration.ofSeconds(20)).until(() -> phone.held() == 0);
			assertThat(phone.to("slow-phone")).hasSize(1);
			assertThat(phone.message(phone.to("slow-phone").get(0)).get("body").asString()).contains(placed.number());
		}
	}

	@Test
	void aBrowserThePushServiceForgotIsDeletedAndTheOtherStillHears() throws Exception {
		try (var phones = new PushReceiver()) {
			var stage = OrderStage.open(http, false, "+48600430004", 5000);
			var placed = placeAsGuest(stage, "push-two@example.com");
			assertThat(subscribe(placed, phones.subscription("old-phone"), key(placed.key())).status()).isEqualTo(201);
			assertThat(subscribe(placed, phones.subscription("new-phone"), key(placed.key())).status()).isEqualTo(201);
			phones.answers.put("/push/old-phone", 410);
			pay(stage, placed);

			var operator = stage.operatorHttp();
			assertThat(move(operator, placed, "ACCEPTED", null).status()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(20)).until(() -> phones.to("old-phone").size() == 1
					&& phones.to("new-phone").size() == 1 && following(placed).size() == 1);
			assertThat(following(placed)).extracting(Push.TopicSubscription::endpoint)
					.containsExactly(phones.endpoint("new-phone"));

			assertThat(move(operator, placed, "READY", null).status()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(20)).until(() -> phones.to("new-phone").size() == 2);
			assertThat(phones.to("old-phone")).as("nothing goes to a deleted subscription").hasSize(1);
		}
	}

	@Test
	void aCancelledOrderSaysSoOnceAndForgetsThePhone() throws Exception {
		try (var phone = new PushReceiver()) {
			var stage = OrderStage.open(http, false, "+48600430005", 5000);
			var placed = placeAsGuest(stage, "push-cancel@example.com");
			assertThat(subscribe(placed, phone.subscription("cancelling-phone"), key(placed.key())).status())
					.isEqualTo(201);
			pay(stage, placed);
			var cancelled = http.send("POST", "/api/v1/orders/" + placed.id() + "/cancel", null, key(placed.key()));
			assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
			assertThat(following(placed)).isEmpty();
			await().atMost(Duration.ofSeconds(20)).until(() -> phone.to("cancelling-phone").size() == 1);
			assertThat(phone.message(phone.to("cancelling-phone").get(0)).get("body").asString())
					.isEqualTo("Order " + placed.number()
							+ " was cancelled (cancelled by the customer). Your money is on its way back.");
			stage.awaitStatus(placed, "REFUNDED");
			await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
					.until(() -> phone.to("cancelling-phone").size() == 1);
		}
	}

	@Test
	void aSignedInCustomerHearsOnTheirOwnBrowsersOnceEachAndASubscriptionLastsADayAtMost() throws Exception {
		try (var browsers = new PushReceiver()) {
			var email = "push-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
			var signup = http.post("/api/v1/auth/signup", Map.of("email", email, "password", "a-long-password", "displayName", "Push"));
			assertThat(signup.status()).as(signup.body()).isEqualTo(201);
			var customer = http.withToken(signup.json().get("accessToken").asString());
			// the laptop follows everything of the account's; the phone and the laptop follow this order
			assertThat(customer.post("/api/v1/push/subscriptions", browsers.subscription("laptop")).status()).isEqualTo(201);

			var stage = OrderStage.open(http, false, "+48600430006", 5000);
			online(stage);
			var answer = customer.post("/api/v1/orders", OrderStage.order(stage.standId, OrderStage.product(http, "HOTDOG_CLASSIC"), 1, null));
			assertThat(answer.status()).as(answer.body()).isEqualTo(201);
			var order = answer.json().get("order");
			var placed = new OrderStage.Placed(UUID.fromString(order.get("id").asString()),
					answer.json().get("accessKey").asString(), answer.json().get("checkoutUrl").asString(),
					order.get("number").asString(), order.get("totalMinor").asLong());
			assertThat(customer.post("/api/v1/orders/" + placed.id() + "/push", browsers.subscription("phone")).status())
					.as("the order's own customer, with a token instead of the key").isEqualTo(201);
			assertThat(customer.post("/api/v1/orders/" + placed.id() + "/push", browsers.subscription("laptop")).status())
					.isEqualTo(201);
			pay(stage, placed);

			assertThat(move(stage.operatorHttp(), placed, "ACCEPTED", null).status()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(20))
					.until(() -> browsers.to("phone").size() == 1 && browsers.to("laptop").size() == 1);
			await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
					.until(() -> browsers.to("laptop").size() == 1);

			// a day later the order's subscriptions are over, even though the order is not
			var expiresAt = db.sql("SELECT MAX(expires_at) FROM push_topic_subscriptions WHERE topic = ?")
					.param(Orders.reference(placed.id())).query(OffsetDateTime.class).single().toInstant();
			assertThat(expiresAt).isBefore(Instant.now().plus(Duration.ofHours(24)));
			db.sql("UPDATE push_topic_subscriptions SET expires_at = ? WHERE topic = ?")
					.params(OffsetDateTime.now().minusSeconds(1), Orders.reference(placed.id())).update();
			assertThat(following(placed)).isEmpty();
			assertThat(move(stage.operatorHttp(), placed, "READY", null).status()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(20)).until(() -> browsers.to("laptop").size() == 2);
			await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
					.until(() -> browsers.to("phone").size() == 1);

			customer.delete("/api/v1/push/subscriptions?endpoint="
					+ URLEncoder.encode(browsers.endpoint("laptop"), StandardCharsets.UTF_8));
		}
	}
}
