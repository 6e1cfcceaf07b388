package com.diggety.payments;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.diggety.shared.Business;
import com.diggety.shared.Problem;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The office's one view of payments across channels: online through the gateway, cash and card at the stands. */
@RestController
@Tag(name = "Payments")
class PaymentEndpoints {

	private final Payments payments;
	private final Business business;

	PaymentEndpoints(Payments payments, Business business) {
		this.payments = payments;
		this.business = business;
	}

	@Operation(summary = "Payments of every channel between two days in the business zone, newest first (office)")
	@GetMapping("/api/v1/payments")
	List<Payment> list(@RequestParam(required = false) Long standId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) Payment.Channel channel,
			@RequestParam(defaultValue = "500") @Min(1) @Max(5000) int limit) {
		var days = business.days(from, to, 0);
		return payments.list(standId, days.start(), days.end(), channel, limit);
	}

	@Operation(summary = "One payment with every change of its status and its refunds (office)")
	@GetMapping("/api/v1/payments/{id}")
	Payments.Details one(@PathVariable UUID id) {
		return payments.details(id).orElseThrow(() -> Problem.notFound("Payment", id));
	}
}
