package com.diggety.notifications;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Web Push.
 *
 * @param subject        the contact push services may use (RFC 8292 {@code sub}: mailto: or https:)
 * @param vapid          the key pair that signs our requests
 * @param ttl            how long a push service keeps an undelivered message (alerts go stale)
 * @param timeout        connect and answer timeout of one call
 * @param attempts       tries per message when the push service fails or is busy
 * @param allowPlainHttp accept subscription endpoints over plain http (tests with a local endpoint only)
 * @param senders        threads that post messages sent after a commit (each call is bounded by {@code timeout})
 * @param queue          messages that may wait for a sender; beyond it a message is dropped and logged, so a
 *                       stalled push service never holds memory or a request
 */
@ConfigurationProperties("diggety.push")
record PushSettings(@DefaultValue("mailto:office@diggety.example") String subject, @DefaultValue Vapid vapid,
		@DefaultValue("1h") Duration ttl, @DefaultValue("10s") Duration timeout, @DefaultValue("3") int attempts,
		@DefaultValue("false") boolean allowPlainHttp, @DefaultValue("2") int senders,
		@DefaultValue("500") int queue) {

	/**
	 * @param publicKey  base64url uncompressed P-256 point; required in production (DIGGETY_VAPID_PUBLIC_KEY)
	 * @param privateKey base64url private scalar (DIGGETY_VAPID_PRIVATE_KEY)
	 * @param keyFile    where the embedded default keeps generated keys, so subscriptions survive a restart
	 * @param generate   whether missing keys may be generated (embedded default and tests)
	 */
	record Vapid(String publicKey, String privateKey, Path keyFile, @DefaultValue("false") boolean generate) {
	}
}
