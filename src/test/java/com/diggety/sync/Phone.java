package com.diggety.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.diggety.Http;

/**
 * A phone as the tests play it: registers as a device of its operator's stand, numbers its events 1, 2, 3 and
 * pushes them over the real protocol.
 */
public final class Phone {

	public final Http http;
	public final UUID deviceId;
	public final String token;
	public final long standId;
	public long sequence;

	public Phone(Http anonymous, String operator) {
		var user = anonymous.withToken(anonymous.login(operator, "diggety-operator"));
		var registration = user.post("/api/v1/devices", Map.of("name", "Test phone of " + operator, "platform", "JUnit")).json();
		this.deviceId = UUID.fromString(registration.get("deviceId").asString());
		this.token = registration.get("deviceToken").asString();
		this.standId = registration.get("standId").asLong();
		this.http = anonymous.withToken(token);
	}

	public Map<String, Object> event(String type, Map<String, Object> payload) {
		return event(type, payload, Instant.now());
	}

	public Map<String, Object> event(String type, Map<String, Object> payload, Instant at) {
		var event = new HashMap<String, Object>();
		event.put("id", UUID.randomUUID().toString());
		event.put("sequence", ++sequence);
		event.put("type", type);
		event.put("occurredAt", at.toString());
		event.put("position", Map.of("latitude", 50.06, "longitude", 19.94, "accuracyMeters", 20));
		event.put("payload", payload);
		return event;
	}

	public Http.Response push(List<Map<String, Object>> events) {
		return push(events, Instant.now());
	}

	public Http.Response push(List<Map<String, Object>> events, Instant deviceClock) {
		return http.post("/api/v1/devices/" + deviceId + "/events", Map.of("deviceClock", deviceClock.toString(), "events", events));
	}

	public static Map<String, Object> cashSale(UUID saleId, UUID shiftId, long productId, int quantity, long unitPrice) {
		long total = unitPrice * quantity;
		var line = Map.<String, Object>of("productId", productId, "quantity", quantity, "unitPriceMinor", unitPrice,
				"discountMinor", 0, "totalMinor", total, "vatRateBp", 800);
		var sale = new HashMap<String, Object>();
		sale.put("saleId", saleId.toString());
		sale.put("shiftId", shiftId == null ? null : shiftId.toString());
		sale.put("lines", List.of(line));
		sale.put("applied", List.of());
		sale.put("codes", List.of());
		sale.put("subtotalMinor", total);
		sale.put("discountMinor", 0);
		sale.put("totalMinor", total);
		sale.put("payment", Map.of("method", "CASH", "tenderedMinor", total + 1000, "changeMinor", 1000));
		return sale;
	}

	@SafeVarargs
	public static List<Map<String, Object>> list(Map<String, Object>... events) {
		return new ArrayList<>(List.of(events));
	}
}
