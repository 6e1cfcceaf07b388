package com.diggety.identity.internal;

/** The two login throttles: one keyed by account, one by client address. */
public record LoginThrottles(LoginThrottle byAccount, LoginThrottle byAddress) {
}
