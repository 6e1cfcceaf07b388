package com.diggety.identity;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A module's statement of who may call its endpoints. Each module declares one bean; the security chain adds them
 * all and denies every mapped endpoint that no rule names.
 */
@FunctionalInterface
public interface AccessRules {

	void define(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);

	/** Role names as Spring Security expects them for {@code hasAnyRole}. */
	static String[] roles(Role... roles) {
		var names = new String[roles.length];
		for (int i = 0; i < roles.length; i++) {
			names[i] = roles[i].name();
		}
		return names;
	}
}
