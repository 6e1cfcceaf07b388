package com.diggety.payments.gateway;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Stripe-Signature} scheme: the header {@code t=<unix seconds>,v1=<hex>[,v1=<hex>...]} where each
 * {@code v1} is an HMAC-SHA256 of {@code "<t>.<raw body>"} keyed with the webhook secret (several appear while a
 * secret is being rolled). A body is taken only when one signature matches, compared in constant time, and its
 * timestamp is within the tolerance, so a captured webhook cannot be replayed later.
 */
public final class WebhookSignature {

	public static final String HEADER = "Stripe-Signature";
	private static final String SCHEME = "v1";

	/** What a check found. Only {@link #VALID} lets a webhook in. */
	public enum Verdict {
		VALID, MISSING, MALFORMED, NO_SIGNATURE, FORGED, STALE
	}

	private WebhookSignature() {
	}

	/** The hex HMAC-SHA256 of {@code "<timestamp>.<body>"}. */
	public static String sign(byte[] secret, long timestamp, byte[] body) {
		return HexFormat.of().formatHex(mac(secret, timestamp, body));
	}

	/** A complete header value, as a provider sends it. */
	public static String header(byte[] secret, long timestamp, byte[] body) {
		return "t=" + timestamp + "," + SCHEME + "=" + sign(secret, timestamp, body);
	}

	public static Verdict verify(String header, byte[] body, byte[] secret, Instant now, Duration tolerance) {
		if (header == null || header.isBlank()) {
			return Verdict.MISSING;
		}
		Long timestamp = null;
		var candidates = new ArrayList<String>();
		for (var part : header.split(",")) {
			int eq = part.indexOf('=');
			if (eq <= 0) {
				continue;
			}
			var name = part.substring(0, eq).trim();
			var value = part.substring(eq + 1).trim();
			if (name.equals("t")) {
				try {
					timestamp = Long.parseLong(value);
				}
				catch (NumberFormatException e) {
					return Verdict.MALFORMED;
				}
			}
			else if (name.equals(SCHEME)) {
				candidates.add(value);
			}
		}
		if (timestamp == null) {
			return Verdict.MALFORMED;
		}
		if (candidates.isEmpty()) {
			return Verdict.NO_SIGNATURE;
		}
		if (!matchesAny(mac(secret, timestamp, body == null ? new byte[0] : body), candidates)) {
			return Verdict.FORGED;
		}
		if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
			return Verdict.STALE;
		}
		return Verdict.VALID;
	}

	private static boolean matchesAny(byte[] expected, List<String> candidates) {
		boolean match = false;
		for (var candidate : candidates) {
			byte[] given;
			try {
				given = HexFormat.of().parseHex(candidate);
			}
			catch (IllegalArgumentException notHex) {
				continue;
			}
			// every candidate is compared, in constant time each, so the answer's timing tells nothing
			match |= MessageDigest.isEqual(expected, given);
		}
		return match;
	}

	private static byte[] mac(byte[] secret, long timestamp, byte[] body) {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return mac.doFinal(body);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException("HMAC-SHA256 is not available", e);
		}
	}
}
