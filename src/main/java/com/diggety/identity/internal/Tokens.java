package com.diggety.identity.internal;

import java.time.Instant;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

import com.diggety.identity.Users;

/**
 * Issues signed bearer tokens. The token carries the role, an operator's stand and the account's token version,
 * which the resource server compares with the stored one on every request.
 */
@Component
public class Tokens {

	public record Issued(String value, Instant expiresAt) {
	}

	private final JwtEncoder encoder;
	private final TokenSettings settings;

	Tokens(JwtEncoder encoder, TokenSettings settings) {
		this.encoder = encoder;
		this.settings = settings;
	}

	public Issued issue(Users.Account account, int tokenVersion) {
		var now = Instant.now();
		var expires = now.plus(settings.ttl());
		var claims = JwtClaimsSet.builder()
				.issuer(settings.issuer())
				.subject(String.valueOf(account.id()))
				.issuedAt(now)
				.expiresAt(expires)
				.claim("name", account.username())
				.claim("role", account.role().name())
				.claim("ver", tokenVersion);
		if (account.standId() != null) {
			claims.claim("stand", account.standId());
		}
		var header = JwsHeader.with(MacAlgorithm.HS256).build();
		return new Issued(encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue(), expires);
	}

	/** A device token: the operator's role and stand, the device id, a long lifetime, no token version. */
	public Issued issueForDevice(Users.Account operator, java.util.UUID deviceId, java.time.Duration lifetime) {
		var now = Instant.now();
		var expires = now.plus(lifetime);
		var claims = JwtClaimsSet.builder()
				.issuer(settings.issuer())
				.subject(String.valueOf(operator.id()))
				.issuedAt(now)
				.expiresAt(expires)
				.claim("name", operator.username())
				.claim("role", operator.role().name())
				.claim("stand", operator.standId())
				.claim("dev", deviceId.toString());
		var header = JwsHeader.with(MacAlgorithm.HS256).build();
		return new Issued(encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue(), expires);
	}
}
