package com.diggety.notifications;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.diggety.identity.Caller;
import com.diggety.shared.Problem;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Web Push over HTTP: the VAPID public key for the browser, and the caller's own subscriptions. */
@RestController
@Tag(name = "Web Push")
class PushEndpoints {

	record PublicKey(String publicKey) {
	}

	private final Push push;

	PushEndpoints(Push push) {
		this.push = push;
	}

	@Operation(summary = "The VAPID public key, for pushManager.subscribe({applicationServerKey}) (public)")
	@GetMapping("/api/v1/push/key")
	PublicKey key() {
		return new PublicKey(push.publicKey());
	}

	@Operation(summary = "Store this browser's push subscription for the signed-in account (anyone signed in)")
	@PostMapping("/api/v1/push/subscriptions")
	@ResponseStatus(HttpStatus.CREATED)
	Push.Subscription subscribe(@Valid @RequestBody Push.NewSubscription subscription) {
		var caller = Caller.current().orElseThrow();
		return push.subscribe(caller.userId(), subscription.endpoint(), subscription.keys().p256dh(),
				subscription.keys().auth());
	}

	@Operation(summary = "Remove one of the caller's push subscriptions by its endpoint (anyone signed in)")
	@DeleteMapping("/api/v1/push/subscriptions")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void unsubscribe(@RequestParam String endpoint) {
		var caller = Caller.current().orElseThrow();
		if (!push.unsubscribe(caller.userId(), endpoint)) {
			throw Problem.notFound("Push subscription", endpoint);
		}
	}
}
