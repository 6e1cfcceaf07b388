package com.diggety.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.diggety.ApiTest;
import com.diggety.shared.Sql;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.InternetAddress;

/**
 * The SMTP adapter and the e-mail outbox against GreenMail, a real SMTP server: what arrives on the wire (sender,
 * recipient, UTF-8 subject and body, our reference header), and what the outbox does when the server is down.
 */
class SmtpMailTest extends ApiTest {

	@Autowired
	JdbcClient db;

	GreenMail smtp;
	MailRelay relay;

	@BeforeEach
	void startServer() {
		smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		relay = relayTo(smtp.getSmtp().getPort());
	}

	@AfterEach
	void stopServer() {
		smtp.stop();
	}

	MailRelay relayTo(int port) {
		return relayTo(port, 5);
	}

	MailRelay relayTo(int port, int breakerFailures) {
		var sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(port);
		sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
		sender.getJavaMailProperties().put("mail.smtp.timeout", "2000");
		return new MailRelay(db, new SmtpMail(sender, "Diggety <orders@diggety.example>"),
				new CircuitBreaker("mail:test", breakerFailures, Duration.ofMinutes(1), Clock.systemUTC()),
				new OutboxPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMinutes(2)),
				Clock.systemUTC());
	}

	long queue(String to, String subject, String body) {
		var reference = "test:" + UUID.randomUUID();
		var now = Sql.ts(Instant.now().minusSeconds(1));
		db.sql("""
				INSERT INTO mail_outbox (reference, provider, to_address, subject, body, status, attempts, next_attempt_at,
				 created_at) VALUES (?, 'smtp', ?, ?, ?, 'PENDING', 0, ?, ?)""")
				.params(reference, to, subject, body, now, now).update();
		return db.sql("SELECT id FROM mail_outbox WHERE reference = ?").param(reference).query(Long.class).single();
	}

	String status(long id) {
		return db.sql("SELECT status FROM mail_outbox WHERE id = ?").param(id).query(String.class).single();
	}

	@Test
	void anEmailArrivesAsWrittenWithItsReference() throws Exception {
		long id = queue("gosia@example.com", "Diggety order 4821", "Zamówienie 4821 jest gotowe. Smacznego!");
		assertThat(relay.deliver(id)).isTrue();
		assertThat(status(id)).isEqualTo("SENT");
		assertThat(relay.deliver(id)).as("a sent e-mail is not sent again").isFalse();

		var received = smtp.getReceivedMessages();
		assertThat(received).hasSize(1);
		var message = received[0];
		assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo("orders@diggety.example");
		assertThat(message.getAllRecipients()[0].toString()).isEqualTo("gosia@example.com");
		assertThat(message.getSubject()).isEqualTo("Diggety order 4821");
		assertThat(message.getContentType()).contains("text/plain").containsIgnoringCase("UTF-8");
		assertThat(GreenMailUtil.getBody(message)).isNotBlank();
		assertThat(message.getContent().toString().strip()).isEqualTo("Zamówienie 4821 jest gotowe. Smacznego!");
		assertThat(message.getHeader("X-Diggety-Reference")[0]).startsWith("test:");
	}

	@Test
	void aServerThatIsDownIsRetriedAndGivenUpAfterTheLastAttempt() throws Exception {
		int port = smtp.getSmtp().getPort();
		smtp.stop();
		var down = relayTo(port);
		long id = queue("kasia@example.com", "Diggety order 1234", "Zamówienie 1234 zostało przyjęte.");
		assertThat(down.deliver(id)).isFalse();
		assertThat(status(id)).isEqualTo("PENDING");
		assertThat(db.sql("SELECT last_error FROM mail_outbox WHERE id = ?").param(id).query(String.class).single())
				.contains("SMTP server");
		Thread.sleep(20); // the 1 ms back-off of this test's policy
		assertThat(down.deliver(id)).isFalse();
		assertThat(status(id)).as("the second of two attempts gives up").isEqualTo("FAILED");
	}

	@Test
	void whileTheServerIsDownTheOtherEmailsWaitWithoutUsingTheirAttempts() throws Exception {
		int port = smtp.getSmtp().getPort();
		smtp.stop();
		var down = relayTo(port, 1);
		long first = queue("ola@example.com", "Diggety order 2222", "Zamówienie 2222 jest gotowe.");
		long second = queue("ola@example.com", "Diggety order 3333", "Zamówienie 3333 jest gotowe.");
		assertThat(down.deliver(first)).isFalse();
		assertThat(down.deliver(second)).as("the breaker is open: no call").isFalse();
		assertThat(db.sql("SELECT attempts FROM mail_outbox WHERE id = ?").param(second).query(Integer.class).single())
				.isZero();
		assertThat(status(second)).isEqualTo("PENDING");
		assertThat(db.sql("SELECT next_attempt_at > CURRENT_TIMESTAMP FROM mail_outbox WHERE id = ?").param(second)
				.query(Boolean.class).single()).as("it waits for the breaker").isTrue();
	}

	@Test
	void aSenderThatIsNoAddressIsFoundAtStart() {
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SmtpMail(new JavaMailSenderImpl(), "orders at diggety"))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("diggety.mail.from");
	}
}
