package com.diggety.orders;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The pickup QR's payload: order id, stand, items and expiry, signed with ECDSA P-256 (raw r||s, 64 bytes, the
 * format WebCrypto verifies) so the operator's phone checks it offline with the public key it cached. Compact
 * binary, base64url, about 120 characters for a typical order: small enough for a QR a phone camera reads at once.
 *
 * <pre>
 * version(1) | order id(16) | stand id(4) | expires epoch s(4) | item count(1) | [product id(4) | quantity(1)]* | signature(64)
 * </pre>
 */
public record PickupCode(UUID orderId, long standId, Instant expiresAt, List<Item> items) {

	public record Item(long productId, int quantity) {
	}

	static final byte VERSION = 1;
	static final String ALGORITHM = "SHA256withECDSAinP1363Format";

	public String sign(PrivateKey key) {
		var body = body();
		try {
			var signer = Signature.getInstance(ALGORITHM);
			signer.initSign(key);
			signer.update(body);
			var signature = signer.sign();
			var all = ByteBuffer.allocate(body.length + signature.length).put(body).put(signature).array();
			return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Cannot sign a pickup code", e);
		}
	}

	private byte[] body() {
		var buffer = ByteBuffer.allocate(1 + 16 + 4 + 4 + 1 + items.size() * 5);
		buffer.put(VERSION).putLong(orderId.getMostSignificantBits()).putLong(orderId.getLeastSignificantBits())
				.putInt((int) standId).putInt((int) expiresAt.getEpochSecond()).put((byte) items.size());
		for (var item : items) {
			buffer.putInt((int) item.productId()).put((byte) Math.min(item.quantity(), 255));
		}
		return buffer.array();
	}

	/** Reads and verifies a scanned code; empty when it is malformed or its signature does not verify. */
	public static Optional<PickupCode> verify(String text, PublicKey key) {
		try {
			var all = Base64.getUrlDecoder().decode(text.trim());
			if (all.length < 26 + 64 || all[0] != VERSION) {
				return Optional.empty();
			}
			int count = all[25] & 0xFF;
			int bodyLength = 26 + count * 5;
			if (all.length != bodyLength + 64) {
				return Optional.empty();
			}
			var verifier = Signature.getInstance(ALGORITHM);
			verifier.initVerify(key);
			verifier.update(all, 0, bodyLength);
			if (!verifier.verify(all, bodyLength, 64)) {
				return Optional.empty();
			}
			var buffer = ByteBuffer.wrap(all, 1, bodyLength - 1);
			var id = new UUID(buffer.getLong(), buffer.getLong());
			long stand = Integer.toUnsignedLong(buffer.getInt());
			var expires = Instant.ofEpochSecond(Integer.toUnsignedLong(buffer.getInt()));
			buffer.get();
			var items = new ArrayList<Item>();
			for (int i = 0; i < count; i++) {
				items.add(new Item(Integer.toUnsignedLong(buffer.getInt()), buffer.get() & 0xFF));
			}
			return Optional.of(new PickupCode(id, stand, expires, items));
		}
		catch (IllegalArgumentException | GeneralSecurityException | java.nio.BufferUnderflowException e) {
			return Optional.empty();
		}
	}

	public static KeyPair generateKeys() {
		try {
			var generator = java.security.KeyPairGenerator.getInstance("EC");
			generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}
}
