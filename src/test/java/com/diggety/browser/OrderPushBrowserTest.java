package com.diggety.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.diggety.notifications.Push;
import com.diggety.orders.OrderStage;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

/**
 * The customer's order page and Web Push: the page offers to tell the customer on this phone and says honestly what
 * it can. Headless Chromium has no push service, so its subscription is refused and the page must say "not
 * possible" (nothing is faked, nothing stored); a push delivered to the customer app's service worker through the
 * DevTools protocol, as a push service would, becomes a notification that opens the order's page.
 */
class OrderPushBrowserTest extends BrowserTest {

	private static final LocatorAssertions.ContainsTextOptions SLOW = new LocatorAssertions.ContainsTextOptions()
			.setTimeout(30_000);

	@Autowired
	Push push;

	@Test
	void theOrderPageOffersPushAndSaysPlainlyWhenThisPhoneCannot() {
		var stage = OrderStage.open(http, false, "+48600440001", 5000);
		var placed = stage.place(OrderStage.order(stage.standId, OrderStage.product(http, "COLA"), 1, "push-page@example.com"));
		context = browser().newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setHasTouch(true)
				.setIsMobile(true).setLocale("en-GB").setBaseURL(baseUrl()).setPermissions(List.of("notifications")));
		// this phone placed the order: it remembers it with its key, as the checkout does
		context.addInitScript("localStorage.setItem('diggety.customer.orders', JSON.stringify([{ id: '" + placed.id()
				+ "', accessKey: '" + placed.key() + "', guest: true }]))");
		var page = context.newPage();
		page.onConsoleMessage(m -> {
			if ("error".equals(m.type())) {
				System.out.println("customer console: " + m.text());
			}
		});
		page.navigate("/#/orders/" + placed.id());
		assertThat(page.locator("#order-number")).hasText(placed.number(), new LocatorAssertions.HasTextOptions().setTimeout(30_000));
		var card = page.locator("#order-push");
		assertThat(card.getByRole(AriaRole.HEADING)).hasText("On this phone");
		assertThat(page.locator("#order-push-state")).containsText("Off:");
		var toggle = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tell me on this phone when it's ready"));
		assertThat(toggle).isVisible();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> Boolean.TRUE.equals(
				page.evaluate("() => navigator.serviceWorker.getRegistration('/').then(r => !!(r && r.active))")));

		toggle.click();
		assertThat(page.locator("#order-push-state")).containsText("Not possible on this phone now", SLOW);
		assertThat(card).hasAttribute("data-state", "failed");
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Try again"))).isVisible();
		screenshot(page, "customer-order-push");
		assertThat(push.subscriptionsOf("order:" + placed.id())).as("nothing stored for a refused subscription").isEmpty();

		// a push the customer's service worker gets is shown, and names the page to open
		var message = new JsonObject();
		message.addProperty("title", "Diggety order " + placed.number());
		message.addProperty("body", "Order " + placed.number() + " is ready. Show your QR code at the stand.");
		message.addProperty("tag", "order-" + placed.id());
		message.addProperty("url", "/#/orders/" + placed.id());
		var shown = deliverPush(page, "/", message.toString());
		assertThat(shown).isEqualTo("Diggety order " + placed.number() + "|Order " + placed.number()
				+ " is ready. Show your QR code at the stand.|order-" + placed.id() + "|/#/orders/" + placed.id());
	}
}
