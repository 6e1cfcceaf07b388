package com.diggety.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import com.diggety.Http;
import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;

import tools.jackson.databind.JsonNode;

/**
 * The owner runs a company-wide hot-dog discount from /admin/, sees the quote take it off and pauses it; an
 * operator offers a coffee deal at its own stand from the phone and is held to the owner's limit. Every promotion
 * made here is archived at the end, even when the test fails, so no other test prices carts with it.
 */
class PromotionsBrowserTest extends BrowserTest {

	private final AtomicInteger inFlight = new AtomicInteger();

	@Test
	void theOwnerStartsAHotDogDiscountChecksTheQuoteAndPausesIt() {
		var name = "Happy hot dogs -15%";
		var owner = http.as("owner");
		Page admin = null;
		try {
			admin = tracked(desktop("en-GB"));
			admin.navigate("/admin/");
			logIn(admin, "owner", "diggety-owner");

			admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Promotions").setExact(true)).click();
			admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New promotion")).click();
			admin.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
			admin.getByLabel("Kind").selectOption("PRODUCT_DISCOUNT");
			admin.getByLabel("Categories").selectOption("hot-dogs");
			admin.getByLabel("Percent").fill("15");
			admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save promotion")).click();

			assertThat(admin.getByRole(AriaRole.STATUS)).containsText(name);
			var row = admin.locator("tr[data-promotion-id]", new Page.LocatorOptions().setHasText(name));
			assertThat(row).containsText("Product discount");
			assertThat(row).containsText("Company");
			assertThat(row).containsText("Active");

			// the quote for one classic hot dog takes 15 % of 12,90 zł off: 193.5 rounds to 194 grosze
			long promotion = promotionId(owner, name).orElseThrow();
			long hotDog = hotDogClassic(owner);
			long stand = anyActiveStand(owner);
			assertThat(discountBy(promotion, stand, hotDog)).isEqualTo(OptionalLong.of(194));

			// "Try a cart" shows the same
			admin.getByLabel("Line 1: product").selectOption(String.valueOf(hotDog));
			admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Price the cart")).click();
			var applied = admin.locator(".cart-result .applied li", new Page.LocatorOptions().setHasText(name));
			assertThat(applied).containsText("1.94");
			screenshot(admin, "admin-promotions");

			admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pause " + name)).click();
			assertThat(admin.getByRole(AriaRole.STATUS)).containsText("Paused");
			assertThat(row).containsText("Paused");
			assertThat(discountBy(promotion, stand, hotDog)).isEmpty();

			admin.onceDialog(Dialog::accept);
			admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Archive " + name)).click();
			assertThat(admin.getByRole(AriaRole.STATUS)).containsText("Archived");
			assertThat(row).hasCount(0);
		}
		finally {
			settle(admin);
			archiveAll(owner, name);
		}
	}

	@Test
	void anOperatorOffersACoffeeDealWithinTheOwnersLimit() {
		var name = "Kawa -10%";
		var tooMuch = "Kawa -50%";
		var owner = http.as("owner");
		Page phone = null;
		try {
			phone = tracked(phone("en-GB", 50.0617, 19.9373));
			phone.navigate("/operator/");
			logIn(phone, "op01", "diggety-operator");
			phone.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("My promotions")).click();
			assertThat(phone.getByText("up to 20% off")).isVisible();

			offer(phone, name, "10");
			// the phone has a sync bar too; #status is the line the screens report to
			assertThat(phone.locator("#status")).containsText(name);
			var card = phone.locator("li.promotion-card", new Page.LocatorOptions().setHasText(name));
			assertThat(card).containsText("10% off Kawa");
			assertThat(card).containsText("Active");

			offer(phone, tooMuch, "50");
			assertThat(phone.locator("form .field-error")).containsText("at most 20");
			assertThat(phone.locator("form .form-errors")).containsText("not saved");
			assertThat(phone.locator("li.promotion-card", new Page.LocatorOptions().setHasText(tooMuch))).hasCount(0);
			screenshot(phone, "operator-promotions");

			// the server put it at op01's stand, not company-wide
			long ownStand = http.as("op01").get("/api/v1/me").json().get("standId").asLong();
			var stored = promotions(owner).stream().filter(p -> p.get("name").asString().equals(name)).findFirst()
					.orElseThrow();
			assertThat(stored.get("standId").asLong()).isEqualTo(ownStand);
			assertThat(promotionId(owner, tooMuch)).isEmpty();
		}
		finally {
			settle(phone);
			archiveAll(owner, name);
			archiveAll(owner, tooMuch);
		}
	}

	/** Counts the page's promotion requests still on their way, so clean-up runs after the last one landed. */
	private Page tracked(Page page) {
		Predicate<Request> promotionWrite = r -> !r.method().equals("GET")
				&& r.url().contains("/api/v1/promotions");
		page.onRequest(r -> inFlight.addAndGet(promotionWrite.test(r) ? 1 : 0));
		page.onRequestFinished(r -> inFlight.addAndGet(promotionWrite.test(r) ? -1 : 0));
		page.onRequestFailed(r -> inFlight.addAndGet(promotionWrite.test(r) ? -1 : 0));
		return page;
	}

	/** Waits until no promotion request of the page is pending: one sent just before a failure may still create one. */
	private void settle(Page page) {
		if (page != null && !page.isClosed()) {
			page.waitForCondition(() -> inFlight.get() == 0);
		}
	}

	private static void logIn(Page page, String username, String password) {
		page.getByLabel("Username").fill(username);
		page.getByLabel("Password").fill(password);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
	}

	private static void offer(Page phone, String name, String percent) {
		phone.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
		phone.getByLabel("Kind").selectOption("PRODUCT_DISCOUNT");
		phone.getByLabel("Products").selectOption(new SelectOption().setLabel("Kawa"));
		phone.getByLabel("Percent").fill(percent);
		phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save promotion")).click();
	}

	private static List<JsonNode> promotions(Http owner) {
		return owner.get("/api/v1/promotions?includeArchived=true").json().valueStream().toList();
	}

	private static OptionalLong promotionId(Http owner, String name) {
		return promotions(owner).stream().filter(p -> p.get("name").asString().equals(name))
				.mapToLong(p -> p.get("id").asLong()).findFirst();
	}

	/** Archives every promotion of that name that is not archived yet. */
	private static void archiveAll(Http owner, String name) {
		promotions(owner).stream()
				.filter(p -> p.get("name").asString().equals(name) && !p.get("status").asString().equals("ARCHIVED"))
				.forEach(p -> assertThat(owner.post("/api/v1/promotions/" + p.get("id").asLong() + "/archive", null)
						.status()).isEqualTo(200));
	}

	private static long hotDogClassic(Http owner) {
		return owner.get("/api/v1/products").json().valueStream()
				.filter(p -> p.get("code").asString().equals("HOTDOG_CLASSIC")).findFirst().orElseThrow()
				.get("id").asLong();
	}

	private static long anyActiveStand(Http owner) {
		return owner.get("/api/v1/stands").json().valueStream().filter(s -> s.get("active").asBoolean())
				.findFirst().orElseThrow().get("id").asLong();
	}

	/** What the promotion takes off one product at the stand in a public quote; empty when it does not apply. */
	private OptionalLong discountBy(long promotion, long stand, long product) {
		var response = http.anonymous().post("/api/v1/pricing/quote",
				Map.of("standId", stand, "lines", List.of(Map.of("productId", product, "quantity", 1))));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().get("quote").get("applied").valueStream()
				.filter(a -> a.get("promotionId").asLong() == promotion)
				.mapToLong(a -> a.get("amountMinor").asLong()).findFirst();
	}
}
