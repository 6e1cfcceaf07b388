package com.diggety.inventory;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param staleAfter   a stand that keeps selling with no stock update by hand for this long is reminded
 * @param freshWithin  stock updated by hand within this time counts as fresh (online orders may confirm themselves)
 * @param forecastWeeks how many past weeks the demand forecast learns from
 * @param safetyShare  extra share of the forecast a restock suggestion adds (basis points, 2000 = 20 %)
 */
@ConfigurationProperties("diggety.inventory")
public record InventorySettings(@DefaultValue("3h") Duration staleAfter, @DefaultValue("1h") Duration freshWithin,
		@DefaultValue("6") int forecastWeeks, @DefaultValue("2000") int safetyShare) {
}
