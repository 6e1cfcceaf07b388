package com.diggety.sync;

import java.time.Instant;
import java.util.UUID;

/** A registered phone of a stand and how far its events have come. */
public record Device(UUID id, long standId, String name, String platform, long registeredBy, Instant registeredAt,
		Instant revokedAt, long lastSequence, Instant lastPushAt, Long clockSkewMillis) {

	public boolean revoked() {
		return revokedAt != null;
	}
}
