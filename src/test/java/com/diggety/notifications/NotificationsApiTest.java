package com.diggety.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.diggety.ApiTest;
import com.diggety.Http;

import tools.jackson.databind.JsonNode;

/**
 * The drivers hear about a stand running low: a Web Push to their subscribed phones, and, while no driver has the
 * app open, a text, at most one per stand and ingredient in half an hour. Staff keep their own numbers.
 */
class NotificationsApiTest extends ApiTest {

	@Autowired
	JdbcClient db;

	long id(String path, String code) {
		return http.as("owner").get(path).json().valueStream().filter(n -> n.get("code").asString().equals(code))
				.findFirst().orElseThrow().get("id").asLong();
	}

	List<JsonNode> texts(String phone, String mentioning) {
		var outbox = http.as("manager").get("/api/v1/sms/outbox?limit=1000&to=" + URLEncoder.encode(phone, StandardCharsets.UTF_8));
		return outbox.json().valueStream().filter(t -> t.get("body").asString().contains(mentioning)).toList();
	}

	List<JsonNode> pushes(PushReceiver browser, String name, String mentioning) throws Exception {
		var found = new java.util.ArrayList<JsonNode>();
		for (var push : browser.to(name)) {
			var payload = Http.JSON.readTree(browser.decrypt(push.body()));
			if (payload.toString().contains(mentioning)) {
				found.add(payload);
			}
		}
		return found;
	}

	@Test
	void aStandRunningLowPushesToTheDriversAndTextsThemOnceInHalfAnHour() throws Exception {
		var owner = http.as("owner");
		var driver = http.as("driver1");
		long stand = id("/api/v1/stands", "KRK-31");
		long vegan = id("/api/v1/ingredients", "SAUSAGE_VEGAN");
		var name = "Parówka wegańska";
		try (var browser = new PushReceiver()) {
			assertThat(driver.post("/api/v1/push/subscriptions", browser.subscription("driver1-phone")).status()).isEqualTo(201);
			owner.put("/api/v1/stands/" + stand + "/stock/thresholds/" + vegan, Map.of("threshold", 10));
			owner.post("/api/v1/stands/" + stand + "/stock/movements", Map.of("kind", "COUNT", "ingredientId", vegan, "quantity", 30));
			var low = owner.post("/api/v1/stands/" + stand + "/stock/movements",
					Map.of("kind", "COUNT", "ingredientId", vegan, "quantity", 3));
			assertThat(low.status()).as(low.body()).isEqualTo(200);

			await().atMost(Duration.ofSeconds(30)).until(() -> pushes(browser, "driver1-phone", "(KRK-31)").size() == 1);
			var push = pushes(browser, "driver1-phone", "(KRK-31)").get(0);
			assertThat(push.get("title").asString()).isEqualTo("Low stock: " + name);
			assertThat(push.get("body").asString()).contains("3 left (threshold 10)");
			assertThat(push.get("url").asString()).isEqualTo("/staff/");

			// nobody has the driver app open (no live channel says so): each driver's phone gets one text
			await().atMost(Duration.ofSeconds(30)).until(() -> texts("+48600200001", "(KRK-31)").size() == 1
					&& texts("+48600200002", "(KRK-31)").size() == 1);
			assertThat(texts("+48600200001", "(KRK-31)").get(0).get("body").asString())
					.contains(name).contains("3 left (threshold 10)");

			// back above the threshold and down again within half an hour: a second push, but no second text
			owner.post("/api/v1/stands/" + stand + "/stock/movements", Map.of("kind", "DELIVERY", "ingredientId", vegan, "quantity", 40));
			owner.post("/api/v1/stands/" + stand + "/stock/movements", Map.of("kind", "COUNT", "ingredientId", vegan, "quantity", 2));
			await().atMost(Duration.ofSeconds(30)).until(() -> pushes(browser, "driver1-phone", "(KRK-31)").size() == 2);
			assertThat(db.sql("SELECT COUNT(*) FROM event_publication WHERE listener_id LIKE '%LowStockAlerts%'")
					.query(Integer.class).single()).as("the alert listener's publications are kept").isPositive();
			await().atMost(Duration.ofSeconds(30)).until(() -> db.sql("""
					SELECT COUNT(*) FROM event_publication
					WHERE listener_id LIKE '%LowStockAlerts%' AND completion_date IS NULL""").query(Integer.class).single() == 0);
			assertThat(db.sql("SELECT COUNT(*) FROM sms_outbox WHERE reference LIKE ?")
					.param("low-stock:" + stand + ":" + vegan + ":%").query(Integer.class).single()).isEqualTo(2);
			assertThat(texts("+48600200001", "(KRK-31)")).hasSize(1);
			assertThat(texts("+48600200002", "(KRK-31)")).hasSize(1);

			driver.delete("/api/v1/push/subscriptions?endpoint="
					+ URLEncoder.encode(browser.endpoint("driver1-phone"), StandardCharsets.UTF_8));
		}
	}

	@Test
	void staffKeepTheirOwnNumberForTexts() {
		var operator = http.as("op02");
		assertThat(operator.get("/api/v1/notifications/contacts/me").status()).isEqualTo(404);
		var set = operator.put("/api/v1/notifications/contacts/me", Map.of("phone", "+48 600 123 456"));
		assertThat(set.status()).as(set.body()).isEqualTo(200);
		assertThat(set.json().get("phone").asString()).isEqualTo("+48600123456");
		assertThat(operator.get("/api/v1/notifications/contacts/me").json().get("phone").asString()).isEqualTo("+48600123456");

		var invalid = operator.put("/api/v1/notifications/contacts/me", Map.of("phone", "600123456"));
		assertThat(invalid.status()).isEqualTo(422);
		assertThat(invalid.body()).contains("phone");
		assertThat(operator.get("/api/v1/notifications/contacts/me").json().get("phone").asString()).isEqualTo("+48600123456");
		assertThat(http.as("driver2").get("/api/v1/notifications/contacts/me").json().get("phone").asString())
				.as("the demo drivers have numbers").isEqualTo("+48600200002");
	}
}
