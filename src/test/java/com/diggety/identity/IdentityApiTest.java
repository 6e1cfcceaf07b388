package com.diggety.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.diggety.ApiTest;

/** Staff log in, get short-lived tokens, and lose them when the owner disables them or resets their password. */
class IdentityApiTest extends ApiTest {

	@Test
	void anOperatorLogsInAndSeesItsStand() {
		var response = http.post("/api/v1/auth/login", Map.of("username", "OP01", "password", "diggety-operator"));
		assertThat(response.status()).isEqualTo(200);
		var session = response.json();
		assertThat(session.get("tokenType").asString()).isEqualTo("Bearer");
		assertThat(session.get("user").get("role").asString()).isEqualTo("OPERATOR");
		assertThat(session.get("user").get("standId").isNumber()).isTrue();
		assertThat(session.toString()).doesNotContain("password").doesNotContain("argon");
		var me = http.withToken(session.get("accessToken").asString()).get("/api/v1/me");
		assertThat(me.json().get("username").asString()).isEqualTo("op01");
	}

	@Test
	void aWrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() {
		var wrongPassword = http.post("/api/v1/auth/login", Map.of("username", "driver2", "password", "nope-nope-nope"));
		var unknownUser = http.post("/api/v1/auth/login", Map.of("username", "nobody-here", "password", "nope-nope-nope"));
		assertThat(wrongPassword.status()).isEqualTo(401);
		assertThat(unknownUser.status()).isEqualTo(401);
		assertThat(wrongPassword.json().get("detail")).isEqualTo(unknownUser.json().get("detail"));
	}

	@Test
	void repeatedFailuresOnOneAccountAreThrottledWithRetryAfter() {
		var owner = http.as("owner");
		owner.post("/api/v1/users", Map.of("username", "throttled-op", "displayName", "Throttled", "role", "OPERATOR",
				"password", "correct-horse-1"));
		for (int i = 0; i < 5; i++) {
			// each attempt from another address, so only the per-account limit applies
			var attempt = http.send("POST", "/api/v1/auth/login",
					Map.of("username", "throttled-op", "password", "wrong-password"),
					Map.of("X-Forwarded-For", "198.51.100." + (10 + i)));
			assertThat(attempt.status()).isEqualTo(401);
		}
		var blocked = http.send("POST", "/api/v1/auth/login",
				Map.of("username", "throttled-op", "password", "correct-horse-1"),
				Map.of("X-Forwarded-For", "198.51.100.99"));
		assertThat(blocked.status()).isEqualTo(429);
		assertThat(blocked.headers().firstValue("Retry-After")).hasValueSatisfying(
				v -> assertThat(Long.parseLong(v)).isBetween(1L, 900L));
		assertThat(blocked.contentType()).startsWith("application/problem+json");
	}

	@Test
	void oneAddressGuessingManyAccountsIsThrottled() {
		int status = 0;
		for (int i = 0; i < 21 && status != 429; i++) {
			status = http.send("POST", "/api/v1/auth/login",
					Map.of("username", "spray-" + i, "password", "Password123"),
					Map.of("X-Forwarded-For", "203.0.113.77")).status();
		}
		assertThat(status).isEqualTo(429);
		// another address is not affected
		var elsewhere = http.send("POST", "/api/v1/auth/login", Map.of("username", "driver1", "password", "diggety-driver"),
				Map.of("X-Forwarded-For", "203.0.113.78"));
		assertThat(elsewhere.status()).isEqualTo(200);
	}

	@Test
	void aDisabledAccountsTokenStopsWorkingAtOnce() {
		var owner = http.as("owner");
		var created = owner.post("/api/v1/users", Map.of("username", "driver-to-disable", "displayName", "Temp Driver",
				"role", "DRIVER", "password", "temporary-pass-1"));
		assertThat(created.status()).isEqualTo(201);
		long id = created.json().get("id").asLong();
		var driver = http.withToken(http.login("driver-to-disable", "temporary-pass-1"));
		assertThat(driver.get("/api/v1/stands").status()).isEqualTo(200);

		assertThat(owner.post("/api/v1/users/" + id + "/disable", null).status()).isEqualTo(200);
		assertThat(driver.get("/api/v1/stands").status()).isEqualTo(401);
		var login = http.post("/api/v1/auth/login", Map.of("username", "driver-to-disable", "password", "temporary-pass-1"));
		assertThat(login.status()).isEqualTo(403);

		assertThat(owner.post("/api/v1/users/" + id + "/enable", null).status()).isEqualTo(200);
		assertThat(http.withToken(http.login("driver-to-disable", "temporary-pass-1")).get("/api/v1/stands").status())
				.isEqualTo(200);
		assertThat(owner.get("/api/v1/audit?subjectType=user").body()).contains("user.disabled").contains("user.enabled");
	}

	@Test
	void aResetPasswordEndsOldTokensAndTheNewPasswordWorks() {
		var owner = http.as("owner");
		long id = owner.post("/api/v1/users", Map.of("username", "manager-reset", "displayName", "Reset Me",
				"role", "MANAGER", "password", "first-password-1")).json().get("id").asLong();
		var old = http.withToken(http.login("manager-reset", "first-password-1"));
		assertThat(old.get("/api/v1/me").status()).isEqualTo(200);
		assertThat(owner.post("/api/v1/users/" + id + "/password", Map.of("password", "second-password-2")).status())
				.isEqualTo(200);
		assertThat(old.get("/api/v1/me").status()).isEqualTo(401);
		assertThat(http.post("/api/v1/auth/login", Map.of("username", "manager-reset", "password", "first-password-1"))
				.status()).isEqualTo(401);
		assertThat(http.withToken(http.login("manager-reset", "second-password-2")).get("/api/v1/me").status())
				.isEqualTo(200);
	}

	@Test
	void theOwnerBindsANewOperatorToAStand() {
		var owner = http.as("owner");
		long user = owner.post("/api/v1/users", Map.of("username", "new-operator", "displayName", "New Operator",
				"role", "OPERATOR", "password", "operator-pass-1")).json().get("id").asLong();
		long stand = http.get("/api/v1/stands/nearby?lat=50.0335&lon=19.9705&limit=1").json().get(0).get("id").asLong();
		var assigned = owner.put("/api/v1/stands/" + stand + "/operators/" + user, null);
		assertThat(assigned.status()).isEqualTo(200);
		assertThat(assigned.body()).contains("new-operator");
		var operator = http.withToken(http.login("new-operator", "operator-pass-1"));
		assertThat(operator.get("/api/v1/me").json().get("standId").asLong()).isEqualTo(stand);
		// a driver cannot be bound to a stand
		long driver = owner.get("/api/v1/users").json().valueStream()
				.filter(u -> u.get("username").asString().equals("driver1")).findFirst().orElseThrow().get("id").asLong();
		assertThat(owner.put("/api/v1/stands/" + stand + "/operators/" + driver, null).status()).isEqualTo(422);
	}

	@Test
	void aForgedTokenIsRefused() {
		var token = http.login("manager", "diggety-manager");
		var parts = token.split("\\.");
		var forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
				"{\"sub\":\"1\",\"role\":\"OWNER\",\"ver\":0,\"iss\":\"diggety\",\"exp\":4102444800}".getBytes())
				+ "." + parts[2];
		assertThat(http.withToken(forged).get("/api/v1/users").status()).isEqualTo(401);
		assertThat(http.withToken("not-a-token").get("/api/v1/users").status()).isEqualTo(401);
	}
}
