package com.diggety.pricing.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The engine's long fast paths give exactly what exact big-number arithmetic gives, near overflow too. */
class ArithmeticTest {

	private static final long[] EDGES = { 0, 1, 2, 3, 9_999, 10_000, 10_001, Integer.MAX_VALUE, 3_037_000_499L,
			3_037_000_500L, Long.MAX_VALUE / 2, Long.MAX_VALUE - 1, Long.MAX_VALUE };

	@Test
	void mulDivMatchesExactArithmeticForSmallAndHugeValues() {
		var random = new SplittableRandom(7);
		for (int i = 0; i < 200_000; i++) {
			long a = pick(random);
			long b = pick(random);
			long c = 1 + Math.abs(pick(random) % (Long.MAX_VALUE - 1));
			var exact = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
			var halfUp = new java.math.BigDecimal(exact).divide(new java.math.BigDecimal(c), 0, RoundingMode.HALF_UP)
					.toBigInteger();
			if (halfUp.bitLength() < 64) {
				assertThat(PricingEngine.mulDivHalfUp(a, b, c)).as("%d x %d / %d", a, b, c).isEqualTo(halfUp.longValue());
			}
			var floor = exact.divide(BigInteger.valueOf(c));
			if (floor.bitLength() < 64) {
				assertThat(PricingEngine.mulDivFloor(a, b, c)).as("%d x %d / %d", a, b, c).isEqualTo(floor.longValue());
			}
		}
	}

	@Test
	void spreadSumsToTheTotalAndFollowsTheWeightsWithHugeValues() {
		var random = new SplittableRandom(11);
		for (int i = 0; i < 20_000; i++) {
			long total = Math.abs(pick(random) % 1_000_000_000_000L);
			long[] weights = new long[1 + random.nextInt(6)];
			for (int w = 0; w < weights.length; w++) {
				weights[w] = Math.abs(pick(random) % (Long.MAX_VALUE / 8));
			}
			long[] parts = PricingEngine.spread(total, weights);
			long sumWeights = 0;
			for (long w : weights) {
				sumWeights += w;
			}
			long sum = 0;
			for (int w = 0; w < parts.length; w++) {
				sum += parts[w];
				if (sumWeights > 0) {
					var share = BigInteger.valueOf(total).multiply(BigInteger.valueOf(weights[w]))
							.divide(BigInteger.valueOf(sumWeights)).longValueExact();
					assertThat(parts[w] - share).isBetween(0L, 1L);
				}
			}
			assertThat(sum).isEqualTo(sumWeights == 0 || total == 0 ? 0 : total);
		}
	}

	private static long pick(SplittableRandom random) {
		return switch (random.nextInt(3)) {
			case 0 -> EDGES[random.nextInt(EDGES.length)];
			case 1 -> random.nextLong(100_000);
			default -> random.nextLong(Long.MAX_VALUE);
		};
	}
}
