package com.diggety;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the tests: real requests to the running app, JSON in and out, logged in as a role's
 * demo account when asked.
 */
public final class Http {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	/** A response: status, headers and the body parsed as JSON when it is JSON. */
	public record Response(int status, java.net.http.HttpHeaders headers, String body) {

		public JsonNode json() {
			return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
		}

		public String contentType() {
			return headers.firstValue("Content-Type").orElse("");
		}

		@Override
		public String toString() {
			return status + " " + body;
		}
	}

	public static final Map<String, String> DEMO_PASSWORDS = Map.of("owner", "diggety-owner", "manager",
			"diggety-manager", "op01", "diggety-operator", "op02", "diggety-operator", "driver1", "diggety-driver", "driver2", "diggety-driver",
			"anna@example.com", "diggety-customer");

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private final String base;
	private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
	private String token;

	public Http(int port) {
		this("http://localhost:" + port);
	}

	private Http(String base) {
		this.base = base;
	}

	/** The same client, sending the bearer token of a demo account (cached per run). */
	public Http as(String username) {
		var copy = new Http(base);
		copy.token = TOKENS.computeIfAbsent(base + " " + username, k -> login(username,
				username.matches("op\\d\\d") ? "diggety-operator" : DEMO_PASSWORDS.get(username)));
		return copy;
	}

	public Http withToken(String bearer) {
		var copy = new Http(base);
		copy.token = bearer;
		return copy;
	}

	public Http anonymous() {
		return new Http(base);
	}

	public String login(String username, String password) {
		var response = post("/api/v1/auth/login", Map.of("username", username, "password", password));
		if (response.status() != 200) {
			throw new IllegalStateException("login of " + username + " failed: " + response);
		}
		return response.json().get("accessToken").asString();
	}

	public Response get(String path) {
		return send("GET", path, null, Map.of());
	}

	public Response post(String path, Object body) {
		return send("POST", path, body, Map.of());
	}

	public Response put(String path, Object body) {
		return send("PUT", path, body, Map.of());
	}

	public Response delete(String path) {
		return send("DELETE", path, null, Map.of());
	}

	public Response send(String method, String path, Object body, Map<String, String> headers) {
		var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
		String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
		builder.method(method, text == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(text));
		if (text != null && !headers.containsKey("Content-Type")) {
			builder.header("Content-Type", "application/json");
		}
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		headers.forEach(builder::header);
		try {
			var response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException e) {
			throw new IllegalStateException(method + " " + path + " failed", e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
