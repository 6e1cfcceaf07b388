package com.diggety.identity;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * A signed, unexpired token is not enough: its account must still be active and its token version current, so a
 * disabled account or a reset password cuts off every token at once.
 */
@Component
class AccountCheck implements OAuth2TokenValidator<Jwt> {

	private static final OAuth2Error REVOKED = new OAuth2Error("invalid_token", "The token was revoked", null);

	private final Users users;
	private final java.util.List<TokenCheck> checks;

	AccountCheck(Users users, java.util.List<TokenCheck> checks) {
		this.users = users;
		this.checks = checks;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		Object version = token.getClaim("ver");
		boolean device = token.hasClaim("dev");
		if (token.getSubject() == null || !(device || version instanceof Number)) {
			return OAuth2TokenValidatorResult.failure(REVOKED);
		}
		long userId;
		try {
			userId = Long.parseLong(token.getSubject());
		}
		catch (NumberFormatException e) {
			return OAuth2TokenValidatorResult.failure(REVOKED);
		}
		boolean current = device ? users.active(userId) : users.tokenCurrent(userId, ((Number) version).intValue());
		if (!current || !checks.stream().allMatch(check -> check.accepts(token))) {
			return OAuth2TokenValidatorResult.failure(REVOKED);
		}
		return OAuth2TokenValidatorResult.success();
	}
}
