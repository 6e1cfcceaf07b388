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

	AccountCheck(Users users) {
		this.users = users;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		Object version = token.getClaim("ver");
		if (token.getSubject() == null || !(version instanceof Number number)) {
			return OAuth2TokenValidatorResult.failure(REVOKED);
		}
		long userId;
		try {
			userId = Long.parseLong(token.getSubject());
		}
		catch (NumberFormatException e) {
			return OAuth2TokenValidatorResult.failure(REVOKED);
		}
		return users.tokenCurrent(userId, number.intValue()) ? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(REVOKED);
	}
}
