package com.diggety.notifications.internal;

import java.nio.charset.StandardCharsets;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * E-mail through an SMTP server ({@code spring.mail.*}: host, port, credentials from the environment). A message the
 * server cannot take now is retried; one that can never be built or addressed is given up.
 */
public final class SmtpMail implements MailGateway {

	private final JavaMailSender sender;
	private final String from;

	public SmtpMail(JavaMailSender sender, String from) {
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
		catch (MailException e) {
			return Result.retry("the SMTP server did not take it: " + e.getClass().getSimpleName());
		}
		catch (jakarta.mail.MessagingException e) {
			return Result.rejected("the message could not be addressed: " + e.getClass().getSimpleName());
		}
	}
}
