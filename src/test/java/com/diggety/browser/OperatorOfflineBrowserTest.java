package com.diggety.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import tools.jackson.databind.JsonNode;

/**
 * A day at the stand without network: op02 signs in once online (the phone registers and pulls the menu and the
 * code hashes), opens a shift, loses the network, sells 50 times through the UI with cash, card and gateway
 * payments, a discount code checked offline and a refund, reloads the app offline from the service worker with
 * everything still there, and when the network returns the server has exactly those sales within seconds, to
 * the cent.
 */
class OperatorOfflineBrowserTest extends BrowserTest {

	private static final int SALES = 50;
	private static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions().setExact(true);

	@Test
	void operatorSellsOfflineAndSyncsOnce() {
		var owner = http.as("owner");
		long stand = http.as("op02").get("/api/v1/me").json().get("standId").asLong();
		var code = "OFFLINE" + System.nanoTime() % 100_000;
		long promotion = codePromotion(stand, code, "Offline code -20%", 2000);
		try {
			sellADayOffline(owner, stand, code);
		}
		finally {
			owner.post("/api/v1/promotions/" + promotion + "/archive", null);
		}
	}

	private void sellADayOffline(com.diggety.Http owner, long stand, String code) {
		var page = phone("en-GB", 50.0619, 19.9368);
		var pageErrors = new java.util.ArrayList<String>();
		page.onPageError(pageErrors::add);
		page.onConsoleMessage(m -> System.out.println("operator console " + m.type() + ": " + m.text()));
		page.navigate("/operator/");
		page.getByLabel("Username").fill("op02");
		page.getByLabel("Password").fill("diggety-operator");
		button(page, "Log in").click();

		// the device registered and pulled; open the shift with a float of 200 zł
		var syncbar = page.locator("#syncbar");
		assertThat(syncbar).containsText("Last sync", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Shift").setExact(true)).click();
		page.getByLabel("Float", EXACT).fill("200,00");
		button(page, "Open shift").click();
		var products = page.locator("button.product:not([disabled])");
		products.first().waitFor();
		assertThat(products.count()).isGreaterThanOrEqualTo(4);
		assertThat(page.evaluate("navigator.serviceWorker.ready.then(() => true)")).isEqualTo(true);
		page.waitForFunction("() => navigator.serviceWorker.controller !== null");
		assertThat(syncbar).containsText("All synced");

		context.setOffline(true);
		assertThat(syncbar).containsText("Offline");

		var hotDogs = page.locator("button.product:not([disabled])", new Page.LocatorOptions().setHasText("Hot dog"));
		for (int i = 0; i < SALES; i++) {
			products.first().waitFor();
			products.nth(i % products.count()).click();
			if (i % 4 == 0) {
				products.nth((i + 3) % products.count()).click();
			}
			if (i == 7) {
				// an unknown code says so, the real one unlocks the stand's promotion offline
				hotDogs.first().click();
				page.getByLabel("Discount code", EXACT).fill("NO-SUCH-CODE");
				button(page, "Apply code").click();
				assertThat(page.locator("form.code-form [role=alert]")).containsText("Unknown code");
				page.getByLabel("Discount code", EXACT).fill(" " + code.toLowerCase() + " ");
				button(page, "Apply code").click();
				assertThat(page.locator(".cart-applied")).containsText("Offline code -20%");
				screenshot(page, "operator-sell");
			}
			switch (i % 3) {
				case 0 -> page.getByLabel("Amount tendered", EXACT).fill("200");
				case 1 -> {
					page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Card")).check();
					page.getByLabel("Terminal approval code", EXACT).fill("APPR" + i);
				}
				default -> page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Online")).check();
			}
			button(page, "Record sale").click();
			assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Receipt"))).isVisible();
			if (i == 7) {
				assertThat(page.locator(".receipt-discounts")).containsText("Offline code -20%");
				page.locator(".receipt-qr svg").waitFor();
				screenshot(page, "operator-receipt");
			}
			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New sale")).click();
		}
		assertThat(syncbar).containsText("Offline");
		assertThat(syncbar).containsText(SALES + " waiting to sync");
		screenshot(page, "operator-offline");

		// a refund of the newest sale, offline
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Today").setExact(true)).click();
		var sales = page.locator("li.sale");
		assertThat(sales).hasCount(SALES);
		sales.first().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Refund")).click();
		page.getByLabel("Refund amount", EXACT).fill("1,00");
		page.getByLabel("Reason", EXACT).fill("cold sausage");
		button(page, "Record refund").click();
		assertThat(sales.first()).containsText("Refunded PLN 1.00");

		// the app starts from the service worker with its data
		page.reload();
		assertThat(syncbar).containsText("Offline");
		assertThat(syncbar).containsText((SALES + 1) + " waiting to sync"); // the sales and the refund
		assertThat(page.locator("li.sale")).hasCount(SALES);
		var device = deviceFigures(page);

		context.setOffline(false);
		var deviceId = (String) page.evaluate("""
				() => new Promise((resolve, reject) => {
					const open = indexedDB.open('diggety-operator');
					open.onsuccess = () => {
						const get = open.result.transaction('meta').objectStore('meta').get('device');
						get.onsuccess = () => resolve(get.result.deviceId);
						get.onerror = () => reject(get.error);
					};
				})""");
		var saleIds = new HashSet<String>();
		@SuppressWarnings("unchecked")
		var ids = (List<String>) page.evaluate("""
				() => new Promise((resolve) => {
					const open = indexedDB.open('diggety-operator');
					open.onsuccess = () => {
						const all = open.result.transaction('events').objectStore('events').getAll();
						all.onsuccess = () => resolve(all.result.filter(e => e.type === 'SALE_RECORDED').map(e => e.payload.saleId));
					};
				})""");
		saleIds.addAll(ids);
		assertThat(saleIds).hasSize(SALES);

		var deadline = Instant.now().plus(Duration.ofSeconds(10));
		List<JsonNode> onServer = List.of();
		while (Instant.now().isBefore(deadline)) {
			onServer = owner.get("/api/v1/sales?standId=" + stand).json().valueStream()
					.filter(s -> deviceId.equals(s.get("deviceId").asString())).toList();
			if (onServer.size() >= SALES && onServer.stream().anyMatch(s -> s.get("refundedMinor").asLong() > 0)) {
				break;
			}
			page.waitForTimeout(250);
		}
		var poisoned = owner.get("/api/v1/sync/poison?limit=1000").json().valueStream()
				.filter(p -> deviceId.equals(p.get("deviceId").asString()))
				.map(p -> p.get("type").asString() + " #" + p.get("sequence").asLong() + ": " + p.get("reason").asString()).toList();
		assertThat(poisoned).as("events of this phone the server could not apply").isEmpty();
		assertThat(onServer.stream().map(s -> s.get("id").asString()).toList())
				.as("the server has exactly the phone's sales").containsExactlyInAnyOrderElementsOf(saleIds);
		var server = new HashMap<String, Long>();
		for (var sale : onServer) {
			server.merge("total", sale.get("totalMinor").asLong(), Long::sum);
			server.merge("method-" + sale.get("payment").get("method").asString(), sale.get("totalMinor").asLong(), Long::sum);
			server.merge("discounts", sale.get("discountMinor").asLong(), Long::sum);
			server.merge("refunds", sale.get("refundedMinor").asLong(), Long::sum);
		}
		assertThat(server.get("refunds")).isEqualTo(100L);
		assertThat(server.get("discounts")).isPositive();
		for (var figure : List.of("total", "method-CASH", "method-CARD", "method-GATEWAY", "discounts", "refunds")) {
			assertThat(device.get(figure)).as("device vs server: " + figure).isEqualTo(server.getOrDefault(figure, 0L));
		}
		assertThat(syncbar).containsText("All synced");
		assertThat(syncbar).containsText("Online");

		// close the shift: the Z report on the phone, and the server's agrees
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Shift").setExact(true)).click();
		page.getByLabel("Counted cash", EXACT).fill(moneyText(device.get("method-CASH") + 20000 - 50));
		button(page, "Close shift").click();
		var report = page.locator("section.z");
		assertThat(report.locator("[data-figure=count] dd")).hasText(String.valueOf(SALES));
		assertThat(report.locator("[data-figure=variance] dd")).containsText("0.50");
		assertThat(report.locator(".server-report")).containsText("Same as the phone",
				new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
		screenshot(page, "operator-shift");
		assertThat(pageErrors).as("uncaught errors in the app").isEmpty();
	}

	/**
	 * op25 counts its sausages offline on the Stock tab (4, below the threshold); once online the server has the
	 * count, the low level makes a restock task, a driver delivers 40 and the phone shows 44 after its next pull.
	 */
	@Test
	void theOperatorCountsStockOfflineAndSeesADriversDelivery() {
		var owner = http.as("owner");
		long stand = http.as("op25").get("/api/v1/me").json().get("standId").asLong();
		long sausage = owner.get("/api/v1/stands/" + stand + "/stock").json().get("levels").valueStream()
				.filter(l -> "SAUSAGE_PORK".equals(l.get("ingredientCode").asString())).findFirst().orElseThrow()
				.get("ingredientId").asLong();
		var page = phone("en-GB", 50.0619, 19.9368);
		var pageErrors = new java.util.ArrayList<String>();
		page.onPageError(pageErrors::add);
		page.onConsoleMessage(m -> System.out.println("operator console " + m.type() + ": " + m.text()));
		page.navigate("/operator/");
		page.getByLabel("Username").fill("op25");
		page.getByLabel("Password").fill("diggety-operator");
		button(page, "Log in").click();
		var syncbar = page.locator("#syncbar");
		assertThat(syncbar).containsText("Last sync", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
		page.waitForFunction("() => navigator.serviceWorker.ready.then(() => true)");

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Stock").setExact(true)).click();
		var row = page.locator(".stock-item", new Page.LocatorOptions().setHasText("Parówka wieprzowa"))
				.and(page.locator("[data-code=SAUSAGE_PORK]"));
		assertThat(row).isVisible();

		context.setOffline(true);
		assertThat(syncbar).containsText("Offline");
		page.getByLabel("Find ingredient", EXACT).fill("parówka");
		row.locator("button.stock-pick").click();
		row.getByRole(AriaRole.RADIO, new Locator.GetByRoleOptions().setName("Count")).check();
		// validation first: a negative count is refused and nothing is recorded
		page.getByLabel("Counted", EXACT).fill("-1");
		button(page, "Record count").click();
		assertThat(page.locator(".stock-form [role=alert]")).containsText("Check");
		assertThat(syncbar).containsText("All synced");
		page.getByLabel("Counted", EXACT).fill("4");
		button(page, "Record count").click();
		assertThat(page.locator(".stock-waiting-list")).containsText("Count: Parówka wieprzowa = 4");
		assertThat(row.locator(".stock-qty")).hasText("4");
		assertThat(row.locator(".stock-status")).hasText("Low");
		assertThat(syncbar).containsText("1 waiting to sync");

		context.setOffline(false);
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> level(owner, stand, sausage) == 4);
		assertThat(page.locator(".stock-waiting")).containsText("All stock changes are synced",
				new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(15_000));

		// a driver takes the task the low level raised and delivers 40
		var driver = http.as("driver1");
		var task = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(
				() -> driver.get("/api/v1/restock/tasks").json().valueStream()
						.filter(t -> t.get("standId").asLong() == stand).findFirst().orElse(null),
				java.util.Objects::nonNull);
		var id = task.get("id").asString();
		if (!"ACCEPTED".equals(task.get("status").asString())) {
			var accepted = driver.post("/api/v1/restock/tasks/" + id + "/accept", null);
			assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
		}
		var delivered = driver.post("/api/v1/restock/tasks/" + id + "/deliver",
				Map.of("lines", List.of(Map.of("ingredientId", sausage, "quantity", 40))));
		assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);
		assertThat(level(owner, stand, sausage)).isEqualTo(44);

		// the phone hears of it (a /ws nudge, the 30 s tick, or "Sync now")
		button(page, "Sync now").click();
		assertThat(row.locator(".stock-qty")).hasText("44",
				new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(45_000));
		assertThat(row.locator(".stock-status")).hasText("OK");
		screenshot(page, "operator-stock");
		assertThat(pageErrors).as("uncaught errors in the app").isEmpty();
	}

	private static long level(com.diggety.Http owner, long stand, long ingredient) {
		return owner.get("/api/v1/stands/" + stand + "/stock").json().get("levels").valueStream()
				.filter(l -> l.get("ingredientId").asLong() == ingredient).findFirst().orElseThrow()
				.get("quantity").asLong();
	}

	/** The phone's own figures from the "Today" screen, in minor units. */
	private static Map<String, Long> deviceFigures(Page page) {
		var figures = new HashMap<String, Long>();
		for (var figure : List.of("total", "method-CASH", "method-CARD", "method-GATEWAY", "discounts", "refunds")) {
			figures.put(figure, minor(page.locator("[data-figure=" + figure + "] dd").innerText()));
		}
		return figures;
	}

	private static long minor(String money) {
		var digits = money.replaceAll("[^0-9]", "");
		return digits.isEmpty() ? 0 : Long.parseLong(digits);
	}

	private static String moneyText(long minor) {
		return (minor / 100) + "." + String.format("%02d", minor % 100);
	}

	private static Locator button(Page page, String name) {
		return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
	}
}
