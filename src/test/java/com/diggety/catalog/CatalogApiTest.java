package com.diggety.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.diggety.ApiTest;
import com.diggety.Http;

import tools.jackson.databind.JsonNode;

/** The office keeps the menu; customers see it per stand with prices in grosze. */
class CatalogApiTest extends ApiTest {

	static Map<String, Object> productForm(String code, long priceMinor) {
		var form = new HashMap<String, Object>();
		form.put("code", code);
		form.put("name", "Product " + code);
		form.put("description", "Made for a test");
		form.put("category", "hot-dogs");
		form.put("priceMinor", priceMinor);
		form.put("vatRateBasisPoints", 800);
		form.put("prepSeconds", 90);
		return form;
	}

	long standId(String code) {
		for (JsonNode stand : http.as("owner").get("/api/v1/stands").json()) {
			if (stand.get("code").asString().equals(code)) {
				return stand.get("id").asLong();
			}
		}
		throw new AssertionError("no stand " + code);
	}

	static JsonNode item(JsonNode menu, String code) {
		for (JsonNode item : menu.get("items")) {
			if (item.get("code").asString().equals(code)) {
				return item;
			}
		}
		return null;
	}

	@Test
	void theDemoMenuHasHotDogsWithRecipesOverManyIngredients() {
		var owner = http.as("owner");
		var products = owner.get("/api/v1/products").json();
		assertThat(products.size()).isGreaterThanOrEqualTo(12);
		assertThat(owner.get("/api/v1/ingredients").json().size()).isGreaterThanOrEqualTo(15);
		for (JsonNode product : products) {
			if (product.get("code").asString().startsWith("TEST_")) {
				continue; // made by other tests in this run
			}
			assertThat(product.get("recipe").size()).as(product.get("code").asString()).isGreaterThan(0);
		}
		var classic = item(http.get("/api/v1/stands/" + standId("KRK-05") + "/menu").json(), "HOTDOG_CLASSIC");
		assertThat(classic.get("priceMinor").asLong()).isPositive();
		assertThat(classic.get("currency").asString()).isEqualTo("PLN");
		assertThat(classic.get("available").asBoolean()).isTrue();
	}

	@Test
	void aNewPriceShowsOnEveryStandsPublicMenu() {
		var owner = http.as("owner");
		var created = owner.post("/api/v1/products", productForm("TEST_PRICE", 1500));
		assertThat(created.status()).isEqualTo(201);
		long id = created.json().get("id").asLong();

		var form = productForm("TEST_PRICE", 1750);
		form.put("version", created.json().get("version").asInt());
		var updated = http.as("manager").put("/api/v1/products/" + id, form);
		assertThat(updated.status()).isEqualTo(200);

		var menu = http.get("/api/v1/stands/" + standId("KRK-10") + "/menu").json();
		assertThat(item(menu, "TEST_PRICE").get("priceMinor").asLong()).isEqualTo(1750);

		// a second edit from the form read before is stale and changes nothing
		assertThat(owner.put("/api/v1/products/" + id, productForm("TEST_PRICE", 9900)).status()).isEqualTo(200);
		var staleForm = productForm("TEST_PRICE", 100);
		staleForm.put("version", 0);
		assertThat(owner.put("/api/v1/products/" + id, staleForm).status()).isEqualTo(409);
		assertThat(owner.get("/api/v1/products/" + id).json().get("priceMinor").asLong()).isEqualTo(9900);

		var audit = owner.get("/api/v1/audit?subjectType=product&limit=20").body();
		assertThat(audit).contains("product.updated").contains("1750");
	}

	@Test
	void anArchivedProductLeavesTheMenu() {
		var owner = http.as("owner");
		long id = owner.post("/api/v1/products", productForm("TEST_ARCHIVE", 1000)).json().get("id").asLong();
		long stand = standId("KRK-11");
		assertThat(item(http.get("/api/v1/stands/" + stand + "/menu").json(), "TEST_ARCHIVE")).isNotNull();
		assertThat(owner.post("/api/v1/products/" + id + "/archive", null).status()).isEqualTo(200);
		assertThat(item(http.get("/api/v1/stands/" + stand + "/menu").json(), "TEST_ARCHIVE")).isNull();
		assertThat(owner.get("/api/v1/products?includeArchived=true").body()).contains("TEST_ARCHIVE");
	}

	@Test
	void aStandCanStopSellingOneProduct() {
		var owner = http.as("owner");
		long stand = standId("KRK-12");
		long product = owner.post("/api/v1/products", productForm("TEST_OFF", 1000)).json().get("id").asLong();
		owner.put("/api/v1/stands/" + stand + "/menu/" + product, Map.of("available", false));
		var off = item(http.get("/api/v1/stands/" + stand + "/menu").json(), "TEST_OFF");
		assertThat(off.get("available").asBoolean()).isFalse();
		assertThat(off.get("unavailableReason").asString()).isEqualTo("not-sold-here");
		assertThat(item(http.get("/api/v1/stands/" + standId("KRK-13") + "/menu").json(), "TEST_OFF")
				.get("available").asBoolean()).isTrue();
	}

	@Test
	void anInvalidProductListsEveryBadField() {
		var form = productForm("lower case", -5);
		form.put("name", " ");
		form.put("category", "Hot Dogs");
		form.put("photoUrl", "javascript:alert(1)");
		var response = http.as("owner").post("/api/v1/products", form);
		assertThat(response.status()).isEqualTo(400);
		assertThat(fields(response)).contains("code", "name", "priceMinor", "category", "photoUrl");

		var badVat = productForm("TEST_VAT", 1000);
		badVat.put("vatRateBasisPoints", 700);
		var vat = http.as("owner").post("/api/v1/products", badVat);
		assertThat(vat.status()).isEqualTo(422);
		assertThat(fields(vat)).containsExactly("vatRateBasisPoints");

		var duplicate = http.as("owner").post("/api/v1/products", productForm("HOTDOG_CLASSIC", 1000));
		assertThat(duplicate.status()).isEqualTo(409);
	}

	@Test
	void aRecipeNamesOnlyKnownIngredientsInPositiveQuantities() {
		var owner = http.as("owner");
		long product = owner.post("/api/v1/products", productForm("TEST_RECIPE", 1000)).json().get("id").asLong();
		long bun = ingredientId("BUN");
		long sausage = ingredientId("SAUSAGE_PORK");
		var bad = owner.put("/api/v1/products/" + product + "/recipe",
				List.of(Map.of("ingredientId", 999999, "quantity", 1), Map.of("ingredientId", bun, "quantity", 1)));
		assertThat(bad.status()).isEqualTo(422);
		assertThat(fields(bad)).containsExactly("[0].ingredientId");
		assertThat(owner.get("/api/v1/products/" + product).json().get("recipe").size()).isZero();

		var zero = owner.put("/api/v1/products/" + product + "/recipe", List.of(Map.of("ingredientId", bun, "quantity", 0)));
		assertThat(zero.status()).isEqualTo(400);

		var good = owner.put("/api/v1/products/" + product + "/recipe",
				List.of(Map.of("ingredientId", bun, "quantity", 1), Map.of("ingredientId", sausage, "quantity", 2)));
		assertThat(good.status()).isEqualTo(200);
		assertThat(good.json().get("recipe").size()).isEqualTo(2);
	}

	@Test
	void anIngredientInUseCannotBeArchived() {
		var response = http.as("owner").post("/api/v1/ingredients/" + ingredientId("BUN") + "/archive", null);
		assertThat(response.status()).isEqualTo(409);
		assertThat(response.json().get("detail").asString()).contains("Hot dog klasyczny");
	}

	@Test
	void aGlutenFreeBunMayBecomeARegularBun() {
		var owner = http.as("owner");
		var substitutes = owner.get("/api/v1/substitutes").body();
		assertThat(substitutes).contains("Bułka bezglutenowa").contains("Bułka do hot doga");

		long onion = ingredientId("CRISPY_ONION");
		long pickles = ingredientId("PICKLES");
		var added = owner.post("/api/v1/substitutes", Map.of("kind", "INGREDIENT", "originalId", onion, "substituteId", pickles));
		assertThat(added.status()).isEqualTo(201);
		long id = added.json().get("id").asLong();
		assertThat(owner.delete("/api/v1/substitutes/" + id).status()).isEqualTo(204);
		assertThat(owner.delete("/api/v1/substitutes/" + id).status()).isEqualTo(404);

		var self = owner.post("/api/v1/substitutes", Map.of("kind", "INGREDIENT", "originalId", onion, "substituteId", onion));
		assertThat(self.status()).isEqualTo(422);
	}

	@Test
	void theMenuOfAnUnknownStandIsNotFound() {
		assertThat(http.get("/api/v1/stands/424242/menu").status()).isEqualTo(404);
	}

	long ingredientId(String code) {
		for (JsonNode ingredient : http.as("owner").get("/api/v1/ingredients").json()) {
			if (ingredient.get("code").asString().equals(code)) {
				return ingredient.get("id").asLong();
			}
		}
		throw new AssertionError("no ingredient " + code);
	}

	static List<String> fields(Http.Response response) {
		var fields = new ArrayList<String>();
		response.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
		return fields;
	}
}
