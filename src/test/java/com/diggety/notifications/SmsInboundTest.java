package com.diggety.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.diggety.ApiTest;
import com.diggety.Http;

/**
 * Texts in and out through the sandbox: the provider's webhook is believed only when signed, stores a message once
 * and announces it once; the office's simulated replies take the same way in; an answer is sent once per message.
 */
class SmsInboundTest extends ApiTest {

	static final String TOKEN = InboundTexts.TOKEN;

	@Autowired
	ReceivedTexts received;

	@Autowired
	Sms sms;

	@Autowired
	JdbcClient db;

	static Map<String, String> text(String messageId, String from, String body) {
		return InboundTexts.text(messageId, from, body);
	}

	String sign(String token, Map<String, String> form) {
		return InboundTexts.sign(token, baseUrl(), form);
	}

	Http.Response webhook(Map<String, String> form, String signature) {
		return InboundTexts.post(http, form, signature);
	}

	int stored(String messageId) {
		return db.sql("SELECT COUNT(*) FROM sms_inbox WHERE message_sid = ?").param(messageId).query(Integer.class).single();
	}

	static String messageId() {
		return InboundTexts.messageId();
	}

	@Test
	void aSignedTextIsStoredAndAnnouncedOnceHoweverOftenItArrives() {
		var id = messageId();
		var form = text(id, "+48600300400", "TAK 4821");
		var first = webhook(form, sign(TOKEN, form));
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.contentType()).startsWith("text/xml");
		assertThat(first.body()).contains("<Response/>");
		// the provider retries when an answer is slow: the same message again changes nothing
		assertThat(webhook(form, sign(TOKEN, form)).status()).isEqualTo(200);
		assertThat(webhook(form, sign(TOKEN, form)).status()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(20)).until(() -> received.withId(id).size() == 1);
		var text = received.withId(id).get(0);
		assertThat(text.from()).isEqualTo("+48600300400");
		assertThat(text.to()).isEqualTo("+48100000000");
		assertThat(text.body()).isEqualTo("TAK 4821");
		assertThat(stored(id)).isEqualTo(1);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> received.withId(id).size() == 1);
	}

	@Test
	void forgedOrUnsignedTextsAreRefusedAndStoreNothing() {
		var id = messageId();
		var form = text(id, "+48600300401", "NIE 1111");
		var forged = webhook(form, sign("not-our-token", form));
		assertThat(forged.status()).isEqualTo(401);
		assertThat(forged.contentType()).startsWith("application/problem+json");

		var signed = sign(TOKEN, form);
		var tampered = new LinkedHashMap<>(form);
		tampered.put("Body", "TAK 1111");
		assertThat(webhook(tampered, signed).status()).isEqualTo(401);
		assertThat(webhook(form, null).status()).isEqualTo(400);
		assertThat(webhook(form, "").status()).isEqualTo(400);
		assertThat(webhook(form, "garbage").status()).isEqualTo(401);

		assertThat(stored(id)).isZero();
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> received.withId(id).isEmpty());

		// signed, but no message id: nothing to key it by
		var anonymous = text(id, "+48600300401", "TAK");
		anonymous.remove("MessageSid");
		assertThat(webhook(anonymous, sign(TOKEN, anonymous)).status()).isEqualTo(400);
		assertThat(stored(id)).isZero();
	}

	@Test
	void theSandboxReplyTakesTheSameWayIn() {
		var manager = http.as("manager");
		var reply = manager.post("/api/v1/sms/sandbox/reply", Map.of("from", "+48600300402", "body", "TAK 7777"));
		assertThat(reply.status()).as(reply.body()).isEqualTo(202);
		var id = reply.json().get("messageId").asString();
		await().atMost(Duration.ofSeconds(20)).until(() -> received.withId(id).size() == 1);
		assertThat(received.withId(id).get(0).body()).isEqualTo("TAK 7777");
		assertThat(stored(id)).isEqualTo(1);

		var invalid = manager.post("/api/v1/sms/sandbox/reply", Map.of("from", "600300402", "body", "TAK"));
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.body()).contains("from");
	}

	@Test
	void anAnswerGoesOutOncePerMessageAndShowsInTheSandboxOutbox() {
		var received = new SmsReceived(messageId(), "+48600300403", "+48100000000", "TAK 0000", java.time.Instant.now());
		assertThat(sms.reply(received, "Nieznany kod 0000")).isTrue();
		assertThat(sms.reply(received, "Nieznany kod 0000")).as("the same message is answered once").isFalse();
		var reference = "reply:" + received.messageId();
		await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(sms.delivery(reference).orElseThrow().status()));

		var outbox = http.as("owner").get("/api/v1/sms/outbox?to=%2B48600300403").json();
		assertThat(outbox.size()).isEqualTo(1);
		assertThat(outbox.get(0).get("body").asString()).isEqualTo("Nieznany kod 0000");
		assertThat(outbox.get(0).get("from").asString()).isEqualTo("+48100000000");
		assertThat(outbox.get(0).get("reference").asString()).isEqualTo(reference);

		// card numbers never reach the outbox or the provider
		var card = "card-" + UUID.randomUUID();
		sms.send("+48600300404", "Twoja karta 4111 1111 1111 1111", card);
		await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(sms.delivery(card).orElseThrow().status()));
		assertThat(http.as("owner").get("/api/v1/sms/outbox?to=%2B48600300404").body())
				.doesNotContain("4111").contains("[card number removed]");
		assertThat(http.as("manager").post("/api/v1/sms/sandbox/reply", Map.of()).status()).isEqualTo(400);
	}
}
