package com.diggety.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.diggety.ApiTest;
import com.diggety.Http;
import com.diggety.pricing.engine.Cart;
import com.diggety.shared.Problem;

import tools.jackson.databind.JsonNode;

/**
 * Quotes, codes and promotions over HTTP on PostgreSQL. Each test's promotions are scoped to a stand of its own,
 * so they never change another test's prices.
 */
class PricingApiTest extends ApiTest {

	@Autowired
	Codes codes;

	@Autowired
	Pricing pricing;

	long stand;
	Map<String, Long> products = new HashMap<>();

	@BeforeEach
	void aStandOfItsOwn() {
		var owner = http.as("owner");
		var code = "PRC-" + System.nanoTime() % 1_000_000_000L;
		stand = owner.post("/api/v1/stands", com.diggety.Fixtures.standForm(code, 50.05, 19.95)).json().get("id").asLong();
		owner.get("/api/v1/products").json().forEach(p -> products.put(p.get("code").asString(), p.get("id").asLong()));
	}

	Map<String, Object> line(String product, int quantity) {
		return Map.of("productId", products.get(product), "quantity", quantity);
	}

	Http.Response quote(Http client, List<Map<String, Object>> lines, String... codes) {
		return client.post("/api/v1/pricing/quote", Map.of("standId", stand, "lines", lines, "codes", List.of(codes)));
	}

	long promote(Http client, Map<String, Object> definition) {
		var response = client.post("/api/v1/promotions", Map.of("definition", definition));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json().get("id").asLong();
	}

	Map<String, Object> combo() {
		var definition = new HashMap<String, Object>();
		definition.put("name", "Combo hot dog + cola -20%");
		definition.put("kind", "BUNDLE");
		definition.put("standIds", List.of(stand));
		definition.put("components", List.of(
				Map.of("target", Map.of("categories", List.of("hot-dogs")), "quantity", 1),
				Map.of("target", Map.of("productIds", List.of(products.get("COLA"))), "quantity", 1)));
		definition.put("percentBp", 2000);
		return definition;
	}

	Map<String, Object> percentOff(String name, String product, int percentBp) {
		var definition = new HashMap<String, Object>();
		definition.put("name", name);
		definition.put("kind", "PRODUCT_DISCOUNT");
		definition.put("standIds", List.of(stand));
		definition.put("target", Map.of("productIds", List.of(products.get(product))));
		definition.put("percentBp", percentBp);
		return definition;
	}

	@Test
	void aComboShowsItsReasonAndVatOnTheQuote() {
		promote(http.as("owner"), combo());
		var response = quote(http, List.of(line("HOTDOG_CLASSIC", 1), line("COLA", 1)));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		var quote = response.json().get("quote");
		assertThat(quote.get("subtotalMinor").asLong()).isEqualTo(1290 + 690);
		assertThat(quote.get("discountMinor").asLong()).isEqualTo(396);
		assertThat(quote.get("totalMinor").asLong()).isEqualTo(1584);
		assertThat(quote.get("applied").get(0).get("reason").asString()).isEqualTo("Combo hot dog + cola -20%");
		// VAT from gross: hot dog 1290-258 = 1032 at 8 %, cola 690-138 = 552 at 23 %
		assertThat(quote.get("vat").get(0).get("grossMinor").asLong()).isEqualTo(1032);
		assertThat(quote.get("vat").get(0).get("netMinor").asLong()).isEqualTo(956);
		assertThat(quote.get("vat").get(1).get("grossMinor").asLong()).isEqualTo(552);
		assertThat(quote.get("vat").get(1).get("netMinor").asLong()).isEqualTo(449);
		assertThat(response.json().get("currency").asString()).isEqualTo("PLN");
	}

	@Test
	void aVanityCodeIsCaseInsensitiveAndAQuoteDoesNotRedeemIt() {
		var owner = http.as("owner");
		var definition = percentOff("AK_HOT -30%", "HOTDOG_CHILI", 3000);
		definition.put("requiresCode", true);
		long promotion = promote(owner, definition);
		var vanity = "AKHOT" + (System.nanoTime() % 100000);
		var created = owner.post("/api/v1/promotions/" + promotion + "/codes", Map.of("code", vanity, "maxUses", 1));
		assertThat(created.status()).as(created.body()).isEqualTo(201);

		assertThat(quote(http, List.of(line("HOTDOG_CHILI", 1))).json().get("quote").get("discountMinor").asLong()).isZero();
		for (int i = 0; i < 3; i++) {
			var withCode = quote(http, List.of(line("HOTDOG_CHILI", 1)), vanity.toLowerCase());
			assertThat(withCode.json().get("quote").get("discountMinor").asLong()).isEqualTo(507); // 1690 * 30 %
		}
		var listed = owner.get("/api/v1/promotions/" + promotion + "/codes").json().get(0);
		assertThat(listed.get("uses").asInt()).isZero();
	}

	@Test
	void badCartsAreRefusedNamingTheFieldAndNothingIsRedeemed() {
		assertField(quote(http, List.of(Map.of("productId", 999999, "quantity", 1))), 422, "lines[0].productId");
		assertField(quote(http, List.of(line("COLA", 0))), 422, "lines[0].quantity");
		assertField(quote(http, List.of(line("COLA", -2))), 422, "lines[0].quantity");
		assertField(quote(http, List.of(line("COLA", 1000))), 422, "lines[0].quantity");
		assertField(quote(http, List.of()), 422, "lines");
		assertField(http.post("/api/v1/pricing/quote", Map.of("standId", 999999, "lines", List.of(line("COLA", 1)))),
				422, "standId");
		assertField(quote(http, List.of(line("COLA", 1)), "NO-SUCH-CODE"), 422, "codes[0]");
		assertField(http.post("/api/v1/pricing/quote", Map.of("lines", List.of())), 400, "standId");
	}

	@Test
	void expiredAndForeignCodesSayWhy() {
		var owner = http.as("owner");
		var definition = percentOff("Expired code", "WATER", 1000);
		definition.put("requiresCode", true);
		long promotion = promote(owner, definition);
		var expired = owner.post("/api/v1/promotions/" + promotion + "/codes", Map.of("count", 1,
				"validFrom", "2020-01-01T00:00:00Z", "validTo", "2020-02-01T00:00:00Z")).json().get(0).get("code").asString();
		var refused = quote(http, List.of(line("WATER", 1)), expired);
		assertField(refused, 422, "codes[0]");
		assertThat(refused.body()).contains("expired");

		var valid = owner.post("/api/v1/promotions/" + promotion + "/codes", Map.of("count", 1)).json().get(0)
				.get("code").asString();
		assertThat(valid).matches("[A-HJ-NP-Z2-9]{10}");
		long otherStand = http.get("/api/v1/stands/nearby?lat=50.0617&lon=19.9373&limit=1").json().get(0).get("id").asLong();
		var elsewhere = http.post("/api/v1/pricing/quote", Map.of("standId", otherStand, "lines", List.of(line("WATER", 1)),
				"codes", List.of(valid)));
		assertField(elsewhere, 422, "codes[0]");
		assertThat(elsewhere.body()).contains("not valid at this stand");
	}

	@Test
	void guessingCodesFromOneAddressIsThrottled() {
		int status = 0;
		for (int i = 0; i < 11 && status != 429; i++) {
			status = http.send("POST", "/api/v1/pricing/quote",
					Map.of("standId", stand, "lines", List.of(line("COLA", 1)), "codes", List.of("GUESS" + i)),
					Map.of("X-Forwarded-For", "192.0.2.44")).status();
		}
		assertThat(status).isEqualTo(429);
		var other = http.send("POST", "/api/v1/pricing/quote",
				Map.of("standId", stand, "lines", List.of(line("COLA", 1)), "codes", List.of()),
				Map.of("X-Forwarded-For", "192.0.2.45"));
		assertThat(other.status()).isEqualTo(200);
	}

	@Test
	void singleUseCodeRedeemsOnceUnderRace() throws Exception {
		var owner = http.as("owner");
		var definition = percentOff("Single use", "COFFEE", 5000);
		definition.put("requiresCode", true);
		long promotion = promote(owner, definition);
		var code = owner.post("/api/v1/promotions/" + promotion + "/codes", Map.of("count", 1, "maxUses", 1)).json()
				.get(0).get("code").asString();
		var pool = Executors.newFixedThreadPool(20);
		var start = new CountDownLatch(1);
		var redeemed = new AtomicInteger();
		var refused = new AtomicInteger();
		var winner = new java.util.concurrent.atomic.AtomicReference<String>();
		for (int i = 0; i < 20; i++) {
			var reference = "sale-" + i;
			pool.submit(() -> {
				start.await();
				try {
					codes.redeem(code, null, reference, Instant.now());
					redeemed.incrementAndGet();
					winner.set(reference);
				}
				catch (Problem | org.springframework.dao.DataAccessException e) {
					refused.incrementAndGet();
				}
				return null;
			});
		}
		start.countDown();
		pool.shutdown();
		assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		assertThat(redeemed.get()).isEqualTo(1);
		assertThat(refused.get()).isEqualTo(19);
		assertThat(owner.get("/api/v1/promotions/" + promotion + "/codes").json().get(0).get("uses").asInt()).isEqualTo(1);
		// the same sale synced again is no second redemption
		assertThat(codes.redeem(code, null, winner.get(), Instant.now())).isEqualTo(Codes.Redemption.ALREADY_REDEEMED);
	}

	@Test
	void aReplayedRedemptionIsANoOpAndACustomerLimitHolds() {
		var owner = http.as("owner");
		var definition = percentOff("Once per customer", "TEA", 2000);
		definition.put("requiresCode", true);
		long promotion = promote(owner, definition);
		var code = owner.post("/api/v1/promotions/" + promotion + "/codes",
				Map.of("count", 1, "maxUses", 100, "perCustomerLimit", 1)).json().get(0).get("code").asString();
		assertThat(codes.redeem(code, "user:42", "order-1", Instant.now())).isEqualTo(Codes.Redemption.REDEEMED);
		assertThat(codes.redeem(code, "user:42", "order-1", Instant.now())).isEqualTo(Codes.Redemption.ALREADY_REDEEMED);
		try {
			codes.redeem(code, "user:42", "order-2", Instant.now());
			throw new AssertionError("a second use by the same customer must be refused");
		}
		catch (Problem expected) {
			assertThat(expected.status().value()).isEqualTo(409);
		}
		assertThat(codes.redeem(code, "user:43", "order-3", Instant.now())).isEqualTo(Codes.Redemption.REDEEMED);
		assertThat(owner.get("/api/v1/promotions/" + promotion + "/codes").json().get(0).get("uses").asInt()).isEqualTo(2);
	}

	@Test
	void aLoyalCustomerGetsTenPercentAfterFivePurchases() {
		var owner = http.as("owner");
		var definition = new HashMap<String, Object>();
		definition.put("name", "Loyal -10%");
		definition.put("kind", "LOYALTY_PERCENT");
		definition.put("standIds", List.of(stand));
		definition.put("minPurchases", 5);
		definition.put("withinDays", 30);
		definition.put("percentBp", 1000);
		promote(owner, definition);
		var anna = http.as("anna@example.com");
		long annaId = anna.get("/api/v1/me").json().get("id").asLong();
		var lines = List.of(line("HOTDOG_CLASSIC", 1));
		assertThat(quote(anna, lines).json().get("quote").get("discountMinor").asLong()).isZero();
		for (int i = 0; i < 5; i++) {
			pricing.recordPurchase("user:" + annaId, "loyalty-" + stand + "-" + i, Instant.now().minusSeconds(86_400L * (i + 1)),
					List.of(new Cart.Line(products.get("HOTDOG_CLASSIC"), 1)));
		}
		assertThat(quote(anna, lines).json().get("quote").get("discountMinor").asLong()).isEqualTo(129);
		// a guest with the same cart gets no loyalty discount
		assertThat(quote(http, lines).json().get("quote").get("discountMinor").asLong()).isZero();
	}

	@Test
	void anOperatorPromotesOnlyItsOwnStandWithinTheOwnersLimits() {
		var op01 = http.as("op01");
		long ownStand = op01.get("/api/v1/me").json().get("standId").asLong();
		var mine = percentOff("Kawa -10%", "COFFEE", 1000);
		mine.put("standIds", List.of(stand)); // asked for another stand: the server scopes it to the operator's own
		var created = op01.post("/api/v1/promotions", Map.of("definition", mine));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long id = created.json().get("id").asLong();
		assertThat(created.json().get("standId").asLong()).isEqualTo(ownStand);
		assertThat(created.json().get("spec").get("standIds").get(0).asLong()).isEqualTo(ownStand);
		try {
			var tooMuch = op01.post("/api/v1/promotions", Map.of("definition", percentOff("Kawa -50%", "COFFEE", 5000)));
			assertField(tooMuch, 422, "percentBp");
			var orderWide = new HashMap<String, Object>(Map.of("name", "All -5%", "kind", "ORDER_DISCOUNT", "percentBp", 500));
			assertField(op01.post("/api/v1/promotions", Map.of("definition", orderWide)), 422, "kind");

			// another stand's operator neither sees nor changes it
			var op02 = http.as("op02");
			assertThat(op02.get("/api/v1/promotions").body()).doesNotContain("\"id\":" + id + ",");
			assertThat(op02.post("/api/v1/promotions/" + id + "/pause", null).status()).isEqualTo(403);
			// and an operator cannot pause a company-wide promotion
			long company = promote(http.as("owner"), combo());
			assertThat(op01.post("/api/v1/promotions/" + company + "/pause", null).status()).isEqualTo(403);
		}
		finally {
			op01.post("/api/v1/promotions/" + id + "/archive", null);
		}
	}

	@Test
	void pausedAndArchivedPromotionsStopApplying() {
		var owner = http.as("owner");
		long id = promote(owner, combo());
		var lines = List.of(line("HOTDOG_XXL", 1), line("COLA", 1));
		assertThat(quote(http, lines).json().get("quote").get("discountMinor").asLong()).isEqualTo(536);
		assertThat(owner.post("/api/v1/promotions/" + id + "/pause", null).json().get("status").asString()).isEqualTo("PAUSED");
		assertThat(quote(http, lines).json().get("quote").get("discountMinor").asLong()).isZero();
		owner.post("/api/v1/promotions/" + id + "/resume", null);
		assertThat(quote(http, lines).json().get("quote").get("discountMinor").asLong()).isEqualTo(536);
		owner.post("/api/v1/promotions/" + id + "/archive", null);
		assertThat(quote(http, lines).json().get("quote").get("discountMinor").asLong()).isZero();
		assertThat(owner.post("/api/v1/promotions/" + id + "/resume", null).status()).isEqualTo(409);
		assertThat(owner.get("/api/v1/audit?subjectType=promotion").body()).contains("promotion.paused").contains("promotion.archived");
	}

	@Test
	void anInvalidPromotionListsItsBadFields() {
		var bad = new HashMap<String, Object>(Map.of("name", "", "kind", "BUNDLE", "percentBp", 20000));
		var response = http.as("owner").post("/api/v1/promotions", Map.of("definition", bad));
		assertThat(response.status()).isEqualTo(422);
		var fields = fields(response);
		assertThat(fields).contains("name", "components", "percentBp");
		var unknownProduct = percentOff("Ghost", "COLA", 1000);
		unknownProduct.put("target", Map.of("productIds", List.of(987654)));
		assertField(http.as("owner").post("/api/v1/promotions", Map.of("definition", unknownProduct)), 422,
				"target.productIds");
	}

	static List<String> fields(Http.Response response) {
		var fields = new ArrayList<String>();
		JsonNode errors = response.json().get("errors");
		if (errors != null) {
			errors.forEach(e -> fields.add(e.get("field").asString()));
		}
		return fields;
	}

	static void assertField(Http.Response response, int status, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(fields(response)).as(response.body()).contains(field);
	}
}
