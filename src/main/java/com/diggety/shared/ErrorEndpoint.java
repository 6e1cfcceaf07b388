package com.diggety.shared;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page (failures outside Spring MVC) answers with a problem document too, never an HTML
 * page or a stack trace.
 */
@RestController
class ErrorEndpoint implements ErrorController {

	@RequestMapping("/error")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		var status = HttpStatus.resolve(code instanceof Integer i ? i : 500);
		if (status == null) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		var body = ProblemDetail.forStatus(status);
		body.setTitle(status.getReasonPhrase());
		body.setDetail(status.is5xxServerError() ? "Something went wrong on our side" : status.getReasonPhrase());
		return ResponseEntity.status(status).body(body);
	}
}
