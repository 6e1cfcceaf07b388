package com.diggety.sync;

import static com.diggety.identity.AccessRules.roles;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.diggety.identity.AccessRules;
import com.diggety.identity.Role;

/**
 * Who may call the device endpoints: an operator registers; the device itself (its token names it, checked in the
 * endpoints) pushes and pulls; the office lists, revokes and reads poison events. The live socket checks its token
 * at the handshake.
 */
@Configuration(proxyBeanMethods = false)
class SyncAccess {

	@Bean
	AccessRules syncRules() {
		var office = roles(Role.OWNER, Role.MANAGER);
		return rules -> rules
				.requestMatchers(GET, "/ws").permitAll()
				.requestMatchers(POST, "/api/v1/devices").hasRole(Role.OPERATOR.name())
				.requestMatchers(GET, "/api/v1/devices").hasAnyRole(office)
				.requestMatchers(POST, "/api/v1/devices/{deviceId}/token").hasRole(Role.OPERATOR.name())
				.requestMatchers(POST, "/api/v1/devices/{deviceId}/revoke").hasAnyRole(office)
				.requestMatchers(POST, "/api/v1/devices/{deviceId}/events").hasRole(Role.OPERATOR.name())
				.requestMatchers(GET, "/api/v1/devices/{deviceId}/changes").hasRole(Role.OPERATOR.name())
				.requestMatchers(GET, "/api/v1/sync/poison").hasAnyRole(office);
	}
}
