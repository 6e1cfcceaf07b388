package com.diggety.identity.internal;

import com.diggety.shared.Throttle;

/** The two login throttles: one keyed by account, one by client address. */
public record LoginThrottles(Throttle byAccount, Throttle byAddress) {
}
