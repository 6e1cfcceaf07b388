package com.diggety.orders;

import static com.diggety.identity.AccessRules.roles;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.diggety.identity.AccessRules;
import com.diggety.identity.Role;

/**
 * Who may call the orders endpoints. Placing an order and following one are open to guests, who prove themselves
 * with the order's key (checked by the service, which answers 404 to anyone else), and so is following one by Web
 * Push; the rest needs a role.
 */
@Configuration(proxyBeanMethods = false)
class OrdersAccess {

	@Bean
	AccessRules ordersRules() {
		var stand = roles(Role.OPERATOR, Role.OWNER, Role.MANAGER);
		return rules -> rules
				.requestMatchers(GET, "/api/v1/stands/{id}/ordering", "/api/v1/orders/pickup-key").permitAll()
				.requestMatchers(GET, "/api/v1/orders/mine").hasRole(Role.CUSTOMER.name())
				.requestMatchers(GET, "/api/v1/orders").hasAnyRole(roles(Role.OWNER, Role.MANAGER))
				.requestMatchers(GET, "/api/v1/stands/{id}/orders").hasAnyRole(stand)
				.requestMatchers(POST, "/api/v1/orders/{id}/transitions", "/api/v1/orders/{id}/proposal").hasAnyRole(stand)
				.requestMatchers(POST, "/api/v1/orders").permitAll()
				.requestMatchers(GET, "/api/v1/orders/{id}").permitAll()
				.requestMatchers(POST, "/api/v1/orders/{id}/checkout", "/api/v1/orders/{id}/cancel",
						"/api/v1/orders/{id}/substitution", "/api/v1/orders/{id}/push").permitAll()
				.requestMatchers(DELETE, "/api/v1/orders/{id}/push").permitAll();
	}
}
