package com.diggety.stands;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Which stands' phones the backend hears from: the last heartbeat per stand with its network kind. In memory on one
 * instance by default; in Redis when several instances share the work ({@code diggety.presence.store=redis}).
 */
public interface Presence {

	/** The last heartbeat of a stand's phone. */
	record Seen(Instant at, String network, UUID deviceId) {
	}

	void seen(long standId, Seen seen);

	Optional<Seen> lastSeen(long standId);

	Map<Long, Seen> all();
}
