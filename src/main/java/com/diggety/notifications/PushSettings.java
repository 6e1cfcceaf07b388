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
 * @param services       the push services a subscription may name, by host (a host or any of its subdomains):
 *                       browsers' real ones by default, so nobody can make the server post to an address of their
 *                       choosing (an internal one, say) by subscribing with it
 */
@ConfigurationProperties("diggety.push")
record PushSettings(@DefaultValue("mailto:office@diggety.example") String subject, @DefaultValue Vapid vapid,
		@DefaultValue("1h") Duration ttl, @DefaultValue("10s") Duration timeout, @DefaultValue("3") int attempts,
		@DefaultValue("false") boolean allowPlainHttp, @DefaultValue("2") int senders,
		@DefaultValue("500") int queue,
		@DefaultValue({ "fcm.googleapis.com", "android.googleapis.com", "push.services.mozilla.com", "push.apple.com",
				"notify.windows.com" }) java.util.List<String> services) {

	/** Whether a subscription's host is one of the push services, or a subdomain of one. */
	boolean pushService(String host) {
		var name = host.toLowerCase(java.util.Locale.ROOT);
		return services.stream().map(s -> s.toLowerCase(java.util.Locale.ROOT))
				.anyMatch(service -> name.equals(service) || name.endsWith("." + service));
	}

	/**
	 * @param publicKey  base64url uncompressed P-256 point; required in production (DIGGETY_VAPID_PUBLIC_KEY)
	 * @param privateKey base64url private scalar (DIGGETY_VAPID_PRIVATE_KEY)
	 * @param keyFile    where the embedded default keeps generated keys, so subscriptions survive a restart
	 * @param generate   whether missing keys may be generated (embedded default and tests)
	 */
	record Vapid(String publicKey, String privateKey, Path keyFile, @DefaultValue("false") boolean generate) {
	}
}
