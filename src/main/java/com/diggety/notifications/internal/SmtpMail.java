package com.diggety.notifications.internal;

import java.nio.charset.StandardCharsets;

import jakarta.mail.SendFailedException;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * E-mail through an SMTP server ({@code spring.mail.*}: host, port, credentials from the environment). A message the
 * server cannot take now is retried; one that can never be built or addressed is given up.
 */
public final class SmtpMail implements MailGateway {

	private final JavaMailSender sender;
	private final String from;

	/** @throws IllegalArgumentException when {@code from} is no address: found at start, not by every e-mail */
	public SmtpMail(JavaMailSender sender, String from) {
		try {
			new jakarta.mail.internet.InternetAddress(from, true);
		}
		catch (jakarta.mail.internet.AddressException e) {
			throw new IllegalArgumentException("diggety.mail.from is not an e-mail address");
		}
		this.sender = sender;
		this.from = from;
	}

	@Override
	public String name() {
		return "smtp";
	}

	@Override
	public Result send(Message message) {
		try {
			var mime = sender.createMimeMessage();
			var helper = new MimeMessageHelper(mime, false, StandardCharsets.UTF_8.name());
			helper.setFrom(from);
			helper.setTo(message.to());
			helper.setSubject(message.subject());
			helper.setText(message.body(), false);
			mime.setHeader("X-Diggety-Reference", message.reference());
			sender.send(mime);
			return Result.SENT;
		}
		catch (MailParseException | MailPreparationException e) {
			return Result.rejected("the message could not be built: " + e.getClass().getSimpleName());
		}
		catch (MailAuthenticationException e) {
			return Result.retry("the SMTP server refused our credentials");
		}
		catch (MailSendException e) {
			return afterSending(e);
		}
		catch (MailException e) {
			return Result.retry("the SMTP server did not take it: " + e.getClass().getSimpleName());
		}
		catch (jakarta.mail.MessagingException e) {
			return Result.rejected("the message could not be addressed: " + e.getClass().getSimpleName());
		}
	}

	/**
	 * A send that failed on the way: no failed message means the server took it and only closing the connection
	 * failed (sending again would send twice); an address the server refused is refused for good; anything else
	 * (a connection that broke, a server that said "try later") is worth another attempt.
	 */
	private static Result afterSending(MailSendException e) {
		var failed = e.getFailedMessages();
		if (failed.isEmpty()) {
			return Result.SENT;
		}
		for (var cause : failed.values()) {
			if (cause instanceof SendFailedException refused && refused.getInvalidAddresses() != null
					&& refused.getInvalidAddresses().length > 0) {
				return Result.rejected("the SMTP server refused the address");
			}
		}
		return Result.retry("the SMTP server did not take it: "
				+ failed.values().iterator().next().getClass().getSimpleName());
	}
}
