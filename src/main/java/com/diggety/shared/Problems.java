package com.diggety.shared;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem response. Validation errors list each field; nothing internal
 * (class names, SQL, stack traces) ever reaches the client.
 */
@RestControllerAdvice
class Problems extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(Problems.class);

	@ExceptionHandler(Problem.class)
	ResponseEntity<ProblemDetail> problem(Problem problem) {
		var body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
		body.setTitle(problem.title());
		if (!problem.errors().isEmpty()) {
			body.setProperty("errors", problem.errors());
		}
		problem.properties().forEach(body::setProperty);
		var response = ResponseEntity.status(problem.status());
		if (problem.properties().get("retryAfterSeconds") instanceof Number seconds) {
			response.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds.longValue()));
		}
		return response.body(body);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
		return badRequest(e.getName(), "is not a valid value");
	}

	private ResponseEntity<ProblemDetail> badRequest(String field, String message) {
		var body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + message);
		body.setTitle("Invalid request");
		body.setProperty("errors", List.of(new Problem.FieldError(field, message)));
		return ResponseEntity.badRequest().body(body);
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<ProblemDetail> staleVersion(OptimisticLockingFailureException e) {
		return problem(Problem.conflict("Someone else changed this record first; reload and try again"));
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e) {
		log.info("Refused a write that conflicts with stored data: {}", e.getMostSpecificCause().getClass().getSimpleName());
		return problem(Problem.conflict("The change conflicts with data already stored (a duplicate or a missing reference)"));
	}

	@ExceptionHandler(TransientDataAccessException.class)
	ResponseEntity<ProblemDetail> transientFailure(TransientDataAccessException e) {
		log.warn("Transient database failure: {}", e.getClass().getSimpleName());
		var body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable; retry shortly");
		body.setTitle("Service unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2").body(body);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
		return problem(Problem.forbidden("You may not do this"));
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
		return problem(Problem.of(HttpStatus.UNAUTHORIZED, "Unauthorized", "Authentication is required"));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception e) {
		log.error("Unexpected failure", e);
		var body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"Something went wrong on our side; nothing was changed by this request");
		body.setTitle("Internal error");
		return ResponseEntity.internalServerError().body(body);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var errors = ex.getBindingResult().getFieldErrors().stream()
				.map(f -> new Problem.FieldError(f.getField(), f.getDefaultMessage()))
				.toList();
		var globals = ex.getBindingResult().getGlobalErrors().stream()
				.map(g -> new Problem.FieldError(g.getObjectName(), g.getDefaultMessage()))
				.toList();
		var all = new java.util.ArrayList<>(errors);
		all.addAll(globals);
		var body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, all.size() + " field(s) are invalid");
		body.setTitle("Invalid request");
		body.setProperty("errors", all);
		return ResponseEntity.badRequest().body(body);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var errors = ex.getParameterValidationResults().stream()
				.flatMap(result -> result.getResolvableErrors().stream()
						.map(error -> new Problem.FieldError(
								result.getMethodParameter().getParameterName() == null ? "parameter"
										: parameterName(result), error.getDefaultMessage())))
				.toList();
		var body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, errors.size() + " field(s) are invalid");
		body.setTitle("Invalid request");
		body.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(body);
	}

	private static String parameterName(org.springframework.validation.method.ParameterValidationResult result) {
		var requestParam = result.getMethodParameter()
				.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
		if (requestParam != null && !requestParam.name().isEmpty()) {
			return requestParam.name();
		}
		if (requestParam != null && !requestParam.value().isEmpty()) {
			return requestParam.value();
		}
		return result.getMethodParameter().getParameterName();
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (PayloadLimit.causedByOversize(ex)) {
			var body = PayloadLimit.tooLarge(ex);
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(body);
		}
		var body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request body is missing or is not valid JSON of the expected shape");
		body.setTitle("Malformed request body");
		return ResponseEntity.badRequest().body(body);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		// The base class hands us ProblemDetail bodies for the standard MVC failures (404, 405, 415, 406...).
		if (body instanceof ProblemDetail detail && detail.getTitle() == null) {
			detail.setTitle(HttpStatus.valueOf(statusCode.value()).getReasonPhrase());
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}
}
