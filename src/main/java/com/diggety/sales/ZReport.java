package com.diggety.sales;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The end-of-shift report: what was sold and how it was paid, discounts and refunds, and the cash that should be
 * in the box against the cash counted.
 *
 * @param expectedCashMinor float + cash sales - cash refunds
 * @param varianceMinor     counted - expected (negative: cash is missing)
 */
public record ZReport(UUID shiftId, long standId, Instant openedAt, Instant closedAt, int salesCount,
		int voidedCount, long grossMinor, long discountsMinor, Map<Sale.Method, Long> byMethod, long refundsMinor,
		long cashRefundsMinor, long floatMinor, long expectedCashMinor, Long countedCashMinor, Long varianceMinor) {
}
