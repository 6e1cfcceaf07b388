package com.diggety.stands.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.diggety.stands.Presence;

/** Heartbeats in this instance's memory: right for the embedded default and a single instance. */
public final class InMemoryPresence implements Presence {

	private final Map<Long, Seen> seen = new ConcurrentHashMap<>();

	@Override
	public void seen(long standId, Seen heartbeat) {
		seen.merge(standId, heartbeat, (old, fresh) -> fresh.at().isAfter(old.at()) ? fresh : old);
	}

	@Override
	public Optional<Seen> lastSeen(long standId) {
		return Optional.ofNullable(seen.get(standId));
	}

	@Override
	public Map<Long, Seen> all() {
		return Map.copyOf(seen);
	}
}
