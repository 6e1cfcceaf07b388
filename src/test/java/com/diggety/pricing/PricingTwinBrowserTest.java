package com.diggety.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.diggety.Http;
import com.diggety.browser.BrowserTest;
import com.diggety.pricing.engine.PricingEngine;

import tools.jackson.databind.JsonNode;

/**
 * The phone's pricing engine (static/operator/pricing.js) in Chromium against the shared vectors: every case must
 * give the hand-worked figures, as in {@link PricingVectorsTest}, and the whole quote must equal the Java engine's
 * field by field, so the phone prices offline exactly as the server does.
 */
class PricingTwinBrowserTest extends BrowserTest {

	@Test
	void theJavaScriptEngineAgreesWithTheVectorsAndWithJavaToTheCent() throws IOException {
		String vectors;
		try (InputStream in = getClass().getResourceAsStream("/pricing/vectors.json")) {
			vectors = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		var page = desktop("en-GB");
		page.navigate("/operator/pricing-vectors.html");
		page.waitForFunction("() => typeof window.priceVectors === 'function'");
		var results = Http.JSON.readTree(
				(String) page.evaluate("json => JSON.stringify(window.priceVectors(JSON.parse(json)))", vectors));

		var cases = Vectors.cases();
		var engine = new PricingEngine(Vectors.ZONE);
		var mismatches = new ArrayList<String>();
		assertThat(results.size()).as("one result per vector").isEqualTo(cases.size());
		for (int i = 0; i < cases.size(); i++) {
			var c = cases.get(i);
			var result = results.get(i);
			var where = "[" + i + "] " + c.name() + ": ";
			if (!c.name().equals(result.get("name").asString())) {
				mismatches.add(where + "result is for '" + result.get("name").asString() + "'");
				continue;
			}
			if (!result.get("error").isNull()) {
				mismatches.add(where + "JavaScript threw " + result.get("error").asString());
				continue;
			}
			var quote = result.get("quote");
			checkExpected(where, quote, c.expected(), mismatches);
			var java = Http.JSON.valueToTree(engine.price(c.cart(), Vectors.CATALOG, c.promotions(), c.limits()));
			diff(where + "vs Java: quote", java, quote, mismatches);
		}
		assertThat(mismatches).as("pricing.js vs vectors.json and PricingEngine (%d mismatches):%n  %s",
				mismatches.size(), String.join(System.lineSeparator() + "  ", mismatches)).isEmpty();
	}

	/** The figures PricingVectorsTest checks: subtotal, discount, total, capped, applied, line discounts, VAT. */
	private static void checkExpected(String where, JsonNode quote, JsonNode expected, List<String> mismatches) {
		same(mismatches, where + "subtotal", expected.get("subtotalMinor").asLong(), quote.get("subtotalMinor").asLong());
		same(mismatches, where + "discount", expected.get("discountMinor").asLong(), quote.get("discountMinor").asLong());
		same(mismatches, where + "total", expected.get("totalMinor").asLong(), quote.get("totalMinor").asLong());
		same(mismatches, where + "capped", expected.get("capped").asBoolean(), quote.get("capped").asBoolean());
		same(mismatches, where + "applied", pairs(expected.get("applied"), "promotionId", "amountMinor"),
				pairs(quote.get("applied"), "promotionId", "amountMinor"));
		same(mismatches, where + "line discounts", expected.get("lineDiscounts").valueStream().map(JsonNode::asLong).toList(),
				quote.get("lines").valueStream().map(l -> l.get("discountMinor").asLong()).toList());
		if (expected.has("vat")) {
			same(mismatches, where + "vat", pairs(expected.get("vat"), "rateBp", "grossMinor", "netMinor", "vatMinor"),
					pairs(quote.get("vat"), "rateBp", "grossMinor", "netMinor", "vatMinor"));
		}
	}

	private static List<List<Long>> pairs(JsonNode array, String... fields) {
		return array.valueStream().map(n -> java.util.Arrays.stream(fields).map(f -> n.get(f).asLong()).toList())
				.toList();
	}

	private static void same(List<String> mismatches, String what, Object expected, Object actual) {
		if (!expected.equals(actual)) {
			mismatches.add(what + ": expected " + expected + " but JavaScript gave " + actual);
		}
	}

	/** Java's quote against JavaScript's, field by field; numbers compare by value (int and long alike). */
	private static void diff(String path, JsonNode java, JsonNode js, List<String> mismatches) {
		if (js == null || js.isMissingNode()) {
			mismatches.add(path + ": Java has " + java + ", JavaScript has nothing");
		}
		else if (java.isObject() && js.isObject()) {
			var names = new LinkedHashSet<>(java.propertyNames());
			names.addAll(js.propertyNames());
			for (var name : names) {
				if (!java.has(name)) {
					mismatches.add(path + "." + name + ": JavaScript has " + js.get(name) + ", Java has nothing");
				}
				else {
					diff(path + "." + name, java.get(name), js.get(name), mismatches);
				}
			}
		}
		else if (java.isArray() && js.isArray()) {
			if (java.size() != js.size()) {
				mismatches.add(path + ": Java has " + java.size() + " entries " + java + ", JavaScript " + js.size()
						+ " " + js);
				return;
			}
			for (int i = 0; i < java.size(); i++) {
				diff(path + "[" + i + "]", java.get(i), js.get(i), mismatches);
			}
		}
		else if (java.isNumber() && js.isNumber() ? java.decimalValue().compareTo(js.decimalValue()) != 0
				: !java.equals(js)) {
			mismatches.add(path + ": Java " + java + ", JavaScript " + js);
		}
	}
}
