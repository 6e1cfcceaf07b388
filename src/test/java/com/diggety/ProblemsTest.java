package com.diggety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Every error is an RFC 9457 problem document, never a stack trace or an HTML page. */
class ProblemsTest extends ApiTest {

	void assertProblem(Http.Response response, int status) {
		assertThat(response.status()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		var json = response.json();
		assertThat(json.get("status").asInt()).isEqualTo(status);
		assertThat(json.get("title").asString()).isNotBlank();
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at com.").doesNotContain("org.spring");
	}

	@Test
	void anUnknownPathIsA404Problem() {
		assertProblem(http.get("/no/such/page"), 404);
		assertProblem(http.get("/api/v1/no-such-endpoint"), 404);
		assertProblem(http.as("owner").get("/api/v1/no-such-endpoint"), 404);
	}

	@Test
	void aWrongMethodIsA405Problem() {
		assertProblem(http.send("DELETE", "/api/v1/auth/login", null, Map.of()), 405);
	}

	@Test
	void aWrongMediaTypeIsA415Problem() {
		assertProblem(http.send("POST", "/api/v1/auth/login", "username=owner", Map.of("Content-Type", "text/plain")), 415);
	}

	@Test
	void malformedJsonIsA400Problem() {
		var response = http.send("POST", "/api/v1/auth/login", "{\"username\": \"owner\", ", Map.of());
		assertProblem(response, 400);
		assertThat(response.json().get("detail").asString()).contains("not valid JSON");
	}

	@Test
	void anOversizedBodyIsA413Problem() {
		var huge = "{\"username\":\"" + "x".repeat(1_100_000) + "\",\"password\":\"p\"}";
		assertProblem(http.post("/api/v1/auth/login", huge), 413);
	}

	@Test
	void validationErrorsNameEachField() {
		var response = http.post("/api/v1/auth/login", Map.of("username", "", "password", ""));
		assertProblem(response, 400);
		assertThat(response.body()).contains("\"username\"").contains("\"password\"");
	}

	@Test
	void missingAndBadTokensAre401ProblemsAndWrongRolesAre403Problems() {
		assertProblem(http.get("/api/v1/users"), 401);
		assertProblem(http.withToken("garbage").get("/api/v1/users"), 401);
		assertProblem(http.as("driver1").get("/api/v1/users"), 403);
	}
}
