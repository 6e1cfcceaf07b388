package com.diggety.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.diggety.sync.Phone;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import tools.jackson.databind.JsonNode;

/**
 * The owner's day in /admin/: buns run low at KRK-30 after waste, a phone sold fries at an old price, and the
 * stand's phone is lost. Stock shows the low level and the alert and exports the movements as CSV; Sales shows the
 * mismatch with both totals and the short cash; Devices revokes the phone, whose token is then refused.
 */
class AdminStockBrowserTest extends BrowserTest {

	private static final String CSV_HEADER = "occurred_at,ingredient,quantity,kind,cause,note";

	private JsonNode byCode(String path, String code) {
		return http.as("owner").get(path).json().valueStream().filter(n -> n.get("code").asString().equals(code))
				.findFirst().orElseThrow(() -> new AssertionError(code + " not in " + path));
	}

	@Test
	@SuppressWarnings("unchecked")
	void theOwnerSeesLowStockAMismatchedSaleAndRevokesALostPhone() throws IOException {
		var owner = http.as("owner");
		long stand = byCode("/api/v1/stands", "KRK-30").get("id").asLong();
		long bun = byCode("/api/v1/ingredients", "BUN").get("id").asLong();
		long ketchup = byCode("/api/v1/ingredients", "KETCHUP").get("id").asLong();

		// rain-soaked buns go in the bin: ten below the threshold is left (low, not out)
		var level = owner.get("/api/v1/stands/" + stand + "/stock").json().get("levels").valueStream()
				.filter(l -> l.get("ingredientId").asLong() == bun).findFirst().orElseThrow();
		long waste = level.get("quantity").asLong() - (level.get("threshold").asLong() - 10);
		assertThat(waste).isPositive();
		var wasted = owner.post("/api/v1/stands/" + stand + "/stock/movements",
				Map.of("kind", "WASTE", "ingredientId", bun, "quantity", waste, "note", "Rain-soaked buns"));
		assertThat(wasted.status()).as(wasted.body()).isEqualTo(200);
		var delivered = owner.post("/api/v1/stands/" + stand + "/stock/movements",
				Map.of("kind", "DELIVERY", "ingredientId", ketchup, "quantity", 500, "note", "Morning van"));
		assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);

		// the stand's phone: a shift, fries at yesterday's price, a hot dog at today's, a refund of a sale it never
		// had (poison), and the shift closed five złoty short
		var phone = new Phone(http, "op30");
		var shift = UUID.randomUUID();
		var fries = UUID.randomUUID();
		var pushed = phone.push(Phone.list(
				phone.event("SHIFT_OPENED", Map.of("shiftId", shift.toString(), "floatMinor", 20000)),
				phone.event("SALE_RECORDED", Phone.cashSale(fries, shift, byCode("/api/v1/products", "FRIES").get("id").asLong(), 1, 800)),
				phone.event("SALE_RECORDED", Phone.cashSale(UUID.randomUUID(), shift,
						byCode("/api/v1/products", "HOTDOG_CLASSIC").get("id").asLong(), 2, 1290)),
				phone.event("SALE_REFUNDED", Map.of("saleId", UUID.randomUUID().toString(), "refundId",
						UUID.randomUUID().toString(), "amountMinor", 500, "reason", "Cold fries", "method", "CASH")),
				phone.event("SHIFT_CLOSED", Map.of("shiftId", shift.toString(), "countedCashMinor", 20000 + 800 + 2580 - 500))));
		assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
		assertThat(pushed.json().get("results").valueStream().map(r -> r.get("status").asString()))
				.containsExactly("APPLIED", "APPLIED", "APPLIED", "POISON", "APPLIED");

		var admin = desktop("en-GB");
		var asked = new AtomicReference<String>();
		admin.onDialog(dialog -> {
			asked.set(dialog.message());
			dialog.accept();
		});
		admin.navigate("/admin/");
		admin.getByLabel("Username").fill("owner");
		admin.getByLabel("Password").fill("diggety-owner");
		admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();

		// Stands: whether each stand's phone is online
		var standRow = admin.locator("tr[data-stand-id='" + stand + "']");
		assertThat(admin.getByRole(AriaRole.COLUMNHEADER, new Page.GetByRoleOptions().setName("Online"))).isVisible();
		assertThat(standRow.locator(".presence")).containsText("Offline");

		// Stock: the matrix, the alert, today's delivery
		admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Stock").setExact(true)).click();
		var matrixRow = admin.locator(".stock-matrix tr[data-stand-code='KRK-30']");
		var bunCell = matrixRow.locator("td[data-ingredient='BUN']");
		assertThat(bunCell).hasAttribute("data-status", "LOW");
		assertThat(bunCell).containsText("Low");
		assertThat(matrixRow.locator("td[data-ingredient='KETCHUP']")).hasAttribute("data-status", "OK");
		assertThat(admin.locator(".stock-alerts tr[data-alert-kind='LOW'][data-stand-code='KRK-30'][data-ingredient='BUN']"))
				.containsText("Bułka do hot doga");
		assertThat(admin.locator(".stock-deliveries")).containsText("Morning van");
		matrixRow.scrollIntoViewIfNeeded();
		admin.evaluate("window.scrollTo(0, 0)");
		screenshot(admin, "admin-stock");

		// the stand's detail: the low level, the movements and their CSV
		matrixRow.getByRole(AriaRole.LINK).click();
		assertThat(admin.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText("Stock:");
		assertThat(admin.locator(".stand-levels tr[data-ingredient='BUN']")).containsText("Low");
		assertThat(admin.locator(".stock-movements")).containsText("Rain-soaked buns");
		var csvLink = admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download CSV"));
		assertThat(csvLink).hasAttribute("href", Pattern.compile("format=csv"));
		var fetched = (String) admin.evaluate("""
				async (href) => {
					const response = await fetch(href, { headers: { Authorization: `Bearer ${sessionStorage.getItem('diggety.admin.token')}` } });
					return `${response.status}\\n${await response.text()}`;
				}""", csvLink.getAttribute("href"));
		assertThat(fetched).startsWith("200\n" + CSV_HEADER + "\n").contains("Bułka do hot doga").contains("WASTE");
		var download = admin.waitForDownload(csvLink::click);
		var saved = Files.readString(download.path(), StandardCharsets.UTF_8);
		assertThat(saved).startsWith(CSV_HEADER).contains("\"Rain-soaked buns\"");
		assertThat(admin.getByRole(AriaRole.STATUS)).containsText("Downloaded");

		// Sales: the stand's day with the mismatch filter, both totals, the short shift
		admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sales").setExact(true)).click();
		admin.getByLabel("Stand", new Page.GetByLabelOptions().setExact(true)).selectOption(String.valueOf(stand));
		admin.getByLabel("Price mismatches only").check();
		var mismatched = admin.locator("tr[data-sale-id='" + fries + "']");
		assertThat(mismatched).containsText("8.00");
		assertThat(mismatched.locator(".server-total")).containsText("9.90");
		assertThat(admin.locator("table.sales tr[data-mismatch='false']")).hasCount(0);
		mismatched.getByRole(AriaRole.BUTTON).click();
		assertThat(admin.locator("tr.sale-detail:visible")).containsText("Charged (phone)");
		assertThat(admin.locator("table.shifts tr[data-shift-id='" + shift + "']")).containsText("5.00 short");
		assertThat(admin.locator(".totals [data-method='CASH']").last()).containsText("33.80");
		screenshot(admin, "admin-sales");

		// Devices: op30's phone with its last sync, the poison event; revoke it
		admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Devices").setExact(true)).click();
		var device = admin.locator("tr[data-device-id='" + phone.deviceId + "']");
		assertThat(device).containsText("Test phone of op30");
		assertThat(device).containsText("up to event 5");
		assertThat(admin.locator("table.poison")).containsText("SALE_REFUNDED");
		screenshot(admin, "admin-devices");
		device.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke Test phone of op30 at KRK-30")).click();
		assertThat(admin.getByRole(AriaRole.STATUS)).containsText("Revoked");
		assertThat(asked.get()).contains("Test phone of op30");
		assertThat(device).containsText("Revoked");

		// the lost phone's token is refused from now on
		assertThat(phone.http.get("/api/v1/devices/" + phone.deviceId + "/changes").status()).isEqualTo(401);
		assertThat(phone.push(List.of(phone.event("STAND_CLOSED", Map.of()))).status()).isEqualTo(401);
	}
}
