package com.diggety.inventory;

import java.time.Instant;

/** A stand's level of an ingredient crossed below its threshold (raised once per crossing, not on every sale). */
public record LowStockDetected(long standId, long ingredientId, String ingredientName, long level, long threshold,
		Instant at) {
}
