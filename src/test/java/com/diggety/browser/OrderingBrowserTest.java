package com.diggety.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.diggety.orders.OrderStage;
import com.diggety.orders.Orders;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

/**
 * A customer orders ahead on one phone while the stand's operator serves on another: find the nearest stand, add a
 * hot dog, enter a code, pay in the sandbox, follow each status live, show the QR; the operator accepts, marks it
 * ready and checks the pickup code. And the SMS way when the operator's phone is offline.
 */
class OrderingBrowserTest extends BrowserTest {

	private static final LocatorAssertions.ContainsTextOptions SLOW = new LocatorAssertions.ContainsTextOptions()
			.setTimeout(30_000);
	private static final LocatorAssertions.HasAttributeOptions SLOW_ATTRIBUTE = new LocatorAssertions.HasAttributeOptions()
			.setTimeout(30_000);

	@Autowired
	JdbcClient db;

	@Autowired
	Orders orders;

	private BrowserContext operatorContext;

	@AfterEach
	void closeOperator() {
		if (operatorContext != null) {
			operatorContext.close();
		}
	}

	private Page operatorPhone(OrderStage stage) {
		operatorContext = browser().newContext(operatorPhoneOptions());
		var page = operatorSignedIn(operatorContext, stage.operator, OrderStage.OPERATOR_PASSWORD);
		page.locator("#tab-orders").click();
		return page;
	}

	private Page customerPhone(double lat, double lon) {
		var page = phone("en-GB", lat, lon);
		page.onConsoleMessage(m -> {
			if ("error".equals(m.type())) {
				System.out.println("customer console: " + m.text());
			}
		});
		return page;
	}

	/** The customer: nearest stand, a hot dog, the code, checkout as a guest, pay in the sandbox. */
	private String orderAndPay(Page customer, OrderStage stage, String code, String email) {
		customer.navigate("/");
		// the list comes from the phone's position once the browser gives it: the stand right here comes first
		var first = customer.locator("#stands li").first();
		assertThat(first).containsText(stage.name, SLOW);
		assertThat(customer.locator("#stands")).hasAttribute("aria-busy", "false");
		first.locator("a").first().click();
		var add = customer.locator("[data-add]").first();
		add.waitFor();
		add.click();
		assertThat(customer.locator("#cart")).isVisible();
		if (code != null) {
			customer.locator("#code-input").fill(code);
			customer.locator("#code-apply").click();
			assertThat(customer.locator("#cart")).containsText("Order ahead -10%", SLOW);
		}
		screenshot(customer, "customer-cart");
		customer.locator("#checkout").click();
		customer.locator("#guest-email").fill(email);
		customer.locator("#place-order").click();
		customer.waitForURL("**/sandbox/checkout/**");
		customer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay").setExact(true)).click();
		customer.waitForURL("**/#/orders/**");
		return customer.url().substring(customer.url().indexOf("#/orders/") + "#/orders/".length());
	}

	@Test
	void aCustomerOrdersPaysAndPicksUpWhileTheOperatorServesLive() {
		double lat = 50.0585, lon = 19.9261;
		var stage = OrderStage.open(http, false, "+48600420001", 5000, lat, lon);
		var code = "AHEAD" + System.nanoTime() % 100_000;
		long promotion = codePromotion(stage.standId, code, "Order ahead -10%", 1000);
		try {
			var operator = operatorPhone(stage);
			var customer = customerPhone(lat, lon);
			var orderId = orderAndPay(customer, stage, code, "guest@example.com");
			var status = customer.locator("#order-status");
			assertThat(status).hasAttribute("data-status", "PAID", SLOW_ATTRIBUTE);
			var number = customer.locator("#order-number").textContent().replaceAll("\\D", "");
			assertThat(number).hasSize(4);

			// the operator's phone rings with the order and what the stand has to make it
			var card = operator.locator(".order-card[data-order-id='" + orderId + "']");
			assertThat(card).containsText(number, SLOW);
			screenshot(operator, "operator-orders");
			card.locator("[data-action=accept]").click();
			assertThat(status).hasAttribute("data-status", "ACCEPTED", SLOW_ATTRIBUTE);
			var qr = customer.locator("#pickup-qr");
			qr.waitFor();
			var pickupCode = qr.getAttribute("data-code");
			assertThat(pickupCode).isNotBlank();
			screenshot(customer, "customer-order");

			card.locator("[data-action=ready]").click();
			assertThat(status).hasAttribute("data-status", "READY", SLOW_ATTRIBUTE);

			// a forged code is refused; the customer's QR is accepted and the order is collected
			operator.locator("#pickup-input").fill(pickupCode.substring(0, pickupCode.length() - 4) + "AAAA");
			operator.locator("#pickup-verify").click();
			assertThat(operator.locator("#pickup-result")).hasAttribute("data-result", "refused");
			operator.locator("#pickup-input").fill(pickupCode);
			operator.locator("#pickup-verify").click();
			assertThat(operator.locator("#pickup-result")).hasAttribute("data-result", "ok", SLOW_ATTRIBUTE);
			assertThat(status).hasAttribute("data-status", "PICKED_UP", SLOW_ATTRIBUTE);
			screenshot(customer, "customer-picked-up");

			var history = http.as("owner").get("/api/v1/orders/" + orderId).json().get("history");
			assertThat(history.size()).isEqualTo(5);
			assertThat(history.get(4).get("status").asString()).isEqualTo("PICKED_UP");
			assertThat(http.as("owner").get("/api/v1/orders/" + orderId).json().get("discountMinor").asLong())
					.isPositive();
		}
		finally {
			http.as("owner").post("/api/v1/promotions/" + promotion + "/archive", null);
		}
	}

	@Test
	void withTheOperatorOfflineTheOrderGoesBySmsAndATimeoutRefundsIt() throws Exception {
		double lat = 50.0703, lon = 19.9551;
		var standPhone = "+48600420002";
		var stage = OrderStage.open(http, false, standPhone, 5000, lat, lon);
		var operator = operatorPhone(stage);
		operatorContext.setOffline(true);
		assertThat(operator.locator("#syncbar")).containsText("Offline", SLOW);
		// the stand counts as offline once its heartbeat is older than the window (4 s in the tests)
		await().atMost(Duration.ofSeconds(20)).until(() -> "SMS".equals(
				http.get("/api/v1/stands/" + stage.standId + "/ordering").json().get("way").asString()));

		var customer = customerPhone(lat, lon);
		var orderId = orderAndPay(customer, stage, null, "sms-way@example.com");
		var status = customer.locator("#order-status");
		assertThat(status).hasAttribute("data-status", "PAID", SLOW_ATTRIBUTE);
		var number = customer.locator("#order-number").textContent().replaceAll("\\D", "");
		await().atMost(Duration.ofSeconds(20)).until(() -> String.join("\n", OrderStage.texts(http, standPhone)).contains("YES " + number));

		var yes = OrderStage.textIn(http, baseUrl(), standPhone, "YES " + number);
		assertThat(yes.status()).as(yes.body()).isEqualTo(200);
		assertThat(status).hasAttribute("data-status", "ACCEPTED", SLOW_ATTRIBUTE);
		customer.locator("#pickup-qr").waitFor();

		// the next order is not answered: when its time is up it expires and the money goes back
		var second = orderAndPay(customer, stage, null, "sms-way@example.com");
		assertThat(second).isNotEqualTo(orderId);
		assertThat(status).hasAttribute("data-status", "PAID", SLOW_ATTRIBUTE);
		db.sql("UPDATE orders SET decision_due_at = ? WHERE id = ?")
				.params(java.sql.Timestamp.from(Instant.now().minusSeconds(1)), UUID.fromString(second)).update();
		orders.expireOverdue();
		assertThat(status).hasAttribute("data-status", "REFUNDED", SLOW_ATTRIBUTE);
		screenshot(customer, "customer-refunded");
		// the customer, who may have closed the page, hears both by e-mail too
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			var mails = http.as("owner").get("/api/v1/mail/outbox?to=sms-way@example.com").body();
			return mails.contains("order:" + orderId + ":accepted") && mails.contains("order:" + second + ":ended")
					&& mails.contains("Your money is on its way back");
		});
	}

	long productId(String code) {
		for (var p : http.as("owner").get("/api/v1/products").json()) {
			if (code.equals(p.get("code").asString())) {
				return p.get("id").asLong();
			}
		}
		throw new IllegalArgumentException(code);
	}

	@Test
	void theOfficeAnswersAsAStandPhoneFromTheSandboxTexts() {
		var page = desktop("en-GB");
		page.navigate("/admin/");
		page.getByLabel("Username").fill("owner");
		page.getByLabel("Password").fill("diggety-owner");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Texts").setExact(true)).click();
		// answers go only to stands' phones: this one is a stand's
		var stage = OrderStage.open(http, false, "+48600420999", 5000);
		page.locator("#reply-from").fill("+48600420999");
		page.locator("#reply-body").fill("YES 0000");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send").setExact(true)).click();
		assertThat(page.locator("#reply-result")).containsText("Received");
		// the answer comes back as a text to that phone: no order 0000 waits for it
		page.locator("#texts-to").fill("+48600420999");
		page.locator("#texts-to").dispatchEvent("change");
		assertThat(page.locator("#texts")).containsText("no order 0000 is waiting", SLOW);
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("E-mails to customers"))).isVisible();
		screenshot(page, "admin-texts");

		// the order a customer placed at a stand shows in the office's online orders, with its history
		var placed = stage.place(OrderStage.order(stage.standId, productId("COLA"), 3, "office@example.com"));
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Online orders").setExact(true)).click();
		page.locator("#orders-stand").selectOption(String.valueOf(stage.standId));
		var row = page.locator("#orders tr[data-order-id='" + placed.id() + "']");
		assertThat(row).containsText(placed.number());
		assertThat(row).containsText("3 × Cola");
		assertThat(row).hasAttribute("data-status", "PLACED");
		row.getByRole(AriaRole.BUTTON).click();
		assertThat(page.locator("#orders .order-history")).containsText("customer");
		screenshot(page, "admin-orders");
	}

}
