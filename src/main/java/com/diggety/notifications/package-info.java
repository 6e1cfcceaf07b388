/**
 * Reaching people: SMS through a transactional outbox to a Twilio-style provider or the built-in sandbox, inbound
 * texts from the provider's signed webhook announced as {@link com.diggety.notifications.SmsReceived}, Web Push to
 * the browsers people subscribed (VAPID, RFC 8291 encryption), staff phone numbers, and the drivers' low-stock
 * alerts with their throttle.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications",
		allowedDependencies = { "shared", "identity", "inventory", "stands" })
package com.diggety.notifications;
