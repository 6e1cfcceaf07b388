package com.diggety.identity.internal;

import com.diggety.shared.Throttle;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.diggety.identity.AccessRules;
import com.diggety.shared.ProblemWriter;

import jakarta.servlet.DispatcherType;

import javax.crypto.SecretKey;

/**
 * One stateless security chain: bearer tokens, the rules every module states, and deny for everything else.
 * 401 and 403 answers are problem documents like every other error.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	/** The shells and assets of the four apps, the docs and health: readable by anyone. */
	private static final String[] PUBLIC_ASSETS = { "/", "/index.html", "/favicon.ico", "/manifest.webmanifest",
			"/sw.js", "/app/**", "/admin/**", "/operator/**", "/staff/**", "/common/**", "/i18n/**", "/icons/**",
			"/webjars/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
			"/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/error" };

	/**
	 * No observations of the security chain: per-filter spans cost more than a whole quote and nobody reads them;
	 * the HTTP server's request metrics stay.
	 */
	@Bean
	static org.springframework.security.config.observation.SecurityObservationSettings noSecurityObservations() {
		return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityFilterChain api(HttpSecurity http, List<AccessRules> modules, JwtDecoder decoder,
			@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping, ProblemWriter problems)
			throws Exception {
		AuthenticationEntryPoint unauthorized = (request, response, e) -> {
			response.setHeader("WWW-Authenticate", "Bearer");
			problems.write(response, problem(HttpStatus.UNAUTHORIZED, "Unauthorized",
					"A valid bearer token is required (log in at /api/v1/auth/login)"));
		};
		AccessDeniedHandler forbidden = (request, response, e) -> problems.write(response,
				problem(HttpStatus.FORBIDDEN, "Forbidden", "Your role may not do this"));
		var roles = new JwtAuthenticationConverter();
		roles.setJwtGrantedAuthoritiesConverter(
				jwt -> List.of(new SimpleGrantedAuthority("ROLE_" + jwt.getClaimAsString("role"))));
		http.csrf(csrf -> csrf.disable())
				.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.requestCache(cache -> cache.disable())
				.authorizeHttpRequests(rules -> {
					rules.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll();
					rules.requestMatchers(org.springframework.http.HttpMethod.GET, PUBLIC_ASSETS).permitAll();
					rules.requestMatchers("/error").permitAll();
					modules.forEach(module -> module.define(rules));
					rules.anyRequest().access(new UnmappedOrDenied(mapping));
				})
				.oauth2ResourceServer(server -> server
						.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(roles))
						.authenticationEntryPoint(unauthorized)
						.accessDeniedHandler(forbidden))
				.exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
				.headers(headers -> headers.frameOptions(frame -> frame.deny()));
		return http.build();
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		var body = ProblemDetail.forStatusAndDetail(status, detail);
		body.setTitle(title);
		return body;
	}

	@Bean
	SecretKey tokenSigningKey(TokenSettings settings) {
		return SigningKey.from(settings);
	}

	@Bean
	JwtEncoder jwtEncoder(SecretKey tokenSigningKey) {
		return NimbusJwtEncoder.withSecretKey(tokenSigningKey).algorithm(MacAlgorithm.HS256).build();
	}

	@Bean
	JwtDecoder jwtDecoder(SecretKey tokenSigningKey, TokenSettings settings, OAuth2TokenValidator<Jwt> accountCheck) {
		var decoder = NimbusJwtDecoder.withSecretKey(tokenSigningKey).macAlgorithm(MacAlgorithm.HS256).build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithIssuer(settings.issuer()), accountCheck));
		return decoder;
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		var argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
		return new DelegatingPasswordEncoder("argon2", Map.of("argon2", argon2, "bcrypt", new BCryptPasswordEncoder()));
	}

	@Bean
	LoginThrottles loginThrottles(ThrottleSettings settings) {
		var clock = Clock.systemUTC();
		return new LoginThrottles(new Throttle(settings.perAccount(), settings.window(), clock),
				new Throttle(settings.perAddress(), settings.window(), clock));
	}
}
