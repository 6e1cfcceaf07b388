package com.diggety.identity;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A module's veto on tokens it issued a claim for: the device registry refuses the token of a revoked device.
 * Every request's token passes all checks.
 */
public interface TokenCheck {

	boolean accepts(Jwt token);
}
