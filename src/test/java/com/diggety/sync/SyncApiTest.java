package com.diggety.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import com.diggety.ApiTest;
import com.diggety.Http;

import tools.jackson.databind.JsonNode;

/** The device protocol over HTTP on PostgreSQL: exactly once, gaps, poison, refusals, re-pricing, the feed. */
class SyncApiTest extends ApiTest {

	long product(String code) {
		return http.as("owner").get("/api/v1/products").json().valueStream()
				.filter(p -> p.get("code").asString().equals(code)).findFirst().orElseThrow().get("id").asLong();
	}

	List<JsonNode> salesOf(long stand) {
		return http.as("owner").get("/api/v1/sales?standId=" + stand).json().valueStream().toList();
	}

	@Test
	void operatorSellsAndTheServerAppliesEachEventOnce() {
		var phone = new Phone(http, "op03");
		var shift = UUID.randomUUID();
		var sale = UUID.randomUUID();
		long classic = product("HOTDOG_CLASSIC");
		var batch = Phone.list(phone.event("SHIFT_OPENED", Map.of("shiftId", shift.toString(), "floatMinor", 20000)),
				phone.event("SALE_RECORDED", Phone.cashSale(sale, shift, classic, 2, 1290)));
		var first = phone.push(batch);
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.json().get("highestSequence").asLong()).isEqualTo(2);
		assertThat(first.json().get("results").valueStream().map(r -> r.get("status").asString()))
				.containsExactly("APPLIED", "APPLIED");
		int before = salesOf(phone.standId).size();

		// the phone did not hear the answer and sends the same batch again
		var again = phone.push(batch);
		assertThat(again.json().get("results").valueStream().map(r -> r.get("status").asString()))
				.containsExactly("REPLAYED", "REPLAYED");
		assertThat(salesOf(phone.standId)).hasSize(before);

		var stored = http.as("owner").get("/api/v1/sales/" + sale).json();
		assertThat(stored.get("totalMinor").asLong()).isEqualTo(2580);
		assertThat(stored.get("priceMismatch").asBoolean()).isFalse();
		assertThat(stored.get("lines").get(0).get("name").asString()).isEqualTo("Hot dog klasyczny");
		var receipt = http.get("/api/v1/receipts/" + sale).json();
		assertThat(receipt.get("totalMinor").asLong()).isEqualTo(2580);
		assertThat(receipt.get("vat").get(0).get("netMinor").asLong()).isEqualTo(2389); // 2580 / 1.08 = 2388.9
	}

	@Test
	void aBatchAfterAGapIsNotAppliedAndNamesTheExpectedSequence() {
		var phone = new Phone(http, "op04");
		var shift = UUID.randomUUID();
		var opened = phone.event("SHIFT_OPENED", Map.of("shiftId", shift.toString(), "floatMinor", 0));
		phone.push(Phone.list(opened));
		phone.sequence = 4; // events 2..4 were lost on the way
		var late = phone.event("SALE_RECORDED", Phone.cashSale(UUID.randomUUID(), shift, product("COLA"), 1, 690));
		var response = phone.push(Phone.list(late));
		assertThat(response.status()).isEqualTo(409);
		assertThat(response.json().get("expectedSequence").asLong()).isEqualTo(2);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(salesOf(phone.standId).stream().filter(s -> s.get("shiftId").asString().equals(shift.toString())))
				.isEmpty();
	}

	@Test
	void aPoisonEventIsStoredWithItsReasonAndDoesNotBlockTheQueue() {
		var phone = new Phone(http, "op05");
		var sale = UUID.randomUUID();
		var response = phone.push(Phone.list(
				phone.event("SALE_REFUNDED", Map.of("saleId", UUID.randomUUID().toString(), "refundId",
						UUID.randomUUID().toString(), "amountMinor", 100, "reason", "wrong order")),
				phone.event("SALE_RECORDED", Phone.cashSale(sale, null, product("WATER"), 1, 490)),
				phone.event("SOMETHING_NEW", Map.of())));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		var results = response.json().get("results");
		assertThat(results.get(0).get("status").asString()).isEqualTo("POISON");
		assertThat(results.get(0).get("reason").asString()).contains("no sale");
		assertThat(results.get(1).get("status").asString()).isEqualTo("APPLIED");
		assertThat(results.get(2).get("status").asString()).isEqualTo("POISON");
		assertThat(response.json().get("highestSequence").asLong()).isEqualTo(3);
		assertThat(http.as("owner").get("/api/v1/sales/" + sale).status()).isEqualTo(200);
		var poison = http.as("manager").get("/api/v1/sync/poison").body();
		assertThat(poison).contains(phone.deviceId.toString()).contains("unknown event type SOMETHING_NEW");
	}

	long water(long stand) {
		long bottle = http.as("owner").get("/api/v1/ingredients").json().valueStream()
				.filter(i -> i.get("code").asString().equals("WATER_BOTTLE")).findFirst().orElseThrow().get("id").asLong();
		return http.as("owner").get("/api/v1/stands/" + stand + "/stock").json().get("levels").valueStream()
				.filter(l -> l.get("ingredientId").asLong() == bottle).findFirst().orElseThrow().get("quantity").asLong();
	}

	@Test
	void aBadSaleInARunOfGoodOnesIsPoisonAndTheOthersKeepTheirStockAndPaymentsOnce() {
		var phone = new Phone(http, "op19");
		long bottlesBefore = water(phone.standId);
		var good = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
		long waterId = product("WATER");
		var batch = Phone.list(phone.event("SALE_RECORDED", Phone.cashSale(good.get(0), null, waterId, 1, 490)),
				phone.event("SALE_RECORDED", Phone.cashSale(good.get(1), null, waterId, 2, 490)),
				phone.event("SALE_RECORDED", Phone.cashSale(UUID.randomUUID(), null, 999_999, 1, 490)),
				phone.event("SALE_RECORDED", Phone.cashSale(good.get(2), null, waterId, 3, 490)),
				phone.event("SALE_RECORDED", Phone.cashSale(good.get(3), null, waterId, 4, 490)));
		var response = phone.push(batch);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("results").valueStream().map(r -> r.get("status").asString()))
				.containsExactly("APPLIED", "APPLIED", "POISON", "APPLIED", "APPLIED");
		assertThat(response.json().get("results").get(2).get("reason").asString()).contains("999999");
		// the stock and the stand payments of the good sales, each once, in the same transaction as the sales
		assertThat(water(phone.standId)).isEqualTo(bottlesBefore - 10);
		var payments = http.as("manager").get("/api/v1/payments?channel=STAND&standId=" + phone.standId).body();
		good.forEach(sale -> assertThat(payments).contains("sale:" + sale));

		// the same batch again moves nothing
		var again = phone.push(batch);
		assertThat(again.json().get("results").valueStream().map(r -> r.get("status").asString()))
				.containsOnly("REPLAYED");
		assertThat(water(phone.standId)).isEqualTo(bottlesBefore - 10);
	}

	@Test
	void aCardNumberIsNeverAccepted() {
		var phone = new Phone(http, "op06");
		var sale = new HashMap<>(Phone.cashSale(UUID.randomUUID(), null, product("COLA"), 1, 690));
		sale.put("payment", Map.of("method", "CARD", "reference", "4111 1111 1111 1111"));
		var response = phone.push(Phone.list(phone.event("SALE_RECORDED", sale)));
		assertThat(response.json().get("results").get(0).get("status").asString()).isEqualTo("POISON");
		assertThat(response.json().get("results").get(0).get("reason").asString()).contains("card numbers");
		assertThat(http.as("manager").get("/api/v1/sync/poison").body()).doesNotContain("4111 1111");
	}

	@Test
	void aSaleAtAnOldPriceIsKeptAndFlaggedForTheOwner() {
		var phone = new Phone(http, "op07");
		var sale = UUID.randomUUID();
		var response = phone.push(Phone.list(phone.event("SALE_RECORDED", Phone.cashSale(sale, null, product("FRIES"), 1, 800))));
		assertThat(response.json().get("results").get(0).get("status").asString()).isEqualTo("APPLIED");
		var stored = http.as("owner").get("/api/v1/sales/" + sale).json();
		assertThat(stored.get("totalMinor").asLong()).isEqualTo(800);
		assertThat(stored.get("priceMismatch").asBoolean()).isTrue();
		assertThat(stored.get("repricedTotalMinor").asLong()).isEqualTo(990);
		assertThat(http.as("owner").get("/api/v1/sales?mismatchesOnly=true&standId=" + phone.standId).body())
				.contains(sale.toString());
	}

	@Test
	void aPhoneWhoseClockIsTenMinutesAheadIsCorrected() {
		var phone = new Phone(http, "op08");
		var sale = UUID.randomUUID();
		var ahead = Instant.now().plus(Duration.ofMinutes(10));
		var response = phone.push(Phone.list(phone.event("SALE_RECORDED",
				Phone.cashSale(sale, null, product("COLA"), 1, 690), ahead)), ahead);
		assertThat(response.json().get("clockSkewMillis").asLong()).isBetween(590_000L, 610_000L);
		var stored = http.as("owner").get("/api/v1/sales/" + sale).json();
		var occurred = Instant.parse(stored.get("occurredAt").asString());
		var corrected = Instant.parse(stored.get("correctedAt").asString());
		assertThat(Duration.between(corrected, occurred).toSeconds()).isBetween(590L, 610L);
		assertThat(Duration.between(corrected, Instant.now()).abs().toSeconds()).isLessThan(30);
	}

	@Test
	void theSameBatchFromTwoConnectionsAtOnceIsAppliedOnce() throws Exception {
		var phone = new Phone(http, "op09");
		var events = new java.util.ArrayList<Map<String, Object>>();
		var sales = new java.util.ArrayList<UUID>();
		for (int i = 0; i < 20; i++) {
			var sale = UUID.randomUUID();
			sales.add(sale);
			events.add(phone.event("SALE_RECORDED", Phone.cashSale(sale, null, product("TEA"), 1, 590)));
		}
		var pool = Executors.newFixedThreadPool(4);
		Callable<Http.Response> push = () -> phone.push(events);
		var answers = pool.invokeAll(List.of(push, push, push, push));
		pool.shutdown();
		int applied = 0;
		for (var answer : answers) {
			var response = answer.get();
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			applied += (int) response.json().get("results").valueStream()
					.filter(r -> r.get("status").asString().equals("APPLIED")).count();
		}
		assertThat(applied).isEqualTo(20);
		assertThat(salesOf(phone.standId).stream().filter(s -> sales.contains(UUID.fromString(s.get("id").asString()))))
				.hasSize(20);
	}

	@Test
	void refundsVoidsAndTheZReportAddUp() {
		var phone = new Phone(http, "op10");
		var shift = UUID.randomUUID();
		var first = UUID.randomUUID();
		var second = UUID.randomUUID();
		var third = UUID.randomUUID();
		var card = new HashMap<>(Phone.cashSale(third, shift, product("HOTDOG_CHILI"), 1, 1690));
		card.put("payment", Map.of("method", "CARD", "reference", "APPR-4471"));
		var response = phone.push(Phone.list(
				phone.event("SHIFT_OPENED", Map.of("shiftId", shift.toString(), "floatMinor", 10000)),
				phone.event("SALE_RECORDED", Phone.cashSale(first, shift, product("HOTDOG_CLASSIC"), 2, 1290)),
				phone.event("SALE_RECORDED", Phone.cashSale(second, shift, product("COLA"), 1, 690)),
				phone.event("SALE_RECORDED", card),
				phone.event("SALE_REFUNDED", Map.of("saleId", first.toString(), "refundId", UUID.randomUUID().toString(),
						"amountMinor", 1290, "reason", "cold sausage", "method", "CASH")),
				phone.event("SALE_VOIDED", Map.of("saleId", second.toString(), "reason", "entered twice")),
				phone.event("SALE_VOIDED", Map.of("saleId", first.toString(), "reason", "too late")),
				phone.event("SHIFT_CLOSED", Map.of("shiftId", shift.toString(), "countedCashMinor", 11200))));
		var statuses = response.json().get("results").valueStream().map(r -> r.get("status").asString()).toList();
		assertThat(statuses).containsExactly("APPLIED", "APPLIED", "APPLIED", "APPLIED", "APPLIED", "APPLIED", "POISON", "APPLIED");
		var report = http.as("op10").get("/api/v1/shifts/" + shift + "/report").json();
		assertThat(report.get("salesCount").asInt()).isEqualTo(2);
		assertThat(report.get("voidedCount").asInt()).isEqualTo(1);
		assertThat(report.get("byMethod").get("CASH").asLong()).isEqualTo(2580);
		assertThat(report.get("byMethod").get("CARD").asLong()).isEqualTo(1690);
		assertThat(report.get("refundsMinor").asLong()).isEqualTo(1290);
		// float 100.00 + cash 25.80 - cash refund 12.90 = 112.90 expected; 112.00 counted
		assertThat(report.get("expectedCashMinor").asLong()).isEqualTo(11290);
		assertThat(report.get("varianceMinor").asLong()).isEqualTo(-90);
		assertThat(http.as("owner").get("/api/v1/sales/" + first).json().get("status").asString())
				.isEqualTo("PARTIALLY_REFUNDED");
		// an operator of another stand may not read it
		assertThat(http.as("op02").get("/api/v1/shifts/" + shift + "/report").status()).isEqualTo(403);
	}

	@Test
	void anotherStandsTokenARevokedDeviceAndAForgedTokenAreRefused() {
		var phone = new Phone(http, "op11");
		var other = new Phone(http, "op12");
		var event = phone.event("STAND_CLOSED", Map.of());
		var foreign = other.http.post("/api/v1/devices/" + phone.deviceId + "/events",
				Map.of("deviceClock", Instant.now().toString(), "events", List.of(event)));
		assertThat(foreign.status()).isEqualTo(403);
		assertThat(http.withToken(phone.token + "x").get("/api/v1/devices/" + phone.deviceId + "/changes").status())
				.isEqualTo(401);
		assertThat(http.as("owner").post("/api/v1/devices/" + phone.deviceId + "/revoke", null).status()).isEqualTo(200);
		assertThat(phone.push(Phone.list(event)).status()).isEqualTo(401);
		assertThat(http.as("owner").get("/api/v1/devices?standId=" + phone.standId).body()).contains("revokedAt\":\"");
	}

	@Test
	void thePullCarriesWhatChangedSinceTheCursor() {
		var phone = new Phone(http, "op13");
		var everything = phone.http.get("/api/v1/devices/" + phone.deviceId + "/changes?since=0").json();
		assertThat(everything.get("menu").get("products").size()).isGreaterThanOrEqualTo(12);
		assertThat(everything.get("promotions").get("limits").isObject()).as(everything.get("promotions").toString()).isTrue();
		assertThat(everything.get("stand").get("id").asLong()).isEqualTo(phone.standId);
		long cursor = everything.get("cursor").asLong();

		var nothing = phone.http.get("/api/v1/devices/" + phone.deviceId + "/changes?since=" + cursor).json();
		assertThat(nothing.get("menu").isNull()).as(nothing.toString()).isTrue();

		// the operator closes the stand from the phone: the stand part changes, the menu does not
		phone.push(Phone.list(phone.event("STAND_CLOSED", Map.of())));
		var changed = phone.http.get("/api/v1/devices/" + phone.deviceId + "/changes?since=" + cursor).json();
		assertThat(changed.get("stand").get("openForCustomers").asBoolean()).isFalse();
		assertThat(changed.get("menu").isNull()).isTrue();
		assertThat(changed.get("cursor").asLong()).isGreaterThan(cursor);
		assertThat(http.get("/api/v1/stands/" + phone.standId).json().get("openNow").asBoolean()).isFalse();
		phone.push(Phone.list(phone.event("STAND_OPENED", Map.of())));
	}
}
