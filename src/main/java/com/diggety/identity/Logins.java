package com.diggety.identity;

import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.diggety.identity.internal.LoginThrottles;
import com.diggety.identity.internal.Tokens;
import com.diggety.shared.Problem;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Password login for staff and customers. Failed attempts are counted per account and per client address; past
 * the limit the answer is 429 with Retry-After, whatever the password.
 */
@RestController
@Tag(name = "Identity")
class Logins {

	record Login(@NotBlank @Size(max = 254) String username, @NotBlank @Size(max = 200) String password) {
	}

	record Signup(@NotBlank @jakarta.validation.constraints.Email @Size(max = 254) String email,
			@NotBlank @Size(min = 10, max = 200) String password, @Size(max = 80) String displayName) {
	}

	record Session(String accessToken, String tokenType, Instant expiresAt, Users.Account user) {
	}

	private final Users users;
	private final PasswordEncoder passwords;
	private final Tokens tokens;
	private final LoginThrottles throttles;
	private final String unknownUserHash;

	Logins(Users users, PasswordEncoder passwords, Tokens tokens, LoginThrottles throttles) {
		this.users = users;
		this.passwords = passwords;
		this.tokens = tokens;
		this.throttles = throttles;
		// compared against when the username is unknown, so both paths cost one hash
		this.unknownUserHash = passwords.encode("no such user " + Instant.now());
	}

	@Operation(summary = "Log in with username and password; returns a short-lived bearer token")
	@PostMapping("/api/v1/auth/login")
	Session login(@Valid @RequestBody Login login, HttpServletRequest request) {
		var account = Users.normalize(login.username());
		var address = request.getRemoteAddr();
		refuseIfThrottled(throttles.byAddress().blockedFor(address).orElse(null));
		refuseIfThrottled(throttles.byAccount().blockedFor(account).orElse(null));
		var credentials = users.credentials(account);
		var hash = credentials.map(Users.Credentials::hash).orElse(unknownUserHash);
		if (!passwords.matches(login.password(), hash) || credentials.isEmpty()) {
			throttles.byAccount().failed(account);
			throttles.byAddress().failed(address);
			throw Problem.of(HttpStatus.UNAUTHORIZED, "Login failed", "Wrong username or password");
		}
		var found = credentials.get();
		if (!found.account().active()) {
			throw Problem.forbidden("This account is disabled; ask the owner to enable it");
		}
		throttles.byAccount().succeeded(account);
		var issued = tokens.issue(found.account(), found.tokenVersion());
		return new Session(issued.value(), "Bearer", issued.expiresAt(), found.account());
	}

	@Operation(summary = "Sign up as a customer with e-mail and password; answers like a login (public)")
	@PostMapping("/api/v1/auth/signup")
	org.springframework.http.ResponseEntity<Session> signup(@Valid @RequestBody Signup signup, HttpServletRequest request) {
		var address = request.getRemoteAddr();
		refuseIfThrottled(throttles.byAddress().blockedFor(address).orElse(null));
		var name = signup.displayName() == null || signup.displayName().isBlank() ? signup.email().strip()
				: signup.displayName().strip();
		var account = users.create(signup.email(), name, Role.CUSTOMER, signup.password());
		var found = users.credentials(account.username()).orElseThrow();
		var issued = tokens.issue(found.account(), found.tokenVersion());
		return org.springframework.http.ResponseEntity.status(HttpStatus.CREATED)
				.body(new Session(issued.value(), "Bearer", issued.expiresAt(), found.account()));
	}

	@Operation(summary = "The account behind the bearer token")
	@GetMapping("/api/v1/me")
	Users.Account me() {
		var caller = Caller.current().orElseThrow();
		return users.find(caller.userId()).orElseThrow(() -> Problem.notFound("User", caller.userId()));
	}

	private static void refuseIfThrottled(Duration wait) {
		if (wait != null) {
			long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
			throw Problem.tooManyRequests("Too many failed logins; try again in " + seconds + " s", seconds);
		}
	}
}
