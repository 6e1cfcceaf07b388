package com.diggety.notifications;

import java.util.Map;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.diggety.identity.Users;

/** The demo drivers' phone numbers, so low-stock texts show in the sandbox outbox; after the demo accounts exist. */
@Component
@Order(10)
@ConditionalOnProperty(name = "diggety.demo.enabled", havingValue = "true")
class DemoContacts implements ApplicationRunner {

	static final Map<String, String> PHONES = Map.of("driver1", "+48600200001", "driver2", "+48600200002");

	private final Users users;
	private final Contacts contacts;

	DemoContacts(Users users, Contacts contacts) {
		this.users = users;
		this.contacts = contacts;
	}

	@Override
	public void run(ApplicationArguments args) {
		PHONES.forEach((username, phone) -> users.findByUsername(username)
				.ifPresent(account -> contacts.ensure(account.id(), phone)));
	}
}
