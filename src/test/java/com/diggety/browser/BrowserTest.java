package com.diggety.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.AfterEach;

import com.diggety.ApiTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Browser tests in Debian's Chromium, driven by Playwright, against the same running app as the API tests. One
 * Playwright and one browser per test run (its driver unpacks 200 MB on every create); a fresh context per test.
 */
public abstract class BrowserTest extends ApiTest {

	private static Playwright playwright;
	private static Browser browser;

	protected BrowserContext context;

	private static final List<String> ARGS = List.of("--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync");

	static synchronized Browser browser() {
		if (browser == null) {
			browser = launch(List.of());
		}
		return browser;
	}

	/**
	 * Another Chromium from the same Playwright, with launch arguments of its own (a file as the camera, say);
	 * the caller closes it.
	 */
	static synchronized Browser launch(List<String> extraArgs) {
		if (playwright == null) {
			playwright = Playwright.create(new Playwright.CreateOptions()
					.setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				if (browser != null) {
					browser.close();
				}
				playwright.close();
			}));
		}
		var args = new java.util.ArrayList<>(ARGS);
		args.addAll(extraArgs);
		return playwright.chromium().launch(new BrowserType.LaunchOptions()
				.setExecutablePath(Paths.get(System.getProperty("diggety.chromium", "/usr/bin/chromium")))
				.setHeadless(true)
				.setArgs(args));
	}

	@AfterEach
	void closeContext() {
		if (context != null) {
			context.close();
		}
	}

	/** A desktop-sized page in the given language. */
	protected Page desktop(String locale) {
		context = browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 860).setLocale(locale)
				.setBaseURL(baseUrl()));
		return context.newPage();
	}

	/** A phone: 390 x 844, touch, device scale 3, with a position the page may ask for. */
	protected Page phone(String locale, double latitude, double longitude) {
		context = browser().newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
				.setDeviceScaleFactor(3).setHasTouch(true).setIsMobile(true).setLocale(locale).setBaseURL(baseUrl())
				.setGeolocation(latitude, longitude).setPermissions(List.of("geolocation")));
		return context.newPage();
	}

	/** A stand's hot-dog discount that needs a code: the promotion's id (archive it when done). */
	protected long codePromotion(long stand, String code, String name, int percentBp) {
		var owner = http.as("owner");
		var definition = new java.util.HashMap<String, Object>();
		definition.put("name", name);
		definition.put("kind", "PRODUCT_DISCOUNT");
		definition.put("standIds", List.of(stand));
		definition.put("target", java.util.Map.of("categories", List.of("hot-dogs")));
		definition.put("percentBp", percentBp);
		definition.put("requiresCode", true);
		var created = owner.post("/api/v1/promotions", java.util.Map.of("definition", definition));
		org.assertj.core.api.Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
		long id = created.json().get("id").asLong();
		var vanity = owner.post("/api/v1/promotions/" + id + "/codes", java.util.Map.of("code", code, "maxUses", 100));
		org.assertj.core.api.Assertions.assertThat(vanity.status()).as(vanity.body()).isEqualTo(201);
		return id;
	}

	/**
	 * Delivers a push message to the page's service worker registered for {@code scope} (e.g. "/staff/") through
	 * Chromium's DevTools protocol, the way the browser's push service would, and waits until the worker shows a
	 * notification; answers the notifications it shows as {@code title|body|tag|data.url}, comma-separated.
	 */
	protected String deliverPush(Page page, String scope, String data) {
		var cdp = page.context().newCDPSession(page);
		var registration = new java.util.concurrent.atomic.AtomicReference<String>();
		cdp.on("ServiceWorker.workerRegistrationUpdated", event -> event.getAsJsonArray("registrations")
				.forEach(r -> {
					if (r.getAsJsonObject().get("scopeURL").getAsString().equals(baseUrl() + scope)) {
						registration.set(r.getAsJsonObject().get("registrationId").getAsString());
					}
				}));
		cdp.send("ServiceWorker.enable");
		page.waitForCondition(() -> registration.get() != null);
		var push = new com.google.gson.JsonObject();
		push.addProperty("origin", baseUrl());
		push.addProperty("registrationId", registration.get());
		push.addProperty("data", data);
		cdp.send("ServiceWorker.deliverPushMessage", push);
		// the notification appears once the service worker handled the push; read it as soon as it is there
		var shown = new java.util.concurrent.atomic.AtomicReference<Object>();
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> {
			shown.set(page.evaluate("scope => navigator.serviceWorker.getRegistration(scope)"
					+ ".then(r => r.getNotifications())"
					+ ".then(list => list.map(n => n.title + '|' + n.body + '|' + n.tag + '|' + n.data.url).join(','))",
					scope));
			return !"".equals(shown.get());
		});
		return shown.get().toString();
	}

	/** Saves a screenshot for the docs (docs/screenshots is where the operator's guide takes them from). */
	protected static void screenshot(Page page, String name) {
		try {
			var dir = Path.of("docs", "screenshots");
			Files.createDirectories(dir);
			page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(false));
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}
	/** An operator's phone as the operator app sees it: 390 x 844, touch, British English. */
	protected Browser.NewContextOptions operatorPhoneOptions() {
		return new Browser.NewContextOptions().setViewportSize(390, 844).setDeviceScaleFactor(2).setHasTouch(true)
				.setIsMobile(true).setLocale("en-GB").setBaseURL(baseUrl());
	}

	/**
	 * Opens the operator app in the context, signs the operator in and waits for its first sync; console errors are
	 * printed, so a failing test shows what the page said.
	 */
	protected static Page operatorSignedIn(BrowserContext phone, String username, String password) {
		var page = phone.newPage();
		page.onConsoleMessage(m -> {
			if ("error".equals(m.type())) {
				System.out.println("operator console: " + m.text());
			}
		});
		page.navigate("/operator/");
		page.getByLabel("Username").fill(username);
		page.getByLabel("Password").fill(password);
		page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
				new Page.GetByRoleOptions().setName("Log in").setExact(true)).click();
		com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#syncbar")).containsText(
				"Last sync", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions()
						.setTimeout(30_000));
		return page;
	}
}
