package com.diggety.payments.gateway;

/**
 * A call to the provider failed. {@code retryable}: the same call may succeed later (a timeout, the provider's own
 * trouble, an open circuit breaker); otherwise the provider refused the request itself.
 */
public class GatewayException extends RuntimeException {

	private final boolean retryable;

	public GatewayException(String message, boolean retryable, Throwable cause) {
		super(message, cause);
		this.retryable = retryable;
	}

	public GatewayException(String message, boolean retryable) {
		this(message, retryable, null);
	}

	public boolean retryable() {
		return retryable;
	}
}
