package com.diggety.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Twilio's request signature against the examples Twilio publishes in "Validating Requests". */
class SmsSignatureTest {

	static final String TOKEN = "12345";
	static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";

	static Map<String, List<String>> params(String caller) {
		// written out of order on purpose: the signature sorts the names
		var params = new LinkedHashMap<String, List<String>>();
		params.put("To", List.of("+18005551212"));
		params.put("Digits", List.of("1234"));
		params.put("From", List.of(caller));
		params.put("CallSid", List.of("CA1234567890ABCDE"));
		params.put("Caller", List.of(caller));
		return params;
	}

	@Test
	void twiliosPublishedExampleVerifies() {
		assertThat(TwilioSignature.sign(TOKEN, URL, params("+12349013030"))).isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
		assertThat(TwilioSignature.matches(TOKEN, URL, params("+12349013030"), "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isTrue();
	}

	@Test
	void theOlderPublishedExampleVerifiesToo() {
		assertThat(TwilioSignature.sign(TOKEN, URL, params("+14158675309"))).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
	}

	@Test
	void anyChangeBreaksTheSignature() {
		var signature = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";
		var tampered = new LinkedHashMap<>(params("+12349013030"));
		tampered.put("Digits", List.of("9999"));
		assertThat(TwilioSignature.matches(TOKEN, URL, tampered, signature)).isFalse();
		assertThat(TwilioSignature.matches(TOKEN, URL.replace("bar=2", "bar=3"), params("+12349013030"), signature)).isFalse();
		assertThat(TwilioSignature.matches("54321", URL, params("+12349013030"), signature)).isFalse();
		assertThat(TwilioSignature.matches(TOKEN, URL, params("+12349013030"), "0/KCTR6DLpKmkAf8muzZqo1nDgQ")).isFalse();
		assertThat(TwilioSignature.matches(TOKEN, URL, params("+12349013030"), null)).isFalse();
		assertThat(TwilioSignature.matches(null, URL, params("+12349013030"), signature)).as("no token, no trust").isFalse();
		assertThat(TwilioSignature.matches("", URL, params("+12349013030"), signature)).isFalse();
	}
}
