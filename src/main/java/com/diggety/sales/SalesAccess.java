package com.diggety.sales;

import static com.diggety.identity.AccessRules.roles;
import static org.springframework.http.HttpMethod.GET;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.diggety.identity.AccessRules;
import com.diggety.identity.Role;

/** Who may read sales: the office everything, an operator its own stand (checked in the endpoints); receipts anyone. */
@Configuration(proxyBeanMethods = false)
class SalesAccess {

	@Bean
	AccessRules salesRules() {
		var readers = roles(Role.OWNER, Role.MANAGER, Role.OPERATOR);
		return rules -> rules
				.requestMatchers(GET, "/api/v1/receipts/{saleId}").permitAll()
				.requestMatchers(GET, "/api/v1/sales", "/api/v1/sales/{id}", "/api/v1/stands/{standId}/shifts",
						"/api/v1/shifts/{id}/report").hasAnyRole(readers);
	}
}
