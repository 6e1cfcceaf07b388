package com.diggety.payments.gateway;

import java.util.Locale;
import java.util.UUID;

import com.diggety.payments.Payment;
import com.diggety.shared.CardNumbers;

import tools.jackson.databind.JsonNode;

/**
 * The Stripe-style objects both adapters speak: a PaymentIntent, a Charge and a Refund as JSON, turned into our
 * terms. The sandbox sends webhooks in this shape too, so one inbox reads them all.
 */
public final class StripeFormat {

	private StripeFormat() {
	}

	/** A field's text, or null when it is absent or null. */
	public static String text(JsonNode node, String field) {
		var value = node == null ? null : node.get(field);
		return value == null || value.isNull() || value.isMissingNode() ? null : value.asString();
	}

	/** Our status of a PaymentIntent. A declined attempt sends it back to requires_payment_method with an error. */
	public static Payment.Status status(JsonNode intent) {
		var status = text(intent, "status");
		return switch (status == null ? "" : status) {
			case "succeeded" -> Payment.Status.SUCCEEDED;
			case "processing", "requires_capture" -> Payment.Status.PROCESSING;
			case "canceled" -> Payment.Status.FAILED;
			case "requires_payment_method" -> hasError(intent) ? Payment.Status.FAILED : Payment.Status.REQUIRES_PAYMENT;
			default -> Payment.Status.REQUIRES_PAYMENT;
		};
	}

	private static boolean hasError(JsonNode intent) {
		var error = intent.get("last_payment_error");
		return error != null && error.isObject();
	}

	public static Intent intent(JsonNode pi) {
		var charge = pi.get("latest_charge");
		long refunded = charge != null && charge.isObject() ? charge.path("amount_refunded").asLong(0) : 0;
		var url = text(pi.path("next_action").path("redirect_to_url"), "url");
		if (url == null) {
			url = text(pi, "url");
		}
		var currency = text(pi, "currency");
		return new Intent(text(pi, "id"), status(pi), pi.path("amount").asLong(0),
				currency == null ? null : currency.toUpperCase(Locale.ROOT), refunded, url,
				uuid(text(pi.path("metadata"), "payment_id")), failure(pi));
	}

	/** Why the last attempt failed, scrubbed of anything card-like. */
	public static String failure(JsonNode pi) {
		var error = pi.get("last_payment_error");
		if (error == null || !error.isObject()) {
			return text(pi, "status") != null && text(pi, "status").equals("canceled") ? "canceled" : null;
		}
		var message = text(error, "message");
		if (message == null) {
			message = text(error, "code");
		}
		return clip(CardNumbers.redact(message == null ? "declined" : message), 200);
	}

	public static ProviderRefund refund(JsonNode refund) {
		var status = text(refund, "status");
		var ours = switch (status == null ? "" : status) {
			case "succeeded" -> Payment.RefundStatus.SUCCEEDED;
			case "failed", "canceled" -> Payment.RefundStatus.FAILED;
			default -> Payment.RefundStatus.REQUESTED;
		};
		return new ProviderRefund(text(refund, "id"), ours, refund.path("amount").asLong(0));
	}

	public static UUID uuid(String text) {
		if (text == null) {
			return null;
		}
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException notOurs) {
			return null;
		}
	}

	public static String clip(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max);
	}
}
