package com.diggety.notifications.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.interaso.webpush.CryptoKt;
import com.interaso.webpush.VapidKeys;

/**
 * The VAPID key pair (P-256) that identifies Diggety to the browsers' push services: from configuration (base64url,
 * the uncompressed public point and the private scalar, as web-push tools print them), or generated once for the
 * embedded default and kept in its data folder, or generated in memory (tests). Never a key written in code.
 */
public final class VapidKeyFile {

	private VapidKeyFile() {
	}

	/** The keys, or empty when none are configured and none may be generated (Web Push is off then). */
	public static Optional<VapidKeys> load(String publicKey, String privateKey, Path file, boolean generate) {
		if (publicKey != null && !publicKey.isBlank()) {
			if (privateKey == null || privateKey.isBlank()) {
				throw new IllegalStateException("diggety.push.vapid.private-key is missing for the configured public key");
			}
			return Optional.of(of(publicKey.trim(), privateKey.trim()));
		}
		if (!generate) {
			return Optional.empty();
		}
		if (file == null || file.toString().isBlank()) {
			return Optional.of(VapidKeys.generate());
		}
		return Optional.of(fromFile(file));
	}

	private static VapidKeys fromFile(Path file) {
		try {
			if (Files.exists(file)) {
				List<String> lines = Files.readAllLines(file);
				return of(lines.get(0).trim(), lines.get(1).trim());
			}
			var keys = VapidKeys.generate();
			com.diggety.shared.SecretFile.write(file, List.of(publicKey(keys), privateKey(keys)));
			return keys;
		}
		catch (IOException | IndexOutOfBoundsException e) {
			throw new IllegalStateException("Cannot read or create the VAPID keys at " + file, e);
		}
	}

	private static VapidKeys of(String publicKey, String privateKey) {
		var decoder = Base64.getUrlDecoder();
		try {
			var keys = new VapidKeys(CryptoKt.generatePublicKeyFromUncompressedBytes(decoder.decode(publicKey)),
					CryptoKt.generatePrivateKeyFromUncompressedBytes(decoder.decode(privateKey)));
			if (!CryptoKt.areKeysValidPair(keys.getPrivateKey(), keys.getPublicKey())) {
				throw new IllegalStateException("The VAPID public and private keys do not belong together");
			}
			return keys;
		}
		catch (IllegalStateException e) {
			throw e;
		}
		catch (Exception e) { // the library throws the JCA's checked exceptions unannounced
			throw new IllegalStateException("The VAPID keys are not valid base64url P-256 keys", e);
		}
	}

	/** The public key as browsers take it for {@code applicationServerKey}: base64url of the uncompressed point. */
	public static String publicKey(VapidKeys keys) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(keys.getApplicationServerKey());
	}

	static String privateKey(VapidKeys keys) {
		var scalar = keys.getPrivateKey().getS().toByteArray();
		var fixed = new byte[32];
		int copy = Math.min(scalar.length, 32);
		System.arraycopy(scalar, scalar.length - copy, fixed, 32 - copy, copy);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
	}

}
