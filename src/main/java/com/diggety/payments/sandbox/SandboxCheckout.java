package com.diggety.payments.sandbox;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import com.diggety.identity.AccessRules;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * The sandbox's hosted checkout page, served only while the sandbox is the gateway. Public, as a provider's page is:
 * the intent id in the address is unguessable. "Pay" and "Decline" move the sandbox's intent, whose webhooks then
 * tell our payments what happened; the customer goes back to the shop's return address.
 */
@RestController
@Hidden
@ConditionalOnProperty(name = "diggety.payments.gateway", havingValue = "sandbox", matchIfMissing = true)
class SandboxCheckout {

	private final SandboxGateway sandbox;

	SandboxCheckout(SandboxGateway sandbox) {
		this.sandbox = sandbox;
	}

	@Bean
	static AccessRules sandboxCheckoutRules() {
		return rules -> rules.requestMatchers(GET, "/sandbox/checkout/*").permitAll()
				.requestMatchers(POST, "/sandbox/checkout/*").permitAll();
	}

	@GetMapping(value = "/sandbox/checkout/{id}", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> page(@PathVariable String id) {
		return sandbox.find(id).map(intent -> html(HttpStatus.OK, checkoutPage(intent)))
				.orElseGet(() -> html(HttpStatus.NOT_FOUND, page("Not found", "<p>There is no such sandbox payment.</p>")));
	}

	@PostMapping(value = "/sandbox/checkout/{id}", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> decide(@PathVariable String id, @RequestParam(defaultValue = "") String decision) {
		if (sandbox.find(id).isEmpty()) {
			return html(HttpStatus.NOT_FOUND, page("Not found", "<p>There is no such sandbox payment.</p>"));
		}
		var intent = switch (decision) {
			case "pay" -> sandbox.pay(id);
			case "decline" -> sandbox.decline(id);
			default -> null;
		};
		if (intent == null) {
			return html(HttpStatus.BAD_REQUEST, page("Choose", "<p>Choose Pay or Decline.</p>"));
		}
		if (intent.returnUrl() != null) {
			return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(intent.returnUrl())).build();
		}
		var outcome = SandboxGateway.SUCCEEDED.equals(intent.status()) ? "Paid" : "Declined";
		return html(HttpStatus.OK, page(outcome, "<p role=\"status\">" + outcome + ". You may close this page.</p>"));
	}

	private static String checkoutPage(SandboxGateway.SandboxIntent intent) {
		var amount = String.format(Locale.ROOT, "%d.%02d %s", intent.amountMinor() / 100, intent.amountMinor() % 100,
				HtmlUtils.htmlEscape(intent.currency()));
		var description = intent.description() == null ? "" : "<p>" + HtmlUtils.htmlEscape(intent.description()) + "</p>";
		if (SandboxGateway.SUCCEEDED.equals(intent.status())) {
			return page("Paid", description + "<p class=\"amount\">" + amount + "</p><p role=\"status\">Already paid.</p>");
		}
		var failure = intent.failure() == null ? ""
				: "<p role=\"alert\">" + HtmlUtils.htmlEscape(intent.failure()) + ". You may try again.</p>";
		return page("Pay " + amount, description + "<p class=\"amount\">" + amount + "</p>" + failure + """
				<form method="post">
				  <button type="submit" name="decision" value="pay" class="pay">Pay</button>
				  <button type="submit" name="decision" value="decline" class="decline">Decline</button>
				</form>""");
	}

	private static String page(String title, String body) {
		return """
				<!doctype html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>%s · Sandbox checkout</title>
				<style>
				  body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
				  .badge { display: inline-block; background: #ffd54f; color: #1a1a1a; padding: .2rem .6rem; border-radius: .3rem; font-weight: 600; }
				  .amount { font-size: 2rem; font-weight: 700; }
				  form { display: flex; gap: 1rem; }
				  button { flex: 1; min-height: 3rem; font-size: 1.1rem; border: 0; border-radius: .4rem; cursor: pointer; }
				  .pay { background: #1b5e20; color: #fff; }
				  .decline { background: #b71c1c; color: #fff; }
				</style>
				</head>
				<body>
				<p><span class="badge">Sandbox</span> Test payment: no money moves.</p>
				<h1>%s</h1>
				%s
				</body>
				</html>""".formatted(HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(title), body);
	}

	private static ResponseEntity<String> html(HttpStatus status, String body) {
		return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(body);
	}
}
