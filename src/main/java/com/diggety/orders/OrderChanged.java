package com.diggety.orders;

import java.time.Instant;
import java.util.UUID;

/**
 * An order moved. The live channel tells the customer following it and the stand's phones; {@code awaitsStand} is
 * true when the stand must now answer it (the operator's app rings).
 */
public record OrderChanged(UUID orderId, long standId, String number, Long customerUserId, OrderStatus status,
		int version, Instant readyAt, boolean awaitsStand) {
}
