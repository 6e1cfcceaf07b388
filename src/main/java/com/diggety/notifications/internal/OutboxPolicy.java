package com.diggety.notifications.internal;

import java.time.Duration;

/**
 * How an outbox (texts, e-mails) retries.
 *
 * @param maxAttempts how many sends a message gets before it is given up as FAILED
 * @param firstRetry  the wait after the first failure; it doubles with each further one
 * @param maxRetry    the longest wait between two attempts
 * @param lease       how long a claimed message is left alone by other workers (longer than one call)
 */
public record OutboxPolicy(int maxAttempts, Duration firstRetry, Duration maxRetry, Duration lease) {
}
