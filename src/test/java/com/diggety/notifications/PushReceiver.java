package com.diggety.notifications;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.security.Signature;
import java.time.Duration;
import java.time.Instant;

import com.diggety.Http;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * A browser and its push service in one, for the tests: a P-256 key pair and a 16-byte auth secret made as a
 * browser makes them, a local HTTP endpoint that records every push posted to it, and the decryption the browser
 * does (RFC 8291 over RFC 8188 aes128gcm), written here with javax.crypto alone so that it checks the server's
 * library rather than repeating it. Public for the tests of other modules that push (orders).
 */
public final class PushReceiver implements AutoCloseable {

	/** One request the push service got. */
	public record Received(String path, Map<String, String> headers, byte[] body) {
	}

	final KeyPair keys;
	final byte[] authSecret = new byte[16];
	final List<Received> received = new CopyOnWriteArrayList<>();
	/** What the push service answers per path; 201 Created when not named. */
	public final Map<String, Integer> answers = new ConcurrentHashMap<>();
	private final HttpServer server;
	private final ExecutorService handlers = Executors.newCachedThreadPool();
	/** Paths whose requests are held unanswered until {@link #release()}: a push service that hangs. */
	private final Map<String, Boolean> stalled = new ConcurrentHashMap<>();
	private final CountDownLatch released = new CountDownLatch(1);
	private final AtomicInteger held = new AtomicInteger();

	public PushReceiver() throws IOException, GeneralSecurityException {
		var generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		keys = generator.generateKeyPair();
		new SecureRandom().nextBytes(authSecret);
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			var headers = new java.util.HashMap<String, String>();
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
			var path = exchange.getRequestURI().getPath();
			received.add(new Received(path, headers, exchange.getRequestBody().readAllBytes()));
			if (stalled.containsKey(path)) {
				held.incrementAndGet();
				try {
					released.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				finally {
					held.decrementAndGet();
				}
			}
			exchange.sendResponseHeaders(answers.getOrDefault(path, 201), -1);
			exchange.close();
		});
		// a stalled request must not hold the others: one thread per request
		server.setExecutor(handlers);
		server.start();
	}

	public String origin() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	public String endpoint(String name) {
		return origin() + "/push/" + name;
	}

	/** From now on, requests to {@code name} are held without an answer until {@link #release()}. */
	public void stall(String name) {
		stalled.put("/push/" + name, true);
	}

	/** Answers every held request, and any later one at once. */
	public void release() {
		released.countDown();
	}

	/** How many requests are held unanswered now. */
	public int held() {
		return held.get();
	}

	/** The body of {@code POST /api/v1/push/subscriptions}, as {@code PushSubscription.toJSON()} gives it. */
	public Map<String, Object> subscription(String name) {
		return Map.of("endpoint", endpoint(name), "keys", Map.of("p256dh", base64url(uncompressed((ECPublicKey) keys.getPublic())),
				"auth", base64url(authSecret)));
	}

	public List<Received> to(String name) {
		return received.stream().filter(r -> r.path().equals("/push/" + name)).toList();
	}

	/**
	 * RFC 8291: the aes128gcm header carries the salt, the record size and the server's ephemeral public key; the
	 * content key and nonce come from ECDH with our private key and HKDF keyed by the auth secret.
	 */
	public byte[] decrypt(byte[] body) throws GeneralSecurityException {
		var in = ByteBuffer.wrap(body);
		var salt = new byte[16];
		in.get(salt);
		int recordSize = in.getInt();
		var serverKey = new byte[in.get() & 0xff];
		in.get(serverKey);
		var ciphertext = new byte[in.remaining()];
		in.get(ciphertext);
		if (serverKey.length != 65 || ciphertext.length > recordSize) {
			throw new IllegalStateException("not a single-record aes128gcm message with a P-256 key");
		}

		var agreement = KeyAgreement.getInstance("ECDH");
		agreement.init(keys.getPrivate());
		agreement.doPhase(publicKey(serverKey, (ECPublicKey) keys.getPublic()), true);
		var ecdhSecret = agreement.generateSecret();

		// RFC 8291 section 3.3: the input keying material mixes in the auth secret and both public keys
		var prkKey = hmac(authSecret, ecdhSecret);
		var keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII),
				uncompressed((ECPublicKey) keys.getPublic()), serverKey, new byte[] { 1 });
		var ikm = hmac(prkKey, keyInfo);
		// section 3.4 and RFC 8188: content encryption key and nonce from the salt
		var prk = hmac(salt, ikm);
		var cek = Arrays.copyOf(hmac(prk, concat("Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), new byte[] { 1 })), 16);
		var nonce = Arrays.copyOf(hmac(prk, concat("Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), new byte[] { 1 })), 12);

		var cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
		var padded = cipher.doFinal(ciphertext);
		int end = padded.length - 1;
		while (end >= 0 && padded[end] == 0) {
			end--;
		}
		if (end < 0 || padded[end] != 2) {
			throw new IllegalStateException("the last record must end with the delimiter 0x02");
		}
		return Arrays.copyOf(padded, end);
	}

	/** The decrypted payload as JSON: what the service worker gets as {@code event.data.json()}. */
	public JsonNode message(Received request) throws GeneralSecurityException {
		return Http.JSON.readTree(decrypt(request.body()));
	}

	private static final Pattern VAPID = Pattern.compile("vapid t=([A-Za-z0-9_.-]+), ?k=([A-Za-z0-9_-]+)");

	/**
	 * RFC 8292, as a push service checks it: {@code Authorization: vapid t=<JWT>, k=<key>} names our public key, and
	 * the JWT is ES256 for this push service's origin, signed with that key and valid for at most a day. Answers the
	 * JWT's claims; throws an AssertionError when any of it does not hold.
	 */
	public JsonNode verifiedVapid(Received request, String ourPublicKey) throws GeneralSecurityException {
		var authorization = request.headers().get("authorization");
		var vapid = VAPID.matcher(authorization == null ? "" : authorization);
		check(vapid.matches(), "vapid t=..., k=... in " + authorization);
		check(vapid.group(2).equals(ourPublicKey), "k is our VAPID public key");
		var jwt = vapid.group(1).split("\\.");
		var decoder = Base64.getUrlDecoder();
		check("ES256".equals(Http.JSON.readTree(decoder.decode(jwt[0])).get("alg").asString()), "alg ES256");
		var claims = Http.JSON.readTree(decoder.decode(jwt[1]));
		check(origin().equals(claims.get("aud").asString()), "aud is the push service's origin");
		long exp = claims.get("exp").asLong();
		check(exp > Instant.now().getEpochSecond()
				&& exp <= Instant.now().plus(Duration.ofHours(24)).getEpochSecond(), "exp within a day");
		var verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
		verifier.initVerify(publicKey(decoder.decode(ourPublicKey), (ECPublicKey) keys.getPublic()));
		verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
		check(verifier.verify(decoder.decode(jwt[2])), "JWT signed with the VAPID key");
		return claims;
	}

	private static void check(boolean holds, String what) {
		if (!holds) {
			throw new AssertionError("VAPID: expected " + what);
		}
	}

	static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
		var mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key, "HmacSHA256"));
		return mac.doFinal(data);
	}

	static byte[] concat(byte[]... parts) {
		var out = new java.io.ByteArrayOutputStream();
		for (var part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	static byte[] uncompressed(ECPublicKey key) {
		var out = new byte[65];
		out[0] = 4;
		copy(key.getW().getAffineX(), out, 1);
		copy(key.getW().getAffineY(), out, 33);
		return out;
	}

	private static void copy(BigInteger value, byte[] out, int offset) {
		var bytes = value.toByteArray();
		int length = Math.min(bytes.length, 32);
		System.arraycopy(bytes, bytes.length - length, out, offset + 32 - length, length);
	}

	static ECPublicKey publicKey(byte[] uncompressed, ECPublicKey sameCurve) throws GeneralSecurityException {
		var x = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33));
		var y = new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65));
		return (ECPublicKey) KeyFactory.getInstance("EC")
				.generatePublic(new ECPublicKeySpec(new ECPoint(x, y), sameCurve.getParams()));
	}

	static String base64url(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	@Override
	public void close() {
		release();
		server.stop(0);
		handlers.shutdownNow();
	}
}
