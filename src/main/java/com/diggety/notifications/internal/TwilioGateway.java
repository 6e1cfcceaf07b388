package com.diggety.notifications.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A Twilio-style HTTPS provider: {@code POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json} with the form
 * fields To, From and Body and HTTP Basic auth (AccountSid:AuthToken, from configuration only). Each attempt carries
 * our reference as {@code Idempotency-Key}; since Twilio keeps no such key, a retry first looks for the message among
 * the latest ones sent to the same number and sends again only when it is not there.
 */
public final class TwilioGateway implements SmsGateway {

	private static final Logger log = LoggerFactory.getLogger(TwilioGateway.class);

	/** How far back a sent message may lie before the message we look for was queued (clocks differ). */
	private static final Duration CLOCK_SLACK = Duration.ofMinutes(5);

	private final URI base;
	private final String accountSid;
	private final String authorization;
	private final Duration timeout;
	private final ObjectMapper json;
	private final HttpClient client;

	public TwilioGateway(URI base, String accountSid, String authToken, Duration timeout, ObjectMapper json) {
		if (accountSid == null || accountSid.isBlank() || authToken == null || authToken.isBlank()) {
			throw new IllegalStateException(
					"diggety.sms.twilio.account-sid and auth-token must be set for the Twilio provider (DIGGETY_SMS_ACCOUNT_SID, DIGGETY_SMS_AUTH_TOKEN)");
		}
		this.base = URI.create(base.toString().replaceAll("/+$", ""));
		this.accountSid = accountSid.trim();
		this.authorization = "Basic " + Base64.getEncoder()
				.encodeToString((this.accountSid + ":" + authToken.trim()).getBytes(StandardCharsets.UTF_8));
		this.timeout = timeout;
		this.json = json;
		this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	@Override
	public String name() {
		return "twilio";
	}

	private URI messages(String query) {
		return URI.create(base + "/2010-04-01/Accounts/" + encode(accountSid) + "/Messages.json"
				+ (query == null ? "" : "?" + query));
	}

	@Override
	public Result send(Message message) {
		var form = new LinkedHashMap<String, String>();
		form.put("To", message.to());
		form.put("From", message.from());
		form.put("Body", message.body());
		var request = HttpRequest.newBuilder(messages(null)).timeout(timeout)
				.header("Authorization", authorization)
				.header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
				.header("Accept", "application/json")
				.header("Idempotency-Key", message.reference())
				.POST(HttpRequest.BodyPublishers.ofString(formOf(form))).build();
		HttpResponse<String> response;
		try {
			response = client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpTimeoutException e) {
			return new Retry("timeout");
		}
		catch (IOException e) {
			return new Retry("unreachable: " + e.getClass().getSimpleName());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Retry("interrupted");
		}
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			var sid = field(response.body(), "sid");
			return new Sent(sid == null ? "unknown" : sid);
		}
		// Twilio's error body names a code; the message text may repeat the phone number, so only the code is kept
		var reason = "HTTP " + status + Optional.ofNullable(field(response.body(), "code")).map(c -> " code " + c).orElse("");
		if (status == 429 || status >= 500) {
			return new Retry(reason);
		}
		log.warn("The SMS provider refused message {}: {}", message.id(), reason);
		return new Rejected(reason);
	}

	@Override
	public Optional<String> find(Message message) throws LookupFailed {
		var query = "To=" + encode(message.to()) + "&From=" + encode(message.from()) + "&PageSize=50";
		var request = HttpRequest.newBuilder(messages(query)).timeout(timeout).header("Authorization", authorization)
				.header("Accept", "application/json").GET().build();
		HttpResponse<String> response;
		try {
			response = client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new LookupFailed("look-up failed: " + e.getClass().getSimpleName());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new LookupFailed("interrupted");
		}
		if (response.statusCode() != 200) {
			throw new LookupFailed("look-up answered HTTP " + response.statusCode());
		}
		var since = message.createdAt().minus(CLOCK_SLACK);
		for (var sent : json.readTree(response.body()).path("messages")) {
			if (message.body().equals(sent.path("body").asString(null)) && message.to().equals(sent.path("to").asString(null))
					&& createdAfter(sent, since)) {
				return Optional.ofNullable(sent.path("sid").asString(null)).or(() -> Optional.of("unknown"));
			}
		}
		return Optional.empty();
	}

	private static boolean createdAfter(JsonNode sent, java.time.Instant since) {
		var created = sent.path("date_created").asString(null);
		if (created == null) {
			return true;
		}
		try {
			return !ZonedDateTime.parse(created, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().isBefore(since);
		}
		catch (DateTimeParseException e) {
			return true;
		}
	}

	private String field(String body, String name) {
		try {
			var value = json.readTree(body).path(name);
			return value.isMissingNode() || value.isNull() ? null : value.asString();
		}
		catch (RuntimeException notJson) {
			return null;
		}
	}

	private static String formOf(Map<String, String> form) {
		return form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
				.collect(Collectors.joining("&"));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
