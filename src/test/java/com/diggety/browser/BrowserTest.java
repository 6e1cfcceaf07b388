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

	static synchronized Browser browser() {
		if (browser == null) {
			playwright = Playwright.create(new Playwright.CreateOptions()
					.setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
			browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
					.setExecutablePath(Paths.get(System.getProperty("diggety.chromium", "/usr/bin/chromium")))
					.setHeadless(true)
					.setArgs(List.of("--disable-gpu", "--disable-quic", "--no-first-run",
							"--disable-background-networking", "--disable-component-update", "--disable-sync")));
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				browser.close();
				playwright.close();
			}));
		}
		return browser;
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
}
