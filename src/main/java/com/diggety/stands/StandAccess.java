package com.diggety.stands;

import static com.diggety.identity.AccessRules.roles;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.diggety.identity.AccessRules;
import com.diggety.identity.Role;

/** Who may call the stand endpoints. An operator's own-stand scope is checked in {@link Stands#moveTo}. */
@Configuration(proxyBeanMethods = false)
class StandAccess {

	@Bean
	AccessRules standRules() {
		return rules -> rules
				.requestMatchers(GET, "/api/v1/stands/nearby", "/api/v1/settings").permitAll()
				.requestMatchers(GET, "/api/v1/stands").hasAnyRole(roles(Role.OWNER, Role.MANAGER, Role.DRIVER))
				.requestMatchers(POST, "/api/v1/stands").hasAnyRole(roles(Role.OWNER, Role.MANAGER))
				.requestMatchers(GET, "/api/v1/stands/{id}").permitAll()
				.requestMatchers(PUT, "/api/v1/stands/{id}").hasAnyRole(roles(Role.OWNER, Role.MANAGER))
				.requestMatchers(PUT, "/api/v1/stands/{id}/location")
				.hasAnyRole(roles(Role.OWNER, Role.MANAGER, Role.OPERATOR))
				.requestMatchers(POST, "/api/v1/stands/{id}/archive", "/api/v1/stands/{id}/restore")
				.hasRole(Role.OWNER.name())
				.requestMatchers(PUT, "/api/v1/stands/{id}/operators/{userId}").hasRole(Role.OWNER.name())
				.requestMatchers(DELETE, "/api/v1/stands/{id}/operators/{userId}").hasRole(Role.OWNER.name());
	}
}
