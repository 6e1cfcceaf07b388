package com.diggety.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import com.diggety.payments.gateway.WebhookSignature;
import com.diggety.payments.gateway.WebhookSignature.Verdict;

/**
 * The Stripe-Signature scheme against vectors computed outside our code: fixed HMACs worked out with openssl and
 * Python, and a second computation with {@link Mac} in the test itself. The secret is used as the UTF-8 bytes of the
 * whole string, {@code whsec_} included, as Stripe's own libraries do.
 */
class PaymentSignatureTest {

	static final byte[] SECRET = "whsec_test_secret".getBytes(StandardCharsets.UTF_8);
	static final byte[] BODY = "{\"id\":\"evt_test_webhook\",\"object\":\"event\"}".getBytes(StandardCharsets.UTF_8);
	static final long T = 1_700_000_000L;
	static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

	/** printf '%s' '1700000000.{"id":"evt_test_webhook","object":"event"}' | openssl dgst -sha256 -hmac whsec_test_secret */
	static final String OPENSSL_VECTOR = "d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990";

	/** The same with a non-ASCII body (UTF-8 bytes are signed, not characters), from Python's hmac module. */
	static final String UTF8_VECTOR = "d8043f2d79b500c74062af0797073a7796becfa8715fa16e70abb7ebdd2a63f7";

	static String independentHmac(byte[] secret, long t, byte[] body) throws Exception {
		var mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret, "HmacSHA256"));
		var signed = new java.io.ByteArrayOutputStream();
		signed.write((t + ".").getBytes(StandardCharsets.US_ASCII));
		signed.write(body);
		return HexFormat.of().formatHex(mac.doFinal(signed.toByteArray()));
	}

	static Instant at(long seconds) {
		return Instant.ofEpochSecond(seconds);
	}

	@Test
	void signaturesMatchTheFixedVectors() throws Exception {
		assertThat(WebhookSignature.sign(SECRET, T, BODY)).isEqualTo(OPENSSL_VECTOR)
				.isEqualTo(independentHmac(SECRET, T, BODY));
		var body = "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\",\"note\":\"zażółć\"}"
				.getBytes(StandardCharsets.UTF_8);
		var secret = "whsec_diggety_vector".getBytes(StandardCharsets.UTF_8);
		assertThat(WebhookSignature.sign(secret, 1_714_000_000L, body)).isEqualTo(UTF8_VECTOR)
				.isEqualTo(independentHmac(secret, 1_714_000_000L, body));
		assertThat(WebhookSignature.header(SECRET, T, BODY)).isEqualTo("t=" + T + ",v1=" + OPENSSL_VECTOR);
	}

	@Test
	void aHeaderTheProviderSignedIsTakenWithinTheTolerance() {
		var header = "t=" + T + ",v1=" + OPENSSL_VECTOR;
		assertThat(WebhookSignature.verify(header, BODY, SECRET, at(T), FIVE_MINUTES)).isEqualTo(Verdict.VALID);
		assertThat(WebhookSignature.verify(header, BODY, SECRET, at(T + 299), FIVE_MINUTES)).isEqualTo(Verdict.VALID);
		// while a secret is rolled, the provider signs with both: one match is enough, wherever it stands
		assertThat(WebhookSignature.verify("t=" + T + ",v1=" + "ab".repeat(32) + ",v1=" + OPENSSL_VECTOR, BODY, SECRET,
				at(T), FIVE_MINUTES)).isEqualTo(Verdict.VALID);
		assertThat(WebhookSignature.verify("v0=abc,t=" + T + ",v1=" + OPENSSL_VECTOR, BODY, SECRET, at(T), FIVE_MINUTES))
				.isEqualTo(Verdict.VALID);
	}

	@Test
	void forgedStaleAndMissingSignaturesAreRefused() throws Exception {
		var valid = "t=" + T + ",v1=" + OPENSSL_VECTOR;
		var tampered = "{\"id\":\"evt_test_webhook\",\"object\":\"event\" }".getBytes(StandardCharsets.UTF_8);
		assertThat(WebhookSignature.verify(valid, tampered, SECRET, at(T), FIVE_MINUTES)).isEqualTo(Verdict.FORGED);
		var otherSecret = "whsec_someone_else".getBytes(StandardCharsets.UTF_8);
		assertThat(WebhookSignature.verify("t=" + T + ",v1=" + independentHmac(otherSecret, T, BODY), BODY, SECRET,
				at(T), FIVE_MINUTES)).isEqualTo(Verdict.FORGED);
		// the timestamp is signed too: moving it breaks the signature
		assertThat(WebhookSignature.verify("t=" + (T + 60) + ",v1=" + OPENSSL_VECTOR, BODY, SECRET, at(T + 60),
				FIVE_MINUTES)).isEqualTo(Verdict.FORGED);
		assertThat(WebhookSignature.verify(valid, BODY, SECRET, at(T + 301), FIVE_MINUTES)).isEqualTo(Verdict.STALE);
		assertThat(WebhookSignature.verify(valid, BODY, SECRET, at(T - 301), FIVE_MINUTES)).isEqualTo(Verdict.STALE);
		assertThat(WebhookSignature.verify("t=" + T + ",v0=" + OPENSSL_VECTOR, BODY, SECRET, at(T), FIVE_MINUTES))
				.isEqualTo(Verdict.NO_SIGNATURE);
		assertThat(WebhookSignature.verify("t=" + T, BODY, SECRET, at(T), FIVE_MINUTES)).isEqualTo(Verdict.NO_SIGNATURE);
		assertThat(WebhookSignature.verify("v1=" + OPENSSL_VECTOR, BODY, SECRET, at(T), FIVE_MINUTES))
				.isEqualTo(Verdict.MALFORMED);
		assertThat(WebhookSignature.verify("t=soon,v1=" + OPENSSL_VECTOR, BODY, SECRET, at(T), FIVE_MINUTES))
				.isEqualTo(Verdict.MALFORMED);
		assertThat(WebhookSignature.verify("i'm not a signature header", BODY, SECRET, at(T), FIVE_MINUTES))
				.isEqualTo(Verdict.MALFORMED);
		assertThat(WebhookSignature.verify("t=" + T + ",v1=not-hex", BODY, SECRET, at(T), FIVE_MINUTES))
				.isEqualTo(Verdict.FORGED);
		assertThat(WebhookSignature.verify("t=" + T + ",v1=" + OPENSSL_VECTOR.substring(0, 62), BODY, SECRET, at(T),
				FIVE_MINUTES)).isEqualTo(Verdict.FORGED);
		assertThat(WebhookSignature.verify(null, BODY, SECRET, at(T), FIVE_MINUTES)).isEqualTo(Verdict.MISSING);
		assertThat(WebhookSignature.verify(" ", BODY, SECRET, at(T), FIVE_MINUTES)).isEqualTo(Verdict.MISSING);
	}
}
