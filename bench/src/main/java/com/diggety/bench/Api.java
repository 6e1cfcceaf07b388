package com.diggety.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The app over HTTP: one shared client (HTTP/1.1 keep-alive, a small fixed executor, no compression asked for) and
 * an optional bearer token. Refuses any address that is not the loopback.
 */
public final class Api implements AutoCloseable {

	public static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final URI base;
	private final HttpClient http;
	private final ExecutorService executor;
	private final JsonMapper json;
	private volatile String token;

	Api(URI base, JsonMapper json) {
		requireLoopback(base);
		this.base = base;
		this.json = json;
		this.executor = Executors.newFixedThreadPool(2, r -> {
			var thread = new Thread(r, "bench-http");
			thread.setDaemon(true);
			return thread;
		});
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
				.executor(executor).build();
	}

	private static void requireLoopback(URI base) {
		try {
			if (!InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
				throw new IllegalArgumentException("the bench only talks to the loopback, not " + base);
			}
		}
		catch (IOException e) {
			throw new IllegalArgumentException("cannot resolve " + base, e);
		}
	}

	public URI uri(String pathAndQuery) {
		return base.resolve(pathAndQuery);
	}

	/** Logs in and keeps the token for {@link #authorized}. */
	public void login(String username, String password) throws IOException, InterruptedException {
		var response = send(post("/api/v1/auth/login", Map.of("username", username, "password", password)).build());
		if (response.statusCode() != 200) {
			throw new IOException("login as " + username + " failed: HTTP " + response.statusCode() + " "
					+ response.body());
		}
		token = json.readTree(response.body()).get("accessToken").asString();
	}

	/** The bearer token of the last login (null before one), for a {@link Wire} of a worker. */
	public String token() {
		return token;
	}

	/** A GET, with the bearer token if logged in. */
	public HttpRequest.Builder get(String pathAndQuery) {
		return authorized(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(TIMEOUT).GET());
	}

	/** A POST of {@code body} as JSON, with the bearer token if logged in. */
	public HttpRequest.Builder post(String path, Object body) {
		return authorized(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
	}

	/**
	 * A POST of a ready JSON text <b>without</b> the bearer token, even when logged in: a public endpoint as an
	 * anonymous client calls it (no token to verify, no caller).
	 */
	public HttpRequest anonymousPost(URI uri, String jsonBody) {
		return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(jsonBody)).build();
	}

	private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
		var current = token;
		return current == null ? builder : builder.header("Authorization", "Bearer " + current);
	}

	public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** The hot path: the body as bytes, not decoded, to spend as little of the shared CPU as possible. */
	public HttpResponse<byte[]> sendForBytes(HttpRequest request) throws IOException, InterruptedException {
		return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
	}

	public JsonNode readTree(String body) {
		return json.readTree(body);
	}

	@Override
	public void close() {
		executor.shutdownNow();
	}
}
