package com.diggety.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.diggety.payments.Payment.Status;
import com.diggety.payments.gateway.CircuitBreaker;
import com.diggety.payments.gateway.GatewayException;
import com.diggety.payments.gateway.Retry;

/** The rules with no framework in them: statuses only move forward, retries, the circuit breaker, return URLs. */
class PaymentRulesTest {

	@Test
	void aPaymentOnlyMovesForward() {
		assertThat(Status.REQUIRES_PAYMENT.mayMoveTo(Status.PROCESSING)).isTrue();
		assertThat(Status.PROCESSING.mayMoveTo(Status.SUCCEEDED)).isTrue();
		assertThat(Status.PROCESSING.mayMoveTo(Status.FAILED)).isTrue();
		// a customer whose first attempt was declined may pay on a second one
		assertThat(Status.FAILED.mayMoveTo(Status.SUCCEEDED)).isTrue();
		assertThat(Status.SUCCEEDED.mayMoveTo(Status.PARTIALLY_REFUNDED)).isTrue();
		assertThat(Status.PARTIALLY_REFUNDED.mayMoveTo(Status.REFUNDED)).isTrue();
		assertThat(Status.SUCCEEDED.mayMoveTo(Status.VOIDED)).isTrue();
		// late or repeated news changes nothing
		assertThat(Status.SUCCEEDED.mayMoveTo(Status.PROCESSING)).isFalse();
		assertThat(Status.SUCCEEDED.mayMoveTo(Status.FAILED)).isFalse();
		assertThat(Status.SUCCEEDED.mayMoveTo(Status.SUCCEEDED)).isFalse();
		assertThat(Status.REFUNDED.mayMoveTo(Status.SUCCEEDED)).isFalse();
		assertThat(Status.REFUNDED.mayMoveTo(Status.VOIDED)).isFalse();
		assertThat(Status.VOIDED.mayMoveTo(Status.REFUNDED)).isFalse();
		assertThat(Status.FAILED.mayMoveTo(Status.PROCESSING)).isFalse();
		assertThat(Status.PARTIALLY_REFUNDED.paid()).isTrue();
		assertThat(Status.VOIDED.paid()).isFalse();
		assertThat(Status.FAILED.paid()).isFalse();
	}

	@Test
	void aRetryableFailureIsTriedAgainWithGrowingPauses() {
		var pauses = new ArrayList<Duration>();
		var retry = new Retry(4, Duration.ofMillis(100), pauses::add);
		var calls = new AtomicInteger();
		var result = retry.run(() -> {
			if (calls.incrementAndGet() < 4) {
				throw new GatewayException("timeout", true);
			}
			return "ok";
		});
		assertThat(result).isEqualTo("ok");
		assertThat(calls).hasValue(4);
		assertThat(pauses).hasSize(3);
		assertThat(pauses.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(150));
		assertThat(pauses.get(2)).isBetween(Duration.ofMillis(200), Duration.ofMillis(600));
	}

	@Test
	void aRefusalIsNotRetriedAndTheLastFailureIsThrown() {
		var calls = new AtomicInteger();
		var retry = new Retry(3, Duration.ZERO, d -> { });
		assertThatThrownBy(() -> retry.run(() -> {
			calls.incrementAndGet();
			throw new GatewayException("402 card declined", false);
		})).isInstanceOf(GatewayException.class);
		assertThat(calls).hasValue(1);
		calls.set(0);
		assertThatThrownBy(() -> retry.run(() -> {
			calls.incrementAndGet();
			throw new GatewayException("503", true);
		})).hasMessage("503");
		assertThat(calls).hasValue(3);
	}

	static final class SettableClock extends Clock {
		Instant now = Instant.parse("2026-03-01T12:00:00Z");

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}
	}

	@Test
	void theBreakerOpensAfterFailuresInARowAndTestsTheWaterLater() {
		var clock = new SettableClock();
		var breaker = new CircuitBreaker("Provider", 3, Duration.ofSeconds(30), clock);
		var calls = new AtomicInteger();
		Runnable failing = () -> assertThatThrownBy(() -> breaker.call(() -> {
			calls.incrementAndGet();
			throw new GatewayException("timeout", true);
		})).isInstanceOf(GatewayException.class);
		failing.run();
		failing.run();
		// a refusal proves the provider is up: the count starts again
		assertThatThrownBy(() -> breaker.call(() -> {
			throw new GatewayException("400", false);
		})).isInstanceOf(GatewayException.class);
		failing.run();
		failing.run();
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
		failing.run();
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
		int before = calls.get();
		assertThatThrownBy(() -> breaker.call(() -> "never called")).isInstanceOf(GatewayException.class)
				.matches(e -> ((GatewayException) e).retryable());
		assertThat(calls).hasValue(before);

		clock.now = clock.now.plusSeconds(31);
		failing.run(); // the trial call fails: open again at once
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
		clock.now = clock.now.plusSeconds(31);
		assertThat(breaker.call(() -> "back")).isEqualTo("back");
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void onlyOurOwnPathsAndWebAddressesAreReturnAddresses() {
		assertThat(Payments.returnUrlIsSafe("/app/#/orders/123")).isTrue();
		assertThat(Payments.returnUrlIsSafe("https://diggety.example/app/")).isTrue();
		assertThat(Payments.returnUrlIsSafe("//evil.example/")).isFalse();
		assertThat(Payments.returnUrlIsSafe("javascript:alert(1)")).isFalse();
		assertThat(Payments.returnUrlIsSafe("/app/\\evil")).isFalse();
		assertThat(Payments.returnUrlIsSafe("/app/ x")).isFalse();
	}
}
