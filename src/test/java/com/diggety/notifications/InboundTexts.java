package com.diggety.notifications;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.diggety.Http;
import com.diggety.notifications.internal.TwilioSignature;

/** Texts reaching our inbound SMS webhook the way the Twilio-style provider posts them, for any test. */
public final class InboundTexts {

	/** The auth token the test profile configures; the provider signs with it. */
	public static final String TOKEN = "test-sms-auth-token";

	private InboundTexts() {
	}

	public static String messageId() {
		return "SM" + UUID.randomUUID().toString().replace("-", "");
	}

	/** The form fields of one inbound text. */
	public static Map<String, String> text(String messageId, String from, String body) {
		var form = new LinkedHashMap<String, String>();
		form.put("MessageSid", messageId);
		form.put("AccountSid", "ACtest");
		form.put("From", from);
		form.put("To", "+48100000000");
		form.put("Body", body);
		form.put("NumMedia", "0");
		return form;
	}

	public static String sign(String token, String baseUrl, Map<String, String> form) {
		var params = form.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
		return TwilioSignature.sign(token, baseUrl + "/api/v1/webhooks/sms", params);
	}

	/** Posts the form with the given signature header (none when null). */
	public static Http.Response post(Http http, Map<String, String> form, String signature) {
		var body = form.entrySet().stream()
				.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
		var headers = new LinkedHashMap<String, String>();
		headers.put("Content-Type", "application/x-www-form-urlencoded");
		if (signature != null) {
			headers.put("X-Twilio-Signature", signature);
		}
		return http.send("POST", "/api/v1/webhooks/sms", body, headers);
	}

	/** A text from {@code from}, correctly signed. */
	public static Http.Response send(Http http, String baseUrl, String from, String body) {
		var form = text(messageId(), from, body);
		return post(http, form, sign(TOKEN, baseUrl, form));
	}
}
