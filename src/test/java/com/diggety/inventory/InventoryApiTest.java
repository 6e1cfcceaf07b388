package com.diggety.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.diggety.ApiTest;
import com.diggety.Http;
import com.diggety.sync.Phone;

import tools.jackson.databind.JsonNode;

/** Stock on PostgreSQL: commuting movements, replays, counts, alerts once per crossing, drivers' tasks. */
class InventoryApiTest extends ApiTest {

	@Autowired
	Stock stock;

	@Autowired
	Restocking restocking;

	long id(String path, String code) {
		return http.as("owner").get(path).json().valueStream().filter(n -> n.get("code").asString().equals(code))
				.findFirst().orElseThrow().get("id").asLong();
	}

	long level(long stand, long ingredient) {
		return http.as("owner").get("/api/v1/stands/" + stand + "/stock").json().get("levels").valueStream()
				.filter(l -> l.get("ingredientId").asLong() == ingredient).findFirst().orElseThrow().get("quantity").asLong();
	}

	@Test
	void fiftyPhonesSellingAtOnceEndAtExactlyTheInitialLevelMinusTheirSales() throws Exception {
		var operator = http.withToken(http.login("op16", "diggety-operator"));
		var phones = new ArrayList<Phone>();
		for (int i = 0; i < 50; i++) {
			phones.add(new Phone(http, operator, "op16"));
		}
		long stand = phones.get(0).standId;
		long bun = id("/api/v1/ingredients", "BUN");
		long sausage = id("/api/v1/ingredients", "SAUSAGE_PORK");
		long classic = id("/api/v1/products", "HOTDOG_CLASSIC");
		long initialBuns = level(stand, bun);
		long initialSausages = level(stand, sausage);
		var pool = Executors.newFixedThreadPool(10);
		var pushes = new ArrayList<Callable<Http.Response>>();
		for (var phone : phones) {
			var events = new ArrayList<Map<String, Object>>();
			for (int s = 0; s < 3; s++) {
				events.add(phone.event("SALE_RECORDED", Phone.cashSale(UUID.randomUUID(), null, classic, 2, 1290)));
			}
			pushes.add(() -> phone.push(events));
		}
		for (var answer : pool.invokeAll(pushes)) {
			assertThat(answer.get().status()).isEqualTo(200);
		}
		pool.shutdown();
		// 50 phones x 3 sales x 2 hot dogs = 300 buns and 300 sausages
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(level(stand, bun)).isEqualTo(initialBuns - 300);
			assertThat(level(stand, sausage)).isEqualTo(initialSausages - 300);
		});
		var view = http.as("op16").get("/api/v1/stands/" + stand + "/stock").json();
		var bunLevel = view.get("levels").valueStream().filter(l -> l.get("ingredientId").asLong() == bun).findFirst().orElseThrow();
		assertThat(bunLevel.get("status").asString()).isEqualTo("NEGATIVE");
		assertThat(http.as("owner").get("/api/v1/stock/alerts?standId=" + stand).body()).contains("\"NEGATIVE\"");
	}

	@Test
	void aReplayedDeliveryOrSaleMovesNothing() {
		var phone = new Phone(http, "op17");
		long bun = id("/api/v1/ingredients", "BUN");
		long before = level(phone.standId, bun);
		var delivery = Phone.list(phone.event("STOCK_DELIVERED", Map.of("ingredientId", bun, "quantity", 40, "note", "morning")));
		assertThat(phone.push(delivery).json().get("results").get(0).get("status").asString()).isEqualTo("APPLIED");
		assertThat(phone.push(delivery).json().get("results").get(0).get("status").asString()).isEqualTo("REPLAYED");
		assertThat(level(phone.standId, bun)).isEqualTo(before + 40);

		var sale = UUID.randomUUID().toString();
		long classic = id("/api/v1/products", "HOTDOG_CLASSIC");
		stock.sold(sale, phone.standId, Instant.now(), Map.of(classic, 1), false);
		stock.sold(sale, phone.standId, Instant.now(), Map.of(classic, 1), false);
		assertThat(level(phone.standId, bun)).isEqualTo(before + 39);
	}

	@Test
	void aCountBecomesTheCorrectionAsOfItsTimeAndLateSalesBeforeItAreInIt() {
		var phone = new Phone(http, "op18");
		long onion = id("/api/v1/ingredients", "CRISPY_ONION");
		long product = id("/api/v1/products", "HOTDOG_ONION"); // 15 g of onion each
		long before = level(phone.standId, onion);
		var countedAt = Instant.now().minusSeconds(600);
		var count = phone.event("STOCK_COUNTED", Map.of("ingredientId", onion, "counted", 500), countedAt);
		assertThat(phone.push(Phone.list(count), Instant.now()).json().get("results").get(0).get("status").asString()).isEqualTo("APPLIED");
		assertThat(level(phone.standId, onion)).isEqualTo(500);
		var movements = http.as("owner").get("/api/v1/stands/" + phone.standId + "/stock/movements?kind=COUNT_CORRECTION&ingredientId=" + onion).json();
		assertThat(movements.get(0).get("quantity").asLong()).isEqualTo(500 - before);

		// a sale from 20 minutes ago syncs only now: the count already saw it, the level stays
		stock.sold(UUID.randomUUID().toString(), phone.standId, Instant.now().minusSeconds(1200), Map.of(product, 2), false);
		assertThat(level(phone.standId, onion)).isEqualTo(500);
		// a sale after the count moves stock as usual
		stock.sold(UUID.randomUUID().toString(), phone.standId, Instant.now(), Map.of(product, 2), false);
		assertThat(level(phone.standId, onion)).isEqualTo(470);
	}

	@Test
	void aThresholdRaisesOneAlertPerCrossing() {
		var owner = http.as("owner");
		long stand = id("/api/v1/stands", "KRK-19");
		long cups = id("/api/v1/ingredients", "CUP");
		owner.put("/api/v1/stands/" + stand + "/stock/thresholds/" + cups, Map.of("threshold", 100));
		owner.post("/api/v1/stands/" + stand + "/stock/movements", Map.of("kind", "COUNT", "ingredientId", cups, "quantity", 150));
		owner.post("/api/v1/stands/" + stand + "/stock/movements", Map.of("kind", "WASTE", "ingredientId", cups, "quantity", 60, "note", "wet"));
		owner.post("/api/v1/stands/" + stand + "/stock/movements", Map.of("kind", "WASTE", "ingredientId", cups, "quantity", 10, "note", "torn"));
		assertThat(lowAlerts(stand, cups, false)).hasSize(1);
		owner.post("/api/v1/stands/" + stand + "/stock/movements", Map.of("kind", "DELIVERY", "ingredientId", cups, "quantity", 50));
		assertThat(lowAlerts(stand, cups, true)).isEmpty();
		owner.post("/api/v1/stands/" + stand + "/stock/movements", Map.of("kind", "WASTE", "ingredientId", cups, "quantity", 40));
		assertThat(lowAlerts(stand, cups, false)).hasSize(2);
		assertThat(lowAlerts(stand, cups, true)).hasSize(1);
	}

	List<JsonNode> lowAlerts(long stand, long ingredient, boolean open) {
		return http.as("owner").get("/api/v1/stock/alerts?open=" + open + "&standId=" + stand).json().valueStream()
				.filter(a -> a.get("kind").asString().equals("LOW") && a.get("ingredientId").asLong() == ingredient)
				.toList();
	}

	@Test
	void badStockUpdatesAreRefusedClearly() {
		var owner = http.as("owner");
		long stand = id("/api/v1/stands", "KRK-20");
		long bun = id("/api/v1/ingredients", "BUN");
		var negative = owner.post("/api/v1/stands/" + stand + "/stock/movements", Map.of("kind", "DELIVERY", "ingredientId", bun, "quantity", -5));
		assertThat(negative.status()).isEqualTo(422);
		assertThat(negative.body()).contains("quantity");
		var unknown = owner.post("/api/v1/stands/" + stand + "/stock/movements", Map.of("kind", "DELIVERY", "ingredientId", 999999, "quantity", 5));
		assertThat(unknown.status()).isEqualTo(422);
		assertThat(unknown.body()).contains("ingredientId");
		assertThat(http.as("op21").post("/api/v1/stands/" + stand + "/stock/movements",
				Map.of("kind", "COUNT", "ingredientId", bun, "quantity", 5)).status()).isEqualTo(403);

		var phone = new Phone(http, "op21");
		var foreign = phone.push(Phone.list(phone.event("STOCK_COUNTED", Map.of("standId", stand, "ingredientId", bun, "counted", 3))));
		assertThat(foreign.json().get("results").get(0).get("status").asString()).isEqualTo("POISON");
		assertThat(foreign.json().get("results").get(0).get("reason").asString()).contains("own stand");
		var minus = phone.push(Phone.list(phone.event("STOCK_DELIVERED", Map.of("ingredientId", bun, "quantity", -1))));
		assertThat(minus.json().get("results").get(0).get("status").asString()).isEqualTo("POISON");
	}

	@Test
	void aDriverTakesTheMostUrgentTaskAndDeliversIt() {
		var owner = http.as("owner");
		long stand = id("/api/v1/stands", "KRK-22");
		long sausage = id("/api/v1/ingredients", "SAUSAGE_PORK");
		owner.post("/api/v1/stands/" + stand + "/stock/movements", Map.of("kind", "COUNT", "ingredientId", sausage, "quantity", 5));
		var driver = http.as("driver1");
		await().atMost(Duration.ofSeconds(30)).until(() -> task(driver, stand) != null);
		var task = task(driver, stand);
		assertThat(task.get("lines").valueStream().anyMatch(l -> l.get("ingredientId").asLong() == sausage
				&& l.get("suggested").asLong() >= 35)).isTrue();
		var id = task.get("id").asString();
		assertThat(driver.post("/api/v1/restock/tasks/" + id + "/accept", null).json().get("status").asString()).isEqualTo("ACCEPTED");
		assertThat(http.as("driver2").post("/api/v1/restock/tasks/" + id + "/accept", null).status()).isEqualTo(409);
		var delivered = driver.post("/api/v1/restock/tasks/" + id + "/deliver",
				Map.of("lines", List.of(Map.of("ingredientId", sausage, "quantity", 60))));
		assertThat(delivered.json().get("status").asString()).isEqualTo("DELIVERED");
		assertThat(level(stand, sausage)).isEqualTo(65);
		// handing the same delivery over twice moves nothing more
		driver.post("/api/v1/restock/tasks/" + id + "/deliver", Map.of("lines", List.of(Map.of("ingredientId", sausage, "quantity", 60))));
		assertThat(level(stand, sausage)).isEqualTo(65);
		var csv = owner.get("/api/v1/stands/" + stand + "/stock/movements?format=csv&ingredientId=" + sausage);
		assertThat(csv.contentType()).startsWith("text/csv");
		assertThat(csv.body()).startsWith("occurred_at,ingredient,quantity,kind,cause,note").contains(",60,DELIVERY,");
	}

	JsonNode task(Http driver, long stand) {
		return driver.get("/api/v1/restock/tasks?lat=50.06&lon=19.94").json().valueStream()
				.filter(t -> t.get("standId").asLong() == stand).findFirst().orElse(null);
	}

	@Test
	void aStandThatSellsWithoutUpdatingItsStockIsReminded() {
		var phone = new Phone(http, "op23");
		long bun = id("/api/v1/ingredients", "BUN");
		var fourHoursAgo = Instant.now().minus(Duration.ofHours(4));
		stock.deliver(phone.standId, bun, 10, fourHoursAgo, "test:stale:" + UUID.randomUUID(), null);
		stock.sold(UUID.randomUUID().toString(), phone.standId, Instant.now().minusSeconds(300),
				Map.of(id("/api/v1/products", "HOTDOG_CLASSIC"), 1), false);
		restocking.remindStaleStock();
		var changes = phone.http.get("/api/v1/devices/" + phone.deviceId + "/changes?since=0").json();
		assertThat(changes.get("stock").get("stale").asBoolean()).isTrue();
		phone.push(Phone.list(phone.event("STOCK_COUNTED", Map.of("ingredientId", bun, "counted", 30))));
		assertThat(http.as("owner").get("/api/v1/stands/" + phone.standId + "/stock").json().get("stale").asBoolean()).isFalse();
	}

	@Test
	void anItemWhoseIngredientIsOutIsSoldOutOnTheMenu() {
		var owner = http.as("owner");
		long stand = id("/api/v1/stands", "KRK-24");
		long glutenFree = id("/api/v1/ingredients", "BUN_GF");
		owner.post("/api/v1/stands/" + stand + "/stock/movements", Map.of("kind", "COUNT", "ingredientId", glutenFree, "quantity", 0));
		var item = http.get("/api/v1/stands/" + stand + "/menu").json().get("items").valueStream()
				.filter(i -> i.get("code").asString().equals("HOTDOG_GF")).findFirst().orElseThrow();
		assertThat(item.get("available").asBoolean()).isFalse();
		assertThat(item.get("unavailableReason").asString()).isEqualTo("sold-out");
	}
}
