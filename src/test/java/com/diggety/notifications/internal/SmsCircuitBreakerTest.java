package com.diggety.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** The provider's circuit breaker: opens after failures in a row, rests, lets one trial through, closes on success. */
class SmsCircuitBreakerTest {

	static final class Manual extends Clock {
		Instant now = Instant.parse("2026-05-01T10:00:00Z");

		@Override
		public ZoneId getZone() {
			return ZoneId.of("UTC");
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}
	}

	@Test
	void aProviderThatKeepsFailingRestsThenGetsOneTrial() {
		var clock = new Manual();
		var breaker = new CircuitBreaker("twilio", 3, Duration.ofMinutes(1), clock);
		for (int i = 0; i < 2; i++) {
			assertThat(breaker.tryAcquire()).isTrue();
			breaker.failed();
		}
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breaker.tryAcquire()).isTrue();
		breaker.failed();
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(breaker.tryAcquire()).isFalse();
		assertThat(breaker.retryAt()).isEqualTo(clock.now.plus(Duration.ofMinutes(1)));

		clock.now = clock.now.plus(Duration.ofSeconds(61));
		assertThat(breaker.tryAcquire()).as("one trial").isTrue();
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
		assertThat(breaker.tryAcquire()).as("only one at a time").isFalse();
		breaker.failed();
		assertThat(breaker.state()).as("a failed trial opens it again at once").isEqualTo(CircuitBreaker.State.OPEN);

		clock.now = clock.now.plus(Duration.ofSeconds(61));
		assertThat(breaker.tryAcquire()).isTrue();
		breaker.succeeded();
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breaker.tryAcquire()).isTrue();
	}

	@Test
	void aSuccessResetsTheCountOfFailures() {
		var breaker = new CircuitBreaker("twilio", 2, Duration.ofMinutes(1), new Manual());
		breaker.failed();
		breaker.succeeded();
		breaker.failed();
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
		breaker.failed();
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
	}
}
