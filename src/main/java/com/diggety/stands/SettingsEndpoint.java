package com.diggety.stands;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.diggety.shared.Business;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** What every app needs before it draws anything: zone, currency, map tiles. */
@RestController
@Tag(name = "Stands")
class SettingsEndpoint {

	record PublicSettings(String zone, String currency, String tileUrl, String tileAttribution) {
	}

	private final Business business;
	private final MapSettings map;

	SettingsEndpoint(Business business, MapSettings map) {
		this.business = business;
		this.map = map;
	}

	@Operation(summary = "Business zone, currency and map tiles for the apps (public)")
	@GetMapping("/api/v1/settings")
	PublicSettings settings() {
		return new PublicSettings(business.zone().getId(), business.currency(), map.tileUrl(), map.attribution());
	}
}
