package com.diggety.payments;

import static com.diggety.identity.AccessRules.roles;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.diggety.identity.AccessRules;
import com.diggety.identity.Role;

/** Who may call the payments endpoints: the provider (proved by its signature, not a token) and the office. */
@Configuration(proxyBeanMethods = false)
class PaymentsAccess {

	@Bean
	AccessRules paymentsRules() {
		var office = roles(Role.OWNER, Role.MANAGER);
		return rules -> rules
				.requestMatchers(POST, "/api/v1/webhooks/payments").permitAll()
				.requestMatchers(GET, "/api/v1/payments", "/api/v1/payments/{id}").hasAnyRole(office);
	}
}
