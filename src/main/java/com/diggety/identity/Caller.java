package com.diggety.identity;

import java.util.Optional;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The authenticated caller of the current request, read from its bearer token.
 *
 * @param userId  the account id
 * @param username the login name
 * @param role    the account's role
 * @param standId the stand an operator is bound to, or null
 * @param deviceId the registered phone the request comes from, when it carries a device token
 */
public record Caller(long userId, String username, Role role, Long standId, java.util.UUID deviceId) {

	/** The caller of the current request, if the request carries a valid token. */
	public static Optional<Caller> current() {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken token) {
			var jwt = token.getToken();
			Object stand = jwt.getClaim("stand");
			var device = jwt.getClaimAsString("dev");
			return Optional.of(new Caller(Long.parseLong(jwt.getSubject()), jwt.getClaimAsString("name"),
					Role.valueOf(jwt.getClaimAsString("role")), stand instanceof Number n ? n.longValue() : null,
					device == null ? null : java.util.UUID.fromString(device)));
		}
		return Optional.empty();
	}

	/** Owners and managers act on every stand, an operator only on its own. */
	public boolean mayActOnStand(long stand) {
		return role.managesCompany() || (role == Role.OPERATOR && standId != null && standId == stand);
	}
}
