package com.diggety.notifications;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.diggety.identity.Caller;
import com.diggety.shared.Problem;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A staff member's own phone number for alerts by SMS. */
@RestController
@Tag(name = "Notifications")
class ContactEndpoints {

	record Contact(@NotBlank @Size(max = 32) String phone) {
	}

	private final Contacts contacts;

	ContactEndpoints(Contacts contacts) {
		this.contacts = contacts;
	}

	@Operation(summary = "The caller's phone number for SMS alerts (staff)")
	@GetMapping("/api/v1/notifications/contacts/me")
	Contact mine() {
		var caller = Caller.current().orElseThrow();
		return new Contact(contacts.phoneOf(caller.userId())
				.orElseThrow(() -> Problem.notFound("Phone number of user", caller.userId())));
	}

	@Operation(summary = "Set the caller's phone number for SMS alerts, E.164 like +48600100200 (staff)")
	@PutMapping("/api/v1/notifications/contacts/me")
	Contact set(@Valid @RequestBody Contact contact) {
		var caller = Caller.current().orElseThrow();
		return new Contact(contacts.set(caller.userId(), contact.phone()));
	}
}
