package com.diggety.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The driver app and Web Push: the alerts screen says whether alerts reach the phone with the app closed and offers
 * to turn them on; a push message delivered to its service worker (through Chromium's DevTools protocol, the way
 * the browser's push service would) is shown as a notification that opens the alerts.
 */
class DriverPushBrowserTest extends BrowserTest {

	@Test
	void aPushMessageBecomesANotificationAndTheAlertsScreenOffersPush() {
		context = browser().newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setLocale("en-GB")
				.setBaseURL(baseUrl()).setPermissions(List.of("notifications")));
		var page = context.newPage();
		page.navigate("/staff/");
		page.getByLabel("Username").fill("driver1");
		page.getByLabel("Password").fill("diggety-driver");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
		page.navigate("/staff/#/alerts");
		var state = page.locator("#push-state");
		assertThat(state).containsText("Off: alerts show only while the app is open");
		assertThat(page.locator("#push-toggle")).hasText("Turn on");
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> Boolean.TRUE.equals(
				page.evaluate("() => navigator.serviceWorker.getRegistration('/staff/').then(r => !!(r && r.active))")));

		var shown = deliverPush(page, "/staff/", "{\"title\":\"Low stock: KRK-07\",\"body\":\"Sausage: 3 left (threshold 20)\","
				+ "\"tag\":\"low-stock-7-2\",\"url\":\"/staff/#/alerts\"}");
		assertThat(shown).contains("Low stock: KRK-07|Sausage: 3 left (threshold 20)|low-stock-7-2|/staff/#/alerts");
	}
}
