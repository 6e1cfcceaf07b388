package com.diggety.pricing;

import static com.diggety.identity.AccessRules.roles;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.diggety.identity.AccessRules;
import com.diggety.identity.Role;

/** Who may call the pricing endpoints. An operator's stand scope is checked in {@link Promotions}. */
@Configuration(proxyBeanMethods = false)
class PricingAccess {

	@Bean
	AccessRules pricingRules() {
		var promoters = roles(Role.OWNER, Role.MANAGER, Role.OPERATOR);
		return rules -> rules
				.requestMatchers(POST, "/api/v1/pricing/quote").permitAll()
				.requestMatchers(GET, "/api/v1/pricing/policy").hasAnyRole(promoters)
				.requestMatchers(PUT, "/api/v1/pricing/policy").hasRole(Role.OWNER.name())
				.requestMatchers(GET, "/api/v1/promotions", "/api/v1/promotions/{id}", "/api/v1/promotions/{id}/codes")
				.hasAnyRole(promoters)
				.requestMatchers(POST, "/api/v1/promotions", "/api/v1/promotions/{id}/pause",
						"/api/v1/promotions/{id}/resume", "/api/v1/promotions/{id}/archive",
						"/api/v1/promotions/{id}/codes").hasAnyRole(promoters)
				.requestMatchers(PUT, "/api/v1/promotions/{id}").hasAnyRole(promoters);
	}
}
