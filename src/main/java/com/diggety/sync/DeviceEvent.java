package com.diggety.sync;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** One fact recorded by a phone, as it arrives in a push. */
public record DeviceEvent(UUID id, long sequence, String type, Instant occurredAt, Position position,
		JsonNode payload) {

	public record Position(Double latitude, Double longitude, Double accuracyMeters) {
	}
}
