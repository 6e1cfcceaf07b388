package com.diggety.shared;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure a caller can act on, turned into an RFC 9457 problem response by {@link Problems}.
 * Thrown by domain code so that controllers stay free of status-code plumbing.
 */
public class Problem extends RuntimeException {

	private final HttpStatus status;
	private final String title;
	private final List<FieldError> errors;
	private final Map<String, Object> properties;

	/** One invalid field of a request, named as the client sent it. */
	public record FieldError(String field, String message) {
	}

	protected Problem(HttpStatus status, String title, String detail, List<FieldError> errors,
			Map<String, Object> properties) {
		super(detail);
		this.status = status;
		this.title = title;
		this.errors = List.copyOf(errors);
		this.properties = Map.copyOf(properties);
	}

	public static Problem notFound(String what, Object id) {
		return new Problem(HttpStatus.NOT_FOUND, "Not found", what + " " + id + " does not exist", List.of(), Map.of());
	}

	public static Problem conflict(String detail) {
		return new Problem(HttpStatus.CONFLICT, "Conflict", detail, List.of(), Map.of());
	}

	public static Problem conflict(String detail, Map<String, Object> properties) {
		return new Problem(HttpStatus.CONFLICT, "Conflict", detail, List.of(), properties);
	}

	public static Problem forbidden(String detail) {
		return new Problem(HttpStatus.FORBIDDEN, "Forbidden", detail, List.of(), Map.of());
	}

	public static Problem badRequest(String detail) {
		return new Problem(HttpStatus.BAD_REQUEST, "Bad request", detail, List.of(), Map.of());
	}

	/** A request that is well-formed but names a value the domain refuses; the field is named. */
	public static Problem invalid(String field, String message) {
		return new Problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid request", field + ": " + message,
				List.of(new FieldError(field, message)), Map.of());
	}

	/** Required fields missing or of the wrong shape: 400, like a body that fails bean validation. */
	public static Problem malformed(List<FieldError> errors) {
		return new Problem(HttpStatus.BAD_REQUEST, "Invalid request", errors.size() + " field(s) are invalid", errors,
				Map.of());
	}

	public static Problem invalid(List<FieldError> errors) {
		return new Problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid request",
				errors.size() + " field(s) are invalid", errors, Map.of());
	}

	/** Too many attempts; the response carries Retry-After with the given seconds. */
	public static Problem tooManyRequests(String detail, long retryAfterSeconds) {
		return new Problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", detail, List.of(),
				Map.of("retryAfterSeconds", retryAfterSeconds));
	}

	public static Problem of(HttpStatus status, String title, String detail) {
		return new Problem(status, title, detail, List.of(), Map.of());
	}

	public HttpStatus status() {
		return status;
	}

	public String title() {
		return title;
	}

	public List<FieldError> errors() {
		return errors;
	}

	public Map<String, Object> properties() {
		return properties;
	}
}
