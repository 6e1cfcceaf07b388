package com.diggety.payments.gateway;

import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A provider's webhook event: {@code {"id": "evt_..", "type": "payment_intent.succeeded", "data": {"object": {..}}}}.
 *
 * @param object the object the event is about: a payment_intent, a charge or a refund
 */
public record ProviderEvent(String id, String type, long created, JsonNode object) {

	/** Reads an event; null when the body is not one. */
	public static ProviderEvent parse(ObjectMapper json, String body) {
		JsonNode root;
		try {
			root = json.readTree(body);
		}
		catch (JacksonException notJson) {
			return null;
		}
		if (root == null || !root.isObject()) {
			return null;
		}
		var id = StripeFormat.text(root, "id");
		var type = StripeFormat.text(root, "type");
		var object = root.path("data").path("object");
		if (id == null || id.isBlank() || id.length() > 255 || type == null || type.length() > 100) {
			return null;
		}
		return new ProviderEvent(id, type, root.path("created").asLong(0), object.isObject() ? object : null);
	}

	/** {@code payment_intent}, {@code charge}, {@code refund}... */
	public String objectType() {
		return object == null ? "" : String.valueOf(StripeFormat.text(object, "object"));
	}

	/** The provider's payment the object belongs to. */
	public String providerPaymentId() {
		if (object == null) {
			return null;
		}
		return objectType().equals("payment_intent") ? StripeFormat.text(object, "id")
				: StripeFormat.text(object, "payment_intent");
	}

	/** Our payment id, when the object carries it in its metadata. */
	public UUID paymentId() {
		return object == null ? null : StripeFormat.uuid(StripeFormat.text(object.path("metadata"), "payment_id"));
	}

	/** Our refund id, when a refund carries it in its metadata. */
	public UUID refundId() {
		return object == null ? null : StripeFormat.uuid(StripeFormat.text(object.path("metadata"), "refund_id"));
	}
}
