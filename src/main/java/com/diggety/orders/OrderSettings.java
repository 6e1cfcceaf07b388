package com.diggety.orders;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param decisionTimeout how long a paid order waits for the stand's answer (app or SMS) before it expires and the
 *                        money goes back
 * @param paymentTimeout  how long a placed order waits for its payment before it expires
 * @param pickupValidity  how long a pickup code stays valid after acceptance
 * @param maxQuantity     the most of one product an order may hold
 * @param maxLines        the most lines an order may hold
 * @param pickupKey       the pickup signing key (PKCS#8 DER, base64) with {@code pickupPublicKey} (X.509 DER, base64);
 *                        when empty, a key pair is made at the first start and kept in the database
 * @param sweep           how often expired orders are looked for
 */
@ConfigurationProperties("diggety.orders")
public record OrderSettings(@DefaultValue("5m") Duration decisionTimeout, @DefaultValue("30m") Duration paymentTimeout,
		@DefaultValue("12h") Duration pickupValidity, @DefaultValue("20") int maxQuantity,
		@DefaultValue("20") int maxLines, String pickupKey, String pickupPublicKey,
		@DefaultValue("15s") Duration sweep) {
}
