package com.diggety.payments.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

import com.diggety.payments.PaymentSettings;
import com.diggety.payments.gateway.WebhookSignature;
import com.diggety.shared.AfterCommit;

import tools.jackson.databind.ObjectMapper;

/**
 * Delivers the sandbox's webhooks the way a provider does: a Stripe-style event, signed with the sandbox's secret,
 * POSTed to our webhook endpoint on another thread, and sent again with growing pauses until it is answered 2xx.
 */
@Component
@ConditionalOnProperty(name = "diggety.payments.gateway", havingValue = "sandbox", matchIfMissing = true)
class SandboxWebhooks implements ApplicationListener<WebServerInitializedEvent>, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SandboxWebhooks.class);
	private static final int ATTEMPTS = 8;

	private final byte[] secret;
	private final java.util.Set<String> subscribed;
	private final ObjectMapper json;
	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
		var thread = new Thread(runnable, "sandbox-webhooks");
		thread.setDaemon(true);
		return thread;
	});
	private volatile String url;

	SandboxWebhooks(PaymentSettings settings, ObjectMapper json) {
		this.json = json;
		var configured = settings.sandbox().webhookSecret();
		if (configured != null && !configured.isBlank()) {
			this.secret = configured.getBytes(StandardCharsets.UTF_8);
		}
		else {
			var bytes = new byte[32];
			new SecureRandom().nextBytes(bytes);
			this.secret = ("whsec_sandbox_" + HexFormat.of().formatHex(bytes)).getBytes(StandardCharsets.UTF_8);
		}
		this.url = settings.sandbox().webhookUrl();
		this.subscribed = settings.sandbox().events() == null ? java.util.Set.of()
				: java.util.Set.copyOf(settings.sandbox().events());
	}

	byte[] secret() {
		return secret.clone();
	}

	/** Our own webhook endpoint on the local port, unless a URL was configured. */
	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if ((url == null || url.isBlank()) && event.getApplicationContext().getServerNamespace() == null) {
			url = "http://127.0.0.1:" + event.getWebServer().getPort() + "/api/v1/webhooks/payments";
		}
	}

	/** Sends an event about {@code object} soon. */
	void send(String type, Map<String, Object> object) {
		if (!subscribed.isEmpty() && !subscribed.contains(type)) {
			return; // like a provider's endpoint with enabled_events: only what we act on is delivered
		}
		var event = new LinkedHashMap<String, Object>();
		event.put("id", "evt_sbx_" + UUID.randomUUID().toString().replace("-", ""));
		event.put("object", "event");
		event.put("type", type);
		event.put("created", Instant.now().getEpochSecond());
		event.put("livemode", false);
		event.put("data", Map.of("object", object));
		var body = json.writeValueAsBytes(event);
		// about what the caller's transaction commits (an intent created with its order): never before, never on rollback
		AfterCommit.run(() -> scheduler.execute(() -> deliver(body, type, 1)));
	}

	private void deliver(byte[] body, String type, int attempt) {
		var target = url;
		boolean delivered = false;
		if (target != null && !target.isBlank()) {
			try {
				var request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(10))
						.header("Content-Type", "application/json; charset=utf-8")
						.header(WebhookSignature.HEADER,
								WebhookSignature.header(secret, Instant.now().getEpochSecond(), body))
						.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
				var response = client.send(request, HttpResponse.BodyHandlers.discarding());
				delivered = response.statusCode() / 100 == 2;
				if (!delivered) {
					log.warn("The sandbox's {} webhook was answered {}", type, response.statusCode());
				}
			}
			catch (java.io.IOException e) {
				log.warn("The sandbox could not deliver its {} webhook: {}", type, e.toString());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		if (!delivered && attempt < ATTEMPTS && !scheduler.isShutdown()) {
			scheduler.schedule(() -> deliver(body, type, attempt + 1), 1L << (attempt - 1), TimeUnit.SECONDS);
		}
	}

	@Override
	public void destroy() {
		scheduler.shutdownNow();
	}
}
