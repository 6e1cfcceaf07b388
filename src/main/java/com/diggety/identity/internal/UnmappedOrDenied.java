package com.diggety.identity.internal;

import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The last rule of the chain. A request that reaches a controller endpoint no module's rule named is denied (deny by
 * default); a request no controller handles passes on, so the client gets an honest 404, 405 or 415 problem instead
 * of a misleading 401.
 */
final class UnmappedOrDenied implements AuthorizationManager<RequestAuthorizationContext> {

	private final RequestMappingHandlerMapping mapping;

	UnmappedOrDenied(RequestMappingHandlerMapping mapping) {
		this.mapping = mapping;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		try {
			return new AuthorizationDecision(mapping.getHandler(context.getRequest()) == null);
		}
		catch (Exception noMatchingMethodOrMediaType) {
			// the path exists but not for this method or media type: MVC answers 405/415 with a problem
			return new AuthorizationDecision(true);
		}
	}
}
