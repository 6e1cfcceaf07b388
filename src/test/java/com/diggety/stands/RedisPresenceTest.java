package com.diggety.stands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.diggety.stands.internal.RedisPresence;

/** The shared presence store on the real local Redis, as several instances use it in production. */
class RedisPresenceTest {

	LettuceConnectionFactory connections;
	StringRedisTemplate redis;
	String key = "diggety:test:presence:" + UUID.randomUUID();

	@BeforeEach
	void connect() {
		connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
		connections.afterPropertiesSet();
		redis = new StringRedisTemplate(connections);
		redis.afterPropertiesSet();
	}

	@AfterEach
	void clean() {
		redis.delete(key);
		connections.destroy();
	}

	@Test
	void twoInstancesSeeTheSameHeartbeats() {
		var first = new RedisPresence(redis, key);
		var second = new RedisPresence(redis, key);
		var device = UUID.randomUUID();
		var at = Instant.parse("2026-11-25T10:00:00.123Z");
		first.seen(7, new Presence.Seen(at, "4g", device));
		var seen = second.lastSeen(7).orElseThrow();
		assertThat(seen.at()).isEqualTo(at);
		assertThat(seen.network()).isEqualTo("4g");
		assertThat(seen.deviceId()).isEqualTo(device);
		assertThat(second.all()).containsOnlyKeys(7L);
		assertThat(second.lastSeen(8)).isEmpty();
	}

	@Test
	void aLateHeartbeatNeverMovesLastSeenBackwards() {
		var presence = new RedisPresence(redis, key);
		var newer = Instant.parse("2026-11-25T10:05:00Z");
		presence.seen(3, new Presence.Seen(newer, "wifi", null));
		presence.seen(3, new Presence.Seen(newer.minusSeconds(60), "2g", null));
		assertThat(presence.lastSeen(3).orElseThrow().at()).isEqualTo(newer);
		assertThat(presence.lastSeen(3).orElseThrow().network()).isEqualTo("wifi");
	}
}
