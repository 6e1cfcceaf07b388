package com.diggety.catalog;

import static com.diggety.identity.AccessRules.roles;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.diggety.identity.AccessRules;
import com.diggety.identity.Role;

/** Who may call the catalog endpoints: the menu is public, reading is for staff, changing for the office. */
@Configuration(proxyBeanMethods = false)
class CatalogAccess {

	@Bean
	AccessRules catalogRules() {
		var office = roles(Role.OWNER, Role.MANAGER);
		var staff = roles(Role.OWNER, Role.MANAGER, Role.OPERATOR, Role.DRIVER);
		return rules -> rules
				.requestMatchers(GET, "/api/v1/stands/{id}/menu").permitAll()
				.requestMatchers(PUT, "/api/v1/stands/{id}/menu/{productId}").hasAnyRole(office)
				.requestMatchers(GET, "/api/v1/products", "/api/v1/products/{id}", "/api/v1/ingredients",
						"/api/v1/substitutes").hasAnyRole(staff)
				.requestMatchers(POST, "/api/v1/products", "/api/v1/products/{id}/archive",
						"/api/v1/products/{id}/restore", "/api/v1/ingredients", "/api/v1/ingredients/{id}/archive",
						"/api/v1/ingredients/{id}/restore", "/api/v1/substitutes").hasAnyRole(office)
				.requestMatchers(PUT, "/api/v1/products/{id}", "/api/v1/products/{id}/recipe",
						"/api/v1/ingredients/{id}").hasAnyRole(office)
				.requestMatchers(DELETE, "/api/v1/substitutes/{id}").hasAnyRole(office);
	}
}
