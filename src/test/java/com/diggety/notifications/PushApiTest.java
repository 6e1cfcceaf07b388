package com.diggety.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.diggety.ApiTest;
import com.diggety.Http;
import com.diggety.identity.Users;

/**
 * Web Push end to end against a local push service that decrypts like a browser: the payload arrives encrypted for
 * the subscription (RFC 8291, aes128gcm), the request is signed with our VAPID key for the endpoint's origin
 * (RFC 8292), and a subscription the push service forgot is deleted.
 */
class PushApiTest extends ApiTest {

	@Autowired
	Push push;

	@Autowired
	Users users;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient db;

	long id(String username) {
		return users.findByUsername(username).orElseThrow().id();
	}

	static String query(String endpoint) {
		return "/api/v1/push/subscriptions?endpoint=" + URLEncoder.encode(endpoint, StandardCharsets.UTF_8);
	}

	@Test
	void aPushArrivesEncryptedForTheBrowserAndSignedWithOurVapidKey() throws Exception {
		try (var browser = new PushReceiver()) {
			var manager = http.as("manager");
			var publicKey = http.get("/api/v1/push/key").json().get("publicKey").asString();
			assertThat(Base64.getUrlDecoder().decode(publicKey)).hasSize(65).startsWith((byte) 4);
			var created = manager.post("/api/v1/push/subscriptions", browser.subscription("managers-phone"));
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			assertThat(created.json().get("endpoint").asString()).isEqualTo(browser.endpoint("managers-phone"));

			int delivered = push.send(id("manager"), new Push.Message("Stoisko KRK-03 otwarte", "Zażółć gęślą jaźń 🌭",
					"stand-3", "/admin/"));
			assertThat(delivered).isEqualTo(1);
			var request = browser.to("managers-phone").get(0);
			assertThat(request.headers()).containsEntry("content-encoding", "aes128gcm").containsKey("ttl");

			var payload = Http.JSON.readTree(browser.decrypt(request.body()));
			assertThat(payload.get("title").asString()).isEqualTo("Stoisko KRK-03 otwarte");
			assertThat(payload.get("body").asString()).isEqualTo("Zażółć gęślą jaźń 🌭");
			assertThat(payload.get("url").asString()).isEqualTo("/admin/");

			// RFC 8292: vapid t=<JWT for the endpoint's origin>, k=<our public key>, signed with our key
			var claims = browser.verifiedVapid(request, publicKey);
			assertThat(claims.get("sub").asString()).startsWith("mailto:");

			// a second message gets a fresh salt and key: the same text never encrypts the same way twice
			push.send(id("manager"), new Push.Message("Stoisko KRK-03 otwarte", "Zażółć gęślą jaźń 🌭", "stand-3", "/admin/"));
			var second = browser.to("managers-phone").get(1);
			assertThat(second.body()).isNotEqualTo(request.body());
			assertThat(new String(browser.decrypt(second.body()), StandardCharsets.UTF_8)).contains("Zażółć");

			assertThat(manager.delete(query(browser.endpoint("managers-phone"))).status()).isEqualTo(204);
			assertThat(manager.delete(query(browser.endpoint("managers-phone"))).status()).isEqualTo(404);
			assertThat(push.send(id("manager"), new Push.Message("t", "b", "x", "/"))).isZero();
		}
	}

	@Test
	void aSubscriptionThePushServiceForgotIsDeleted() throws Exception {
		try (var browser = new PushReceiver()) {
			var manager = http.as("manager");
			assertThat(manager.post("/api/v1/push/subscriptions", browser.subscription("old-laptop")).status()).isEqualTo(201);
			assertThat(manager.post("/api/v1/push/subscriptions", browser.subscription("new-phone")).status()).isEqualTo(201);
			browser.answers.put("/push/old-laptop", 410);

			assertThat(push.send(id("manager"), new Push.Message("Raport dnia", "Gotowy", "report", "/admin/"))).isEqualTo(1);
			assertThat(browser.to("old-laptop")).hasSize(1);
			assertThat(push.subscriptionsOf(id("manager"))).extracting(Push.Subscription::endpoint)
					.containsExactly(browser.endpoint("new-phone"));

			push.send(id("manager"), new Push.Message("Raport dnia", "Gotowy", "report", "/admin/"));
			assertThat(browser.to("old-laptop")).as("nothing goes to a deleted subscription").hasSize(1);
			assertThat(browser.to("new-phone")).hasSize(2);
			manager.delete(query(browser.endpoint("new-phone")));
		}
	}

	@Test
	void theSameBrowserSubscribingForAnotherAccountMovesToIt() throws Exception {
		try (var browser = new PushReceiver()) {
			assertThat(http.as("owner").post("/api/v1/push/subscriptions", browser.subscription("shared-tablet")).status()).isEqualTo(201);
			assertThat(http.as("manager").post("/api/v1/push/subscriptions", browser.subscription("shared-tablet")).status()).isEqualTo(201);
			assertThat(push.subscriptionsOf(id("owner"))).noneMatch(s -> s.endpoint().equals(browser.endpoint("shared-tablet")));
			assertThat(push.subscriptionsOf(id("manager"))).anyMatch(s -> s.endpoint().equals(browser.endpoint("shared-tablet")));
			assertThat(http.as("owner").delete(query(browser.endpoint("shared-tablet"))).status())
					.as("not the owner's any more").isEqualTo(404);
			http.as("manager").delete(query(browser.endpoint("shared-tablet")));
		}
	}

	@Test
	void aSubscriptionStoredBeforePushServicesWereCheckedIsNeverPostedTo() throws Exception {
		try (var browser = new PushReceiver()) {
			var driver = http.as("driver2");
			assertThat(driver.post("/api/v1/push/subscriptions", browser.subscription("old-phone")).status())
					.isEqualTo(201);
			// as an older server let it be stored: the same receiver under a name that is no push service
			db.sql("UPDATE push_subscriptions SET endpoint = ? WHERE endpoint = ?")
					.params(browser.endpoint("old-phone").replace("127.0.0.1", "localhost"), browser.endpoint("old-phone"))
					.update();

			assertThat(push.send(id("driver2"), new Push.Message("t", "b", "x", "/"))).isZero();
			assertThat(browser.to("old-phone")).isEmpty();
			assertThat(push.subscriptionsOf(id("driver2"))).isEmpty();
		}
	}

	@Test
	void onlyThePushServicesAndTheirSubdomainsAreAllowed() {
		var settings = new PushSettings("mailto:x@example.com", null, Duration.ofHours(1), Duration.ofSeconds(1), 1,
				false, 1, 1, java.util.List.of("fcm.googleapis.com", "push.apple.com"));
		assertThat(settings.pushService("fcm.googleapis.com")).isTrue();
		assertThat(settings.pushService("FCM.googleapis.com")).isTrue();
		assertThat(settings.pushService("web.push.apple.com")).isTrue();
		assertThat(settings.pushService("evilfcm.googleapis.com")).isFalse();
		assertThat(settings.pushService("fcm.googleapis.com.evil.example")).isFalse();
		assertThat(settings.pushService("googleapis.com")).isFalse();
	}

	@Test
	void badSubscriptionsAreRefusedClearly() throws Exception {
		try (var browser = new PushReceiver()) {
			var customer = http.as("anna@example.com");
			var good = browser.subscription("annas-phone");
			@SuppressWarnings("unchecked")
			var keys = (Map<String, Object>) good.get("keys");

			var shortKey = customer.post("/api/v1/push/subscriptions", Map.of("endpoint", good.get("endpoint"),
					"keys", Map.of("p256dh", "BAAA", "auth", keys.get("auth"))));
			assertThat(shortKey.status()).isEqualTo(422);
			assertThat(shortKey.body()).contains("keys.p256dh");
			var shortAuth = customer.post("/api/v1/push/subscriptions", Map.of("endpoint", good.get("endpoint"),
					"keys", Map.of("p256dh", keys.get("p256dh"), "auth", "AAAA")));
			assertThat(shortAuth.status()).isEqualTo(422);
			assertThat(shortAuth.body()).contains("keys.auth");
			var notAPushService = customer.post("/api/v1/push/subscriptions", Map.of("endpoint", "ftp://push.example/x", "keys", keys));
			assertThat(notAPushService.status()).isEqualTo(422);
			assertThat(notAPushService.body()).contains("endpoint");
			// a server of the subscriber's choosing (here our own, by another name) is no push service: never posted to
			var elsewhere = customer.post("/api/v1/push/subscriptions",
					Map.of("endpoint", good.get("endpoint").toString().replace("127.0.0.1", "localhost"), "keys", keys));
			assertThat(elsewhere.status()).isEqualTo(422);
			assertThat(elsewhere.body()).contains("is not a push service");
			assertThat(customer.post("/api/v1/push/subscriptions", Map.of("endpoint", good.get("endpoint"))).status()).isEqualTo(400);
			assertThat(push.subscriptionsOf(id("anna@example.com"))).isEmpty();

			assertThat(customer.post("/api/v1/push/subscriptions", good).status()).isEqualTo(201);
			assertThat(push.subscriptionsOf(id("anna@example.com"))).hasSize(1);
			customer.delete(query(browser.endpoint("annas-phone")));
			await().atMost(Duration.ofSeconds(5)).until(() -> push.subscriptionsOf(id("anna@example.com")).isEmpty());
		}
	}
}
