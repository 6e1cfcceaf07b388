package com.diggety.inventory;

import static com.diggety.identity.AccessRules.roles;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.diggety.identity.AccessRules;
import com.diggety.identity.Role;

/** Who may call the inventory endpoints; an operator's own-stand scope is checked in the endpoints. */
@Configuration(proxyBeanMethods = false)
class InventoryAccess {

	@Bean
	AccessRules inventoryRules() {
		var office = roles(Role.OWNER, Role.MANAGER);
		var stockReaders = roles(Role.OWNER, Role.MANAGER, Role.DRIVER, Role.OPERATOR);
		var stockWriters = roles(Role.OWNER, Role.MANAGER, Role.OPERATOR);
		var fleet = roles(Role.OWNER, Role.MANAGER, Role.DRIVER);
		return rules -> rules
				.requestMatchers(GET, "/api/v1/stands/{id}/stock").hasAnyRole(stockReaders)
				.requestMatchers(POST, "/api/v1/stands/{id}/stock/movements").hasAnyRole(stockWriters)
				.requestMatchers(GET, "/api/v1/stands/{id}/stock/movements").hasAnyRole(stockWriters)
				.requestMatchers(PUT, "/api/v1/stands/{id}/stock/thresholds/{ingredientId}").hasAnyRole(office)
				.requestMatchers(GET, "/api/v1/stands/{id}/stock/forecast").hasAnyRole(office)
				.requestMatchers(GET, "/api/v1/stock/overview", "/api/v1/stock/alerts").hasAnyRole(fleet)
				.requestMatchers(GET, "/api/v1/restock/tasks").hasAnyRole(fleet)
				.requestMatchers(POST, "/api/v1/restock/tasks/{id}/accept").hasRole(Role.DRIVER.name())
				.requestMatchers(POST, "/api/v1/restock/tasks/{id}/deliver").hasAnyRole(fleet);
	}
}
