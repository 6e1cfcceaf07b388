package com.diggety.notifications;

import java.time.Instant;

/**
 * A text arrived (a verified provider webhook or a sandbox reply), announced once per provider message id. Modules
 * that expect answers by SMS (orders: YES/NO with a code) handle it with {@code @ApplicationModuleListener} and may
 * answer with {@link Sms#reply(SmsReceived, String)}.
 *
 * @param messageId the provider's message id (Twilio's MessageSid)
 * @param from      the sender's number
 * @param to        our number it was sent to
 * @param body      the text, card numbers removed
 */
public record SmsReceived(String messageId, String from, String to, String body, Instant receivedAt) {
}
