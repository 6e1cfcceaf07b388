package com.diggety.stands.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;

import com.diggety.stands.Presence;

/**
 * Heartbeats in a Redis hash shared by every instance: field = stand id, value = "epochMillis|network|deviceId".
 * A heartbeat never moves a stand's last-seen time backwards (a Lua script compares before it writes).
 */
public final class RedisPresence implements Presence {

	static final String KEY = "diggety:presence";

	private static final org.springframework.data.redis.core.script.RedisScript<Long> NEWER = org.springframework.data.redis.core.script.RedisScript.of("""
			local old = redis.call('HGET', KEYS[1], ARGV[1])
			if old then
			  local oldAt = tonumber(string.match(old, '^(%d+)'))
			  if oldAt and oldAt > tonumber(ARGV[2]) then return 0 end
			end
			redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
			return 1""", Long.class);

	private final StringRedisTemplate redis;
	private final String key;

	public RedisPresence(StringRedisTemplate redis, String key) {
		this.redis = redis;
		this.key = key;
	}

	public RedisPresence(StringRedisTemplate redis) {
		this(redis, KEY);
	}

	@Override
	public void seen(long standId, Seen seen) {
		var millis = String.valueOf(seen.at().toEpochMilli());
		var value = millis + "|" + clean(seen.network()) + "|" + (seen.deviceId() == null ? "" : seen.deviceId());
		redis.execute(NEWER, java.util.List.of(key), String.valueOf(standId), millis, value);
	}

	@Override
	public Optional<Seen> lastSeen(long standId) {
		Object value = redis.opsForHash().get(key, String.valueOf(standId));
		return Optional.ofNullable(value).map(v -> parse(v.toString()));
	}

	@Override
	public Map<Long, Seen> all() {
		var result = new HashMap<Long, Seen>();
		redis.opsForHash().entries(key).forEach((k, v) -> result.put(Long.parseLong(k.toString()), parse(v.toString())));
		return result;
	}

	private static String clean(String network) {
		return network == null ? "unknown" : network.replace("|", "").trim();
	}

	private static Seen parse(String value) {
		var parts = value.split("\\|", -1);
		return new Seen(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1],
				parts.length > 2 && !parts[2].isEmpty() ? UUID.fromString(parts[2]) : null);
	}
}
