package com.diggety.notifications;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.diggety.notifications.internal.CircuitBreaker;
import com.diggety.notifications.internal.VapidKeyFile;
import com.diggety.shared.AfterCommit;
import com.diggety.shared.Problem;
import com.diggety.shared.Sql;
import com.interaso.webpush.CryptoKt;
import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;

import tools.jackson.databind.ObjectMapper;

/**
 * Web Push to the browsers people subscribed: each message is encrypted for the subscription (RFC 8291, aes128gcm)
 * and signed with our VAPID key (RFC 8292), then posted to the subscription's push service. A push service that says
 * the subscription is gone (404, 410) has it deleted; one that fails is tried again a few times, behind a circuit
 * breaker per push service. A subscription belongs to an account, or to a topic of another module's (a guest's
 * order, {@code order:<id>}) until the topic ends or the subscription expires.
 */
@Service
public class Push implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Push.class);

	/** What the service worker shows: a title, a line of text, a tag that replaces an older message, a page to open. */
	public record Message(String title, String body, String tag, String url) {
	}

	/** A browser's subscription, owned by one account. */
	public record Subscription(long id, long userId, String endpoint, Instant createdAt, Instant lastSuccessAt) {
	}

	/** A browser's subscription for a topic (one order), kept until the topic is forgotten or it expires. */
	public record TopicSubscription(String topic, String endpoint, Instant createdAt, Instant expiresAt) {
	}

	/** The browser's {@code PushSubscription.toJSON()} as the endpoints take it; {@code subscribe} checks the rest. */
	public record NewSubscription(@NotBlank @Size(max = 2048) String endpoint, @NotNull @Valid Keys keys) {

		public record Keys(@NotBlank @Size(max = 100) String p256dh, @NotBlank @Size(max = 50) String auth) {
		}
	}

	/** The most browsers one topic keeps; a newer one pushes the oldest out (one order, a few phones at most). */
	static final int PER_TOPIC = 5;
	private static final String ACCOUNTS = "push_subscriptions";
	private static final String TOPICS = "push_topic_subscriptions";

	/** Where to post one message; {@code table} is where the subscription lives (one of the two above). */
	private record Target(String table, long id, String endpoint, String p256dh, String auth) {
	}

	/** A subscription as stored: the endpoint checked, the keys checked and in canonical base64url. */
	private record Browser(String endpoint, String p256dh, String auth) {
	}

	private final JdbcClient db;
	private final PushSettings settings;
	private final ObjectMapper json;
	private final Optional<WebPush> webPush;
	private final HttpClient client;
	private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
	/** Posts what {@link #sendAfterCommit} hands over: few threads, a bounded queue, overflow dropped and logged. */
	private final ThreadPoolExecutor senders;

	Push(JdbcClient db, PushSettings settings, ObjectMapper json) {
		this.db = db;
		this.settings = settings;
		this.json = json;
		var vapid = settings.vapid();
		Optional<VapidKeys> keys = VapidKeyFile.load(vapid.publicKey(), vapid.privateKey(), vapid.keyFile(),
				vapid.generate());
		if (keys.isEmpty()) {
			log.warn("Web Push is off: set diggety.push.vapid.public-key and private-key (DIGGETY_VAPID_PUBLIC_KEY, DIGGETY_VAPID_PRIVATE_KEY)");
		}
		this.webPush = keys.map(k -> new WebPush(settings.subject(), k));
		this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
		var threads = new AtomicInteger();
		int size = Math.max(1, settings.senders());
		this.senders = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(Math.max(1, settings.queue())), task -> {
					var thread = new Thread(task, "push-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				}, (task, pool) -> log.warn("Push queue is full ({} waiting); a message was dropped",
						pool.getQueue().size()));
	}

	@Override
	public void destroy() {
		senders.shutdownNow();
	}

	/** The VAPID public key browsers pass as {@code applicationServerKey} (base64url, uncompressed P-256 point). */
	public String publicKey() {
		return webPush.map(w -> VapidKeyFile.publicKey(w.getVapidKeys()))
				.orElseThrow(() -> Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "Web Push is off",
						"This server has no VAPID keys configured"));
	}

	/**
	 * Stores a browser's subscription for an account. An endpoint is one browser profile: subscribing it again (after
	 * a new login on the same phone) moves it to the new account.
	 */
	@Transactional
	public Subscription subscribe(long userId, String endpoint, String p256dh, String auth) {
		var browser = browser(endpoint, p256dh, auth);
		db.sql("DELETE FROM push_subscriptions WHERE endpoint = ?").param(browser.endpoint()).update();
		db.sql("INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth, created_at) VALUES (?, ?, ?, ?, ?)")
				.params(userId, browser.endpoint(), browser.p256dh(), browser.auth(), Sql.ts(Instant.now()))
				.update();
		return subscriptions("endpoint = ?", browser.endpoint()).get(0);
	}

	/** Removes one of the account's subscriptions; false when it has none with this endpoint. */
	@Transactional
	public boolean unsubscribe(long userId, String endpoint) {
		return db.sql("DELETE FROM push_subscriptions WHERE user_id = ? AND endpoint = ?").params(userId, endpoint)
				.update() > 0;
	}

	public List<Subscription> subscriptionsOf(long userId) {
		return subscriptions("user_id = ?", userId);
	}

	private List<Subscription> subscriptions(String where, Object param) {
		return db.sql("SELECT id, user_id, endpoint, created_at, last_success_at FROM push_subscriptions WHERE " + where
				+ " ORDER BY id").param(param)
				.query((rs, i) -> new Subscription(rs.getLong("id"), rs.getLong("user_id"), rs.getString("endpoint"),
						Sql.instant(rs, "created_at"), Sql.instant(rs, "last_success_at")))
				.list();
	}

	/**
	 * Stores a browser's subscription for a topic of the caller's (e.g. {@code order:<id>}) until {@code expiresAt};
	 * the same browser again renews it. The caller decides who may subscribe to the topic and serializes subscribing
	 * per topic (the order's row lock); the checks of the subscription itself are the same as an account's.
	 */
	@Transactional
	public TopicSubscription subscribe(String topic, String endpoint, String p256dh, String auth, Instant expiresAt) {
		var browser = browser(endpoint, p256dh, auth);
		var now = Instant.now();
		db.sql("DELETE FROM push_topic_subscriptions WHERE topic = ? AND endpoint = ?").params(topic, browser.endpoint())
				.update();
		var kept = db.sql("SELECT id FROM push_topic_subscriptions WHERE topic = ? ORDER BY id DESC").param(topic)
				.query(Long.class).list();
		kept.stream().skip(PER_TOPIC - 1).forEach(
				id -> db.sql("DELETE FROM push_topic_subscriptions WHERE id = ?").param(id).update());
		db.sql("""
				INSERT INTO push_topic_subscriptions (topic, endpoint, p256dh, auth, created_at, expires_at)
				 VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
				.params(topic, browser.endpoint(), browser.p256dh(), browser.auth(), Sql.ts(now), Sql.ts(expiresAt))
				.update();
		return new TopicSubscription(topic, browser.endpoint(), now, expiresAt);
	}

	/** Removes one browser's subscription for the topic; false when it has none with this endpoint. */
	@Transactional
	public boolean unsubscribe(String topic, String endpoint) {
		return db.sql("DELETE FROM push_topic_subscriptions WHERE topic = ? AND endpoint = ?").params(topic, endpoint)
				.update() > 0;
	}

	/** The topic ended (the order finished): its browsers hear nothing more about it. */
	@Transactional
	public int forget(String topic) {
		return db.sql("DELETE FROM push_topic_subscriptions WHERE topic = ?").param(topic).update();
	}

	/** The topic's subscriptions that have not expired, oldest first. */
	public List<TopicSubscription> subscriptionsOf(String topic) {
		return db.sql("SELECT topic, endpoint, created_at, expires_at FROM push_topic_subscriptions"
				+ " WHERE topic = ? AND expires_at > ? ORDER BY id").params(topic, Sql.ts(Instant.now()))
				.query((rs, i) -> new TopicSubscription(rs.getString("topic"), rs.getString("endpoint"),
						Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at")))
				.list();
	}

	/** Deletes the topic subscriptions whose time is up (a topic nobody forgot, e.g. an order left as it was). */
	int purgeExpired() {
		return db.sql("DELETE FROM push_topic_subscriptions WHERE expires_at <= ?").param(Sql.ts(Instant.now()))
				.update();
	}

	private boolean toPushService(String endpoint) {
		try {
			var host = URI.create(endpoint).getHost();
			return host != null && settings.pushService(host);
		}
		catch (IllegalArgumentException e) {
			return false;
		}
	}

	private Browser browser(String endpoint, String p256dh, String auth) {
		var uri = endpoint(endpoint);
		var key = key("keys.p256dh", p256dh, 65);
		if (key[0] != 4) {
			throw Problem.invalid("keys.p256dh", "must be an uncompressed P-256 point");
		}
		try {
			CryptoKt.generatePublicKeyFromUncompressedBytes(key);
		}
		catch (Exception e) { // the library throws the JCA's checked exceptions unannounced
			throw Problem.invalid("keys.p256dh", "is not a P-256 public key");
		}
		var secret = key("keys.auth", auth, 16);
		var encoder = Base64.getUrlEncoder().withoutPadding();
		return new Browser(uri.toString(), encoder.encodeToString(key), encoder.encodeToString(secret));
	}

	/**
	 * Pushes the message to every browser the account subscribed; returns how many push services took it. Never
	 * throws for a push service's failure: an alert that cannot go out now is not worth failing its caller. Runs on
	 * the caller's thread: for callers that are off the request path already (a module listener).
	 */
	public int send(long userId, Message message) {
		if (webPush.isEmpty()) {
			return 0;
		}
		var targets = targets(null, userId);
		if (targets.isEmpty()) {
			return 0;
		}
		var payload = json.writeValueAsBytes(clipped(message));
		int delivered = 0;
		for (var target : targets) {
			if (deliver(target, payload)) {
				delivered++;
			}
		}
		return delivered;
	}

	/**
	 * Pushes the message to the topic's browsers and to the account's (each browser once; either may be null) after
	 * the caller's transaction commits, on Push's own few threads: the caller never waits for a push service, a
	 * rollback sends nothing, and a failure is logged, never thrown. The browsers are read now, so a topic forgotten
	 * in the same transaction still hears this last message. Not kept anywhere: a message lost to a restart or a
	 * full queue is not sent later (it would be stale; texts and e-mails carry the same news durably).
	 */
	public void sendAfterCommit(String topic, Long userId, Message message) {
		if (webPush.isEmpty()) {
			return;
		}
		var targets = targets(topic, userId);
		if (targets.isEmpty()) {
			return;
		}
		var payload = json.writeValueAsBytes(clipped(message));
		AfterCommit.run(() -> senders.execute(() -> {
			for (var target : targets) {
				try {
					deliver(target, payload);
				}
				catch (RuntimeException e) { // e.g. the database gone while noting the outcome
					log.warn("A push to subscription {} failed: {}", target.id(), e.getClass().getSimpleName());
				}
			}
		}));
	}

	/** The topic's browsers that have not expired and the account's, each endpoint once. */
	private List<Target> targets(String topic, Long userId) {
		var found = new ArrayList<Target>();
		if (topic != null) {
			found.addAll(db.sql("SELECT id, endpoint, p256dh, auth FROM push_topic_subscriptions"
					+ " WHERE topic = ? AND expires_at > ? ORDER BY id").params(topic, Sql.ts(Instant.now()))
					.query((rs, i) -> new Target(TOPICS, rs.getLong("id"), rs.getString("endpoint"),
							rs.getString("p256dh"), rs.getString("auth")))
					.list());
		}
		if (userId != null) {
			found.addAll(db.sql("SELECT id, endpoint, p256dh, auth FROM push_subscriptions WHERE user_id = ? ORDER BY id")
					.param(userId)
					.query((rs, i) -> new Target(ACCOUNTS, rs.getLong("id"), rs.getString("endpoint"),
							rs.getString("p256dh"), rs.getString("auth")))
					.list());
		}
		var byEndpoint = new LinkedHashMap<String, Target>();
		for (var target : found) {
			if (!toPushService(target.endpoint())) {
				// stored before the push services were checked (or since taken off the list): never posted to
				db.sql("DELETE FROM " + target.table() + " WHERE id = ?").param(target.id()).update();
				log.info("Push subscription {} names no push service this server sends to; deleted", target.id());
				continue;
			}
			byEndpoint.putIfAbsent(target.endpoint(), target);
		}
		return List.copyOf(byEndpoint.values());
	}

	private boolean deliver(Target target, byte[] payload) {
		var push = webPush.orElseThrow();
		var origin = URI.create(target.endpoint()).getAuthority();
		var breaker = breakers.computeIfAbsent(origin, o -> new CircuitBreaker(o, 5, java.time.Duration.ofMinutes(1),
				Clock.systemUTC()));
		var decoder = Base64.getUrlDecoder();
		for (int attempt = 1; attempt <= Math.max(1, settings.attempts()); attempt++) {
			if (!breaker.tryAcquire()) {
				log.info("Push service {} is resting after failures; message skipped", origin);
				return false;
			}
			int status;
			try {
				// a fresh ephemeral key and salt per attempt: RFC 8291 forbids reusing them
				var body = push.getBody(payload, decoder.decode(target.p256dh()), decoder.decode(target.auth()));
				var request = HttpRequest.newBuilder(URI.create(target.endpoint())).timeout(settings.timeout())
						.POST(HttpRequest.BodyPublishers.ofByteArray(body));
				push.getHeaders(target.endpoint(), (int) settings.ttl().toSeconds(), null, WebPush.Urgency.High)
						.forEach(request::header);
				status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
			}
			catch (IOException e) {
				status = -1;
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				breaker.release();
				return false;
			}
			catch (RuntimeException e) {
				breaker.release();
				log.warn("Could not build a push for subscription {}: {}", target.id(), e.getClass().getSimpleName());
				return false;
			}
			if (status >= 200 && status < 300) {
				breaker.succeeded();
				db.sql("UPDATE " + target.table() + " SET last_success_at = ? WHERE id = ?")
						.params(Sql.ts(Instant.now()), target.id()).update();
				return true;
			}
			if (status == 404 || status == 410) {
				breaker.succeeded();
				db.sql("DELETE FROM " + target.table() + " WHERE id = ?").param(target.id()).update();
				log.info("Push subscription {} is gone (HTTP {}); deleted", target.id(), status);
				return false;
			}
			if (status != -1 && status != 429 && status < 500) {
				breaker.succeeded();
				log.warn("Push service {} refused a message with HTTP {}", origin, status);
				return false;
			}
			breaker.failed();
			pause(attempt);
		}
		return false;
	}

	private static void pause(int attempt) {
		try {
			Thread.sleep(250L << Math.min(attempt, 4));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static Message clipped(Message message) {
		return new Message(clip(message.title(), 120), clip(message.body(), 1000), clip(message.tag(), 64),
				clip(message.url(), 300));
	}

	private static String clip(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max);
	}

	private URI endpoint(String endpoint) {
		URI uri;
		try {
			uri = new URI(endpoint.trim());
		}
		catch (java.net.URISyntaxException | NullPointerException e) {
			throw Problem.invalid("endpoint", "must be the subscription's URL");
		}
		var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
		boolean secure = scheme.equals("https") || (settings.allowPlainHttp() && scheme.equals("http"));
		if (!secure || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
			throw Problem.invalid("endpoint", "must be an https URL of a push service");
		}
		if (!settings.pushService(uri.getHost())) {
			throw Problem.invalid("endpoint", "is not a push service this server sends to");
		}
		return uri;
	}

	private static byte[] key(String field, String value, int length) {
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(value.trim().replace('+', '-').replace('/', '_'));
		}
		catch (IllegalArgumentException | NullPointerException e) {
			throw Problem.invalid(field, "must be base64url");
		}
		if (bytes.length != length) {
			throw Problem.invalid(field, "must be " + length + " bytes");
		}
		return bytes;
	}
}
