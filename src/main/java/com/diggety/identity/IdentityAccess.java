package com.diggety.identity;

import static com.diggety.identity.AccessRules.roles;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call the identity endpoints. */
@Configuration(proxyBeanMethods = false)
class IdentityAccess {

	@Bean
	AccessRules identityRules() {
		return rules -> rules
				.requestMatchers(POST, "/api/v1/auth/login", "/api/v1/auth/signup").permitAll()
				.requestMatchers(GET, "/api/v1/me").authenticated()
				.requestMatchers("/api/v1/users", "/api/v1/users/**").hasRole(Role.OWNER.name())
				.requestMatchers(GET, "/api/v1/audit").hasAnyRole(roles(Role.OWNER, Role.MANAGER));
	}
}
