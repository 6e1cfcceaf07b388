package com.diggety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.diggety.identity.Role;

/**
 * Every endpoint x every role: allowed, or 401 for the anonymous and 403 for a wrong role. Calls use unknown ids or
 * invalid bodies, so an allowed call stops at 400/404/422 and changes nothing. A second test fails when a new
 * endpoint appears without a row here: every endpoint states who may call it.
 */
class AuthorizationMatrixTest extends ApiTest {

	/** Who may call one endpoint. {@code roles == null} means anyone, signed in or not. */
	record Row(String method, String pattern, String path, Object body, Set<Role> roles) {

		@Override
		public String toString() {
			return method + " " + pattern;
		}
	}

	static final Set<Role> ANYONE_SIGNED_IN = EnumSet.allOf(Role.class);
	static final Set<Role> OWNER = EnumSet.of(Role.OWNER);
	static final Set<Role> OFFICE = EnumSet.of(Role.OWNER, Role.MANAGER);
	static final Set<Role> PROMOTERS = EnumSet.of(Role.OWNER, Role.MANAGER, Role.OPERATOR);
	static final Set<Role> STAFF = EnumSet.of(Role.OWNER, Role.MANAGER, Role.OPERATOR, Role.DRIVER);
	/** The office and the drivers; an operator may read its own stand only, so stand 999999 is forbidden to it. */
	static final Set<Role> FLEET = EnumSet.of(Role.OWNER, Role.MANAGER, Role.DRIVER);

	static final List<Row> MATRIX = List.of(
			row("POST", "/api/v1/auth/login", "/api/v1/auth/login", Map.of(), null),
			row("GET", "/api/v1/settings", "/api/v1/settings", null, null),
			row("GET", "/api/v1/stands/nearby", "/api/v1/stands/nearby?lat=50&lon=19", null, null),
			row("GET", "/api/v1/stands/{id}", "/api/v1/stands/999999", null, null),
			row("GET", "/api/v1/stands/{id}/menu", "/api/v1/stands/999999/menu", null, null),
			row("GET", "/api/v1/me", "/api/v1/me", null, ANYONE_SIGNED_IN),
			row("GET", "/api/v1/users", "/api/v1/users", null, OWNER),
			row("POST", "/api/v1/users", "/api/v1/users", Map.of(), OWNER),
			row("POST", "/api/v1/users/{id}/password", "/api/v1/users/999999/password", Map.of(), OWNER),
			row("POST", "/api/v1/users/{id}/disable", "/api/v1/users/999999/disable", null, OWNER),
			row("POST", "/api/v1/users/{id}/enable", "/api/v1/users/999999/enable", null, OWNER),
			row("GET", "/api/v1/audit", "/api/v1/audit", null, OFFICE),
			row("GET", "/api/v1/stands", "/api/v1/stands", null, EnumSet.of(Role.OWNER, Role.MANAGER, Role.DRIVER)),
			row("POST", "/api/v1/stands", "/api/v1/stands", Map.of(), OFFICE),
			row("PUT", "/api/v1/stands/{id}", "/api/v1/stands/999999", Map.of(), OFFICE),
			row("PUT", "/api/v1/stands/{id}/location", "/api/v1/stands/999999/location", Map.of(),
					EnumSet.of(Role.OWNER, Role.MANAGER, Role.OPERATOR)),
			row("POST", "/api/v1/stands/{id}/archive", "/api/v1/stands/999999/archive", null, OWNER),
			row("POST", "/api/v1/stands/{id}/restore", "/api/v1/stands/999999/restore", null, OWNER),
			row("PUT", "/api/v1/stands/{id}/operators/{userId}", "/api/v1/stands/999999/operators/999999", null, OWNER),
			row("DELETE", "/api/v1/stands/{id}/operators/{userId}", "/api/v1/stands/999999/operators/999999", null, OWNER),
			row("PUT", "/api/v1/stands/{id}/menu/{productId}", "/api/v1/stands/999999/menu/999999", Map.of(), OFFICE),
			row("GET", "/api/v1/products", "/api/v1/products", null, STAFF),
			row("GET", "/api/v1/products/{id}", "/api/v1/products/999999", null, STAFF),
			row("POST", "/api/v1/products", "/api/v1/products", Map.of(), OFFICE),
			row("PUT", "/api/v1/products/{id}", "/api/v1/products/999999", Map.of(), OFFICE),
			row("POST", "/api/v1/products/{id}/archive", "/api/v1/products/999999/archive", null, OFFICE),
			row("POST", "/api/v1/products/{id}/restore", "/api/v1/products/999999/restore", null, OFFICE),
			row("PUT", "/api/v1/products/{id}/recipe", "/api/v1/products/999999/recipe", List.of(), OFFICE),
			row("GET", "/api/v1/ingredients", "/api/v1/ingredients", null, STAFF),
			row("POST", "/api/v1/ingredients", "/api/v1/ingredients", Map.of(), OFFICE),
			row("PUT", "/api/v1/ingredients/{id}", "/api/v1/ingredients/999999", Map.of(), OFFICE),
			row("POST", "/api/v1/ingredients/{id}/archive", "/api/v1/ingredients/999999/archive", null, OFFICE),
			row("POST", "/api/v1/ingredients/{id}/restore", "/api/v1/ingredients/999999/restore", null, OFFICE),
			row("GET", "/api/v1/substitutes", "/api/v1/substitutes", null, STAFF),
			row("POST", "/api/v1/substitutes", "/api/v1/substitutes", Map.of(), OFFICE),
			row("DELETE", "/api/v1/substitutes/{id}", "/api/v1/substitutes/999999", null, OFFICE),
			row("POST", "/api/v1/pricing/quote", "/api/v1/pricing/quote", Map.of(), null),
			row("GET", "/api/v1/pricing/policy", "/api/v1/pricing/policy", null, PROMOTERS),
			row("PUT", "/api/v1/pricing/policy", "/api/v1/pricing/policy", Map.of(), OWNER),
			row("GET", "/api/v1/promotions", "/api/v1/promotions", null, PROMOTERS),
			row("POST", "/api/v1/promotions", "/api/v1/promotions", Map.of(), PROMOTERS),
			row("GET", "/api/v1/promotions/{id}", "/api/v1/promotions/999999", null, PROMOTERS),
			row("PUT", "/api/v1/promotions/{id}", "/api/v1/promotions/999999", Map.of(), PROMOTERS),
			row("POST", "/api/v1/promotions/{id}/pause", "/api/v1/promotions/999999/pause", null, PROMOTERS),
			row("POST", "/api/v1/promotions/{id}/resume", "/api/v1/promotions/999999/resume", null, PROMOTERS),
			row("POST", "/api/v1/promotions/{id}/archive", "/api/v1/promotions/999999/archive", null, PROMOTERS),
			row("GET", "/api/v1/promotions/{id}/codes", "/api/v1/promotions/999999/codes", null, PROMOTERS),
			row("POST", "/api/v1/promotions/{id}/codes", "/api/v1/promotions/999999/codes", Map.of(), PROMOTERS),
			row("GET", "/api/v1/sales", "/api/v1/sales?from=2026-01-02&to=2026-01-01", null, PROMOTERS),
			row("GET", "/api/v1/sales/{id}", "/api/v1/sales/00000000-0000-7000-8000-000000000000", null, PROMOTERS),
			row("GET", "/api/v1/stands/{standId}/shifts", "/api/v1/stands/999999/shifts?limit=0", null, PROMOTERS),
			row("GET", "/api/v1/shifts/{id}/report", "/api/v1/shifts/00000000-0000-7000-8000-000000000000/report", null, PROMOTERS),
			row("GET", "/api/v1/receipts/{saleId}", "/api/v1/receipts/00000000-0000-7000-8000-000000000000", null, null),
			row("POST", "/api/v1/devices", "/api/v1/devices", Map.of("name", "x".repeat(200)), EnumSet.of(Role.OPERATOR)),
			row("GET", "/api/v1/devices", "/api/v1/devices?standId=999999", null, OFFICE),
			row("POST", "/api/v1/devices/{deviceId}/token", "/api/v1/devices/00000000-0000-7000-8000-000000000000/token", null, EnumSet.of(Role.OPERATOR)),
			row("POST", "/api/v1/devices/{deviceId}/revoke", "/api/v1/devices/00000000-0000-7000-8000-000000000000/revoke", null, OFFICE),
			row("POST", "/api/v1/devices/{deviceId}/events", "/api/v1/devices/00000000-0000-7000-8000-000000000000/events", Map.of(), EnumSet.of(Role.OPERATOR)),
			row("GET", "/api/v1/devices/{deviceId}/changes", "/api/v1/devices/00000000-0000-7000-8000-000000000000/changes?since=-1", null, EnumSet.of(Role.OPERATOR)),
			row("GET", "/api/v1/sync/poison", "/api/v1/sync/poison?limit=0", null, OFFICE),
			row("GET", "/api/v1/stands/{id}/stock", "/api/v1/stands/999999/stock", null, FLEET),
			row("POST", "/api/v1/stands/{id}/stock/movements", "/api/v1/stands/999999/stock/movements", Map.of(), PROMOTERS),
			row("GET", "/api/v1/stands/{id}/stock/movements", "/api/v1/stands/999999/stock/movements", null, OFFICE),
			row("PUT", "/api/v1/stands/{id}/stock/thresholds/{ingredientId}", "/api/v1/stands/999999/stock/thresholds/999999", Map.of(), OFFICE),
			row("GET", "/api/v1/stands/{id}/stock/forecast", "/api/v1/stands/999999/stock/forecast?ingredientId=999999", null, OFFICE),
			row("GET", "/api/v1/stock/overview", "/api/v1/stock/overview", null, FLEET),
			row("GET", "/api/v1/stock/alerts", "/api/v1/stock/alerts?standId=999999", null, FLEET),
			row("GET", "/api/v1/restock/tasks", "/api/v1/restock/tasks", null, FLEET),
			row("POST", "/api/v1/restock/tasks/{id}/accept", "/api/v1/restock/tasks/00000000-0000-7000-8000-000000000000/accept", null, EnumSet.of(Role.DRIVER)),
			row("POST", "/api/v1/restock/tasks/{id}/deliver", "/api/v1/restock/tasks/00000000-0000-7000-8000-000000000000/deliver", Map.of(), FLEET),
			row("POST", "/api/v1/webhooks/sms", "/api/v1/webhooks/sms", Map.of(), null),
			row("GET", "/api/v1/sms/outbox", "/api/v1/sms/outbox?limit=0", null, OFFICE),
			row("GET", "/api/v1/mail/outbox", "/api/v1/mail/outbox?limit=0", null, OFFICE),
			row("POST", "/api/v1/sms/sandbox/reply", "/api/v1/sms/sandbox/reply", Map.of(), OFFICE),
			row("GET", "/api/v1/push/key", "/api/v1/push/key", null, null),
			row("POST", "/api/v1/push/subscriptions", "/api/v1/push/subscriptions", Map.of(), ANYONE_SIGNED_IN),
			row("DELETE", "/api/v1/push/subscriptions", "/api/v1/push/subscriptions?endpoint=https%3A%2F%2Fpush.invalid%2Fnone", null, ANYONE_SIGNED_IN),
			row("GET", "/api/v1/notifications/contacts/me", "/api/v1/notifications/contacts/me", null, STAFF),
			row("PUT", "/api/v1/notifications/contacts/me", "/api/v1/notifications/contacts/me", Map.of(), STAFF),
			// no Stripe-Signature header: 400 for everyone, nothing stored
			row("POST", "/api/v1/webhooks/payments", "/api/v1/webhooks/payments", Map.of(), null),
			row("GET", "/api/v1/payments", "/api/v1/payments?from=2026-01-02&to=2026-01-01", null, OFFICE),
			row("GET", "/api/v1/payments/{id}", "/api/v1/payments/00000000-0000-7000-8000-000000000000", null, OFFICE),
			row("POST", "/api/v1/auth/signup", "/api/v1/auth/signup", Map.of(), null),
			row("GET", "/api/v1/stands/{id}/ordering", "/api/v1/stands/999999/ordering", null, null),
			row("POST", "/api/v1/orders", "/api/v1/orders", Map.of(), null),
			// guests prove themselves with the order's key: without it an order is not found, whoever asks
			row("GET", "/api/v1/orders/{id}", "/api/v1/orders/00000000-0000-7000-8000-000000000000", null, null),
			row("POST", "/api/v1/orders/{id}/checkout", "/api/v1/orders/00000000-0000-7000-8000-000000000000/checkout", null, null),
			row("POST", "/api/v1/orders/{id}/cancel", "/api/v1/orders/00000000-0000-7000-8000-000000000000/cancel", null, null),
			row("POST", "/api/v1/orders/{id}/substitution", "/api/v1/orders/00000000-0000-7000-8000-000000000000/substitution", Map.of("approve", true), null),
			// following an order by Web Push: the same proof as reading it (a well-formed body reaches the order's check)
			row("POST", "/api/v1/orders/{id}/push", "/api/v1/orders/00000000-0000-7000-8000-000000000000/push",
					Map.of("endpoint", "https://push.invalid/none", "keys", Map.of("p256dh", "x", "auth", "y")), null),
			row("DELETE", "/api/v1/orders/{id}/push", "/api/v1/orders/00000000-0000-7000-8000-000000000000/push?endpoint=https%3A%2F%2Fpush.invalid%2Fnone", null, null),
			row("GET", "/api/v1/orders/mine", "/api/v1/orders/mine", null, EnumSet.of(Role.CUSTOMER)),
			row("GET", "/api/v1/orders", "/api/v1/orders?limit=0", null, OFFICE),
			row("GET", "/api/v1/stands/{id}/orders", "/api/v1/stands/999999/orders", null, PROMOTERS),
			row("POST", "/api/v1/orders/{id}/transitions", "/api/v1/orders/00000000-0000-7000-8000-000000000000/transitions", Map.of("to", "READY"), PROMOTERS),
			row("POST", "/api/v1/orders/{id}/proposal", "/api/v1/orders/00000000-0000-7000-8000-000000000000/proposal", Map.of("productId", 1, "substituteProductId", 2), PROMOTERS),
			row("GET", "/api/v1/orders/pickup-key", "/api/v1/orders/pickup-key", null, null));

	static final Map<Role, String> ACCOUNTS = Map.of(Role.OWNER, "owner", Role.MANAGER, "manager", Role.OPERATOR,
			"op01", Role.DRIVER, "driver1", Role.CUSTOMER, "anna@example.com");

	static Row row(String method, String pattern, String path, Object body, Set<Role> roles) {
		return new Row(method, pattern, path, body, roles);
	}

	static Stream<Row> matrix() {
		return MATRIX.stream();
	}

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@ParameterizedTest(name = "{0}")
	@MethodSource("matrix")
	void eachRoleGetsExactlyWhatItMay(Row row) {
		var anonymous = http.send(row.method(), row.path(), row.body(), Map.of());
		if (row.roles() == null) {
			assertThat(anonymous.status()).as("anonymous " + row).isNotIn(401, 403);
		}
		else {
			assertThat(anonymous.status()).as("anonymous " + row).isEqualTo(401);
		}
		for (var role : Role.values()) {
			var response = http.as(ACCOUNTS.get(role)).send(row.method(), row.path(), row.body(), Map.of());
			boolean allowed = row.roles() == null || row.roles().contains(role);
			if (allowed) {
				assertThat(response.status()).as(role + " " + row + " " + response.body()).isNotIn(401, 403, 500);
			}
			else {
				assertThat(response.status()).as(role + " " + row).isEqualTo(403);
			}
		}
	}

	@Test
	void everyApiEndpointHasARowInTheMatrix() {
		var endpoints = new TreeSet<String>();
		mapping.getHandlerMethods().keySet().forEach(info -> {
			for (var pattern : info.getPatternValues()) {
				if (pattern.startsWith("/api/")) {
					info.getMethodsCondition().getMethods().forEach(m -> endpoints.add(m.name() + " " + pattern));
				}
			}
		});
		var covered = new TreeSet<String>();
		MATRIX.forEach(r -> covered.add(r.method() + " " + r.pattern()));
		var missing = new ArrayList<>(endpoints);
		missing.removeAll(covered);
		assertThat(missing).as("endpoints without an authorization row").isEmpty();
		assertThat(endpoints).containsAll(covered);
	}
}
