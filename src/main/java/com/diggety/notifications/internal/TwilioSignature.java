package com.diggety.notifications.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature: base64(HMAC-SHA1(auth token, the full URL followed by each POST parameter's name and
 * value, names in sorted order)). The URL is the one the provider called, query string included; several values of
 * one name are taken in sorted order, as Twilio's own libraries do.
 */
public final class TwilioSignature {

	private TwilioSignature() {
	}

	public static String sign(String authToken, String url, Map<String, List<String>> params) {
		var data = new StringBuilder(url);
		new TreeMap<>(params).forEach((name, values) -> {
			var sorted = new ArrayList<>(values);
			sorted.sort(null);
			sorted.forEach(value -> data.append(name).append(value));
		});
		try {
			var mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HMAC-SHA1 is not available", e);
		}
	}

	/** Compares in constant time, so the answer's timing tells a forger nothing about the right signature. */
	public static boolean matches(String authToken, String url, Map<String, List<String>> params, String signature) {
		if (authToken == null || authToken.isEmpty() || signature == null) {
			return false;
		}
		var expected = sign(authToken, url, params).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII));
	}
}
