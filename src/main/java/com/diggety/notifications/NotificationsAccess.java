package com.diggety.notifications;

import static com.diggety.identity.AccessRules.roles;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.diggety.identity.AccessRules;
import com.diggety.identity.Role;

/**
 * Who may call the notification endpoints. The SMS webhook is public and proves itself with its signature; the
 * VAPID key is public by nature; everyone signed in manages their own push subscriptions.
 */
@Configuration(proxyBeanMethods = false)
class NotificationsAccess {

	@Bean
	AccessRules notificationRules() {
		var office = roles(Role.OWNER, Role.MANAGER);
		var staff = roles(Role.OWNER, Role.MANAGER, Role.OPERATOR, Role.DRIVER);
		return rules -> rules
				.requestMatchers(POST, "/api/v1/webhooks/sms").permitAll()
				.requestMatchers(GET, "/api/v1/push/key").permitAll()
				.requestMatchers(POST, "/api/v1/push/subscriptions").authenticated()
				.requestMatchers(DELETE, "/api/v1/push/subscriptions").authenticated()
				.requestMatchers(GET, "/api/v1/sms/outbox").hasAnyRole(office)
				.requestMatchers(GET, "/api/v1/mail/outbox").hasAnyRole(office)
				.requestMatchers(POST, "/api/v1/sms/sandbox/reply").hasAnyRole(office)
				.requestMatchers(GET, "/api/v1/notifications/contacts/me").hasAnyRole(staff)
				.requestMatchers(PUT, "/api/v1/notifications/contacts/me").hasAnyRole(staff);
	}
}
