package com.diggety.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.diggety.Http;
import com.diggety.sync.Phone;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import tools.jackson.databind.JsonNode;

/**
 * A driver on the phone: an alert arrives live while the Alerts tab is open, the stand's task is taken and
 * delivered, and the stand's own phone pulls the new level.
 */
class DriverBrowserTest extends BrowserTest {

	@Test
	void aDriverSeesAnAlertLiveAndDeliversIt() {
		var owner = http.as("owner");
		var stand = find(owner.get("/api/v1/stands").json(), "KRK-40");
		long standId = stand.get("id").asLong();
		String standName = stand.get("name").asString();
		var sausage = find(owner.get("/api/v1/ingredients").json(), "SAUSAGE_PORK");
		long sausageId = sausage.get("id").asLong();
		String sausageName = sausage.get("name").asString();

		var phone = new Phone(http, "op40");
		assertThat(phone.standId).isEqualTo(standId);
		long cursor = phone.http.get("/api/v1/devices/" + phone.deviceId + "/changes?since=0").json().get("cursor").asLong();

		// the driver logs in (Polish phone) and keeps Alerts open
		var page = phone("pl-PL", 50.06, 19.94);
		page.navigate("/staff/");
		page.getByLabel("Nazwa użytkownika").fill("driver2");
		page.getByLabel("Hasło").fill("diggety-driver");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Zaloguj się")).click();
		var tabs = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Sekcje"));
		tabs.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Alerty")).click();
		// "live" means the server has answered on the socket, so it will hear the alert
		assertThat(page.locator(".live-state")).hasAttribute("data-live-state", "open");
		page.evaluate("() => { window.sameDocument = true; }");

		// the stand's phone counts only 3 sausages: below the threshold
		var counted = phone.push(Phone.list(phone.event("STOCK_COUNTED", Map.of("ingredientId", sausageId, "counted", 3))));
		assertThat(counted.json().get("results").get(0).get("status").asString()).isEqualTo("APPLIED");

		Locator alert = page.getByRole(AriaRole.LOG).getByRole(AriaRole.LISTITEM)
				.filter(new Locator.FilterOptions().setHasText(standName))
				.filter(new Locator.FilterOptions().setHasText(sausageName));
		assertThat(alert).hasCount(1);
		assertThat(alert).containsText("3");
		assertThat(page.getByRole(AriaRole.LOG).getByRole(AriaRole.LISTITEM).first()).containsText(standName);
		assertThat(page.evaluate("() => window.sameDocument === true")).isEqualTo(true);
		screenshot(page, "driver-alerts");

		// the server opens the stand's task just after the alert (an asynchronous listener)
		var driver = http.as("driver2");
		await().atMost(Duration.ofSeconds(30)).until(() -> driver.get("/api/v1/restock/tasks").json().valueStream()
				.anyMatch(t -> t.get("standId").asLong() == standId));

		tabs.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Zadania")).click();
		var task = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(standName).setExact(true));
		assertThat(task.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName(standName))).isVisible();
		assertThat(task).containsText(sausageName);
		// the phone shared its position, so the card says how far the stand is
		assertThat(task.locator(".distance")).hasText(Pattern.compile("^[\\d\\s\\u00a0,]+[\\s\\u00a0]?k?m$"));
		task.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Przyjmij " + standName)).click();
		var quantity = task.getByLabel(sausageName);
		assertThat(quantity).isFocused();
		quantity.fill("50");
		screenshot(page, "driver-tasks");
		task.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Dostarczono")).click();

		assertThat(page.locator("#status")).containsText(standName);
		assertThat(task).hasCount(0);
		assertThat(level(owner, standId, sausageId)).isEqualTo(53);

		// what the operator app shows: the stand's phone pulls the new level
		var changes = phone.http.get("/api/v1/devices/" + phone.deviceId + "/changes?since=" + cursor).json();
		var pulled = changes.get("stock").get("levels").valueStream()
				.filter(l -> l.get("ingredientId").asLong() == sausageId).findFirst().orElseThrow();
		assertThat(pulled.get("quantity").asLong()).isEqualTo(53);
	}

	@Test
	void theAppStartsOfflineOnItsLastTasksAndSendsADeliveryWhenBackOnline() {
		var owner = http.as("owner");
		var stand = find(owner.get("/api/v1/stands").json(), "KRK-41");
		long standId = stand.get("id").asLong();
		String standName = stand.get("name").asString();
		var sausage = find(owner.get("/api/v1/ingredients").json(), "SAUSAGE_PORK");
		long sausageId = sausage.get("id").asLong();
		owner.post("/api/v1/stands/" + standId + "/stock/movements",
				Map.of("kind", "COUNT", "ingredientId", sausageId, "quantity", 5));
		var driver = http.as("driver1");
		await().atMost(Duration.ofSeconds(30)).until(() -> driver.get("/api/v1/restock/tasks").json().valueStream()
				.anyMatch(t -> t.get("standId").asLong() == standId));

		var page = phone("en-GB", 50.06, 19.94);
		page.navigate("/staff/");
		page.getByLabel("Username").fill("driver1");
		page.getByLabel("Password").fill("diggety-driver");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
		var tabs = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Sections"));
		assertThat(tabs.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Tasks"))).hasAttribute("aria-current", "page");
		var task = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(standName).setExact(true));
		task.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Take " + standName)).click();
		assertThat(task.getByLabel(sausage.get("name").asString())).isVisible();
		assertThat(page.evaluate("navigator.serviceWorker.ready.then(() => true)")).isEqualTo(true);
		page.waitForFunction("() => navigator.serviceWorker.controller !== null");

		// no network: the app starts from the service worker and shows the saved list, saying how old it is
		context.setOffline(true);
		page.reload();
		assertThat(page.locator(".offline-banner")).containsText("Offline, last updated");
		task.getByLabel(sausage.get("name").asString()).fill("40");
		task.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delivered")).click();
		assertThat(page.locator("#status")).containsText("saved on this phone");
		assertThat(task).hasCount(0);

		// back online: the saved delivery goes out once
		context.setOffline(false);
		assertThat(page.locator("#status")).containsText("Saved deliveries sent: " + standName);
		assertThat(level(owner, standId, sausageId)).isEqualTo(45);
	}

	private static JsonNode find(JsonNode list, String code) {
		return list.valueStream().filter(n -> n.get("code").asString().equals(code)).findFirst().orElseThrow();
	}

	private static long level(Http owner, long standId, long ingredientId) {
		return owner.get("/api/v1/stands/" + standId + "/stock").json().get("levels").valueStream()
				.filter(l -> l.get("ingredientId").asLong() == ingredientId).findFirst().orElseThrow()
				.get("quantity").asLong();
	}
}
