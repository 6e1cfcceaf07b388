package com.diggety.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** The owner changes a price in /admin/ and a customer sees it on a stand's menu in the phone app. */
class AdminBrowserTest extends BrowserTest {

	@Test
	void theOwnerChangesAPriceAndCustomersSeeIt() {
		var admin = desktop("en-GB");
		admin.navigate("/admin/");
		admin.getByLabel("Username").fill("owner");
		admin.getByLabel("Password").fill("diggety-owner");
		admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();

		admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Stands")).first().click();
		admin.locator(".leaflet-interactive, .leaflet-marker-icon").first().waitFor();
		screenshot(admin, "admin-stands");

		admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Menu").setExact(true)).click();
		admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit Herbata")).click();
		admin.getByLabel("Price", new Page.GetByLabelOptions().setExact(true)).fill("6,40");
		admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true)).click();
		assertThat(admin.getByRole(AriaRole.STATUS)).containsText("Saved");
		assertThat(admin.locator("tr[data-product-id]", new Page.LocatorOptions().setHasText("Herbata")))
				.containsText("6.40");
		screenshot(admin, "admin-menu");

		// the public API and the customer's phone both show the new price
		long stand = http.get("/api/v1/stands/nearby?lat=50.0617&lon=19.9373&limit=1").json().get(0).get("id").asLong();
		var tea = http.get("/api/v1/stands/" + stand + "/menu").json().get("items").valueStream()
				.filter(i -> i.get("code").asString().equals("TEA")).findFirst().orElseThrow();
		assertThat(tea.get("priceMinor").asLong()).isEqualTo(640);

		var customer = phone("pl-PL", 50.0617, 19.9373);
		customer.navigate("/");
		// the list is drawn again once the browser gives the position: tap a stand only after that
		assertThat(customer.locator("#status")).containsText("Pokazuję budki w Twojej okolicy");
		assertThat(customer.locator("#stands")).hasAttribute("aria-busy", "false");
		customer.locator("a.stand-card").first().click();
		var item = customer.locator("li.menu-item", new Page.LocatorOptions().setHasText("Herbata"));
		assertThat(item.locator(".item-price")).containsText("6,40");
		screenshot(customer, "customer-menu");
	}

	@Test
	void aWrongPasswordShowsAnErrorAndNoDashboard() {
		var admin = desktop("pl-PL");
		admin.navigate("/admin/");
		admin.getByLabel("Nazwa użytkownika").fill("owner");
		admin.getByLabel("Hasło").fill("not-the-password");
		admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Zaloguj się")).click();
		assertThat(admin.locator("form .form-errors[role=alert]")).not().isEmpty();
		assertThat(admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Menu").setExact(true)))
				.hasCount(0);
	}
}
