package com.diggety.pricing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of a quote and of guessing codes.
 *
 * @param maxQuantity        the most of one product on one cart line
 * @param maxLines           the most lines on one cart
 * @param codeFailures       failed code attempts allowed per client within {@code codeFailureWindow}
 * @param snapshotTtl        how long a quote may reuse prices and promotions read before (other instances' edits
 *                           arrive within this time; this instance's own edits at once)
 */
@ConfigurationProperties("diggety.pricing")
public record PricingSettings(@DefaultValue("99") int maxQuantity, @DefaultValue("50") int maxLines,
		@DefaultValue("10") int codeFailures, @DefaultValue("10m") Duration codeFailureWindow,
		@DefaultValue("2s") Duration snapshotTtl) {
}
