package com.diggety.stands.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.diggety.stands.Presence;
import com.diggety.stands.PresenceSettings;

/** Chooses where heartbeats live. */
@Configuration(proxyBeanMethods = false)
class PresenceConfig {

	@Bean
	Presence presence(PresenceSettings settings, ObjectProvider<StringRedisTemplate> redis) {
		return switch (settings.store()) {
			case "redis" -> new RedisPresence(redis.getObject());
			case "memory" -> new InMemoryPresence();
			default -> throw new IllegalStateException("diggety.presence.store must be memory or redis");
		};
	}
}
