package com.diggety.orders;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.diggety.shared.Sql;

/**
 * The key pair pickup codes are signed with. Configured ({@code diggety.orders.pickup-key}) in production; otherwise
 * made once and kept in the database, so codes issued before a restart still verify after it.
 */
@Component
class PickupKeys {

	private final KeyPair keys;

	PickupKeys(OrderSettings settings, JdbcClient db) {
		this.keys = settings.pickupKey() != null && !settings.pickupKey().isBlank()
				? decode(settings.pickupKey(), settings.pickupPublicKey())
				: stored(db);
	}

	KeyPair pair() {
		return keys;
	}

	/** The public key as X.509 SubjectPublicKeyInfo DER in base64: WebCrypto imports it as {@code spki}. */
	String publicSpki() {
		return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
	}

	private static KeyPair stored(JdbcClient db) {
		var existing = db.sql("SELECT private_key, public_key FROM order_pickup_keys WHERE id = 1")
				.query((rs, i) -> decode(rs.getString("private_key"), rs.getString("public_key"))).optional();
		if (existing.isPresent()) {
			return existing.get();
		}
		var made = PickupCode.generateKeys();
		var encoder = Base64.getEncoder();
		try {
			db.sql("INSERT INTO order_pickup_keys (id, private_key, public_key, created_at) VALUES (1, ?, ?, ?)")
					.params(encoder.encodeToString(made.getPrivate().getEncoded()),
							encoder.encodeToString(made.getPublic().getEncoded()), Sql.ts(Instant.now()))
					.update();
			return made;
		}
		catch (DuplicateKeyException anotherInstanceWasFirst) {
			return stored(db);
		}
	}

	private static KeyPair decode(String privateKey, String publicKey) {
		try {
			var factory = KeyFactory.getInstance("EC");
			var decoder = Base64.getDecoder();
			return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(decoder.decode(publicKey))),
					factory.generatePrivate(new PKCS8EncodedKeySpec(decoder.decode(privateKey))));
		}
		catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
			throw new IllegalStateException("diggety.orders.pickup-key and pickup-public-key must be an EC P-256 pair "
					+ "(PKCS#8 and X.509 DER, base64)", e);
		}
	}
}
