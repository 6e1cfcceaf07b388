package com.diggety.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import com.diggety.shared.Throttle;

class ThrottleTest {

	static final class MovableClock extends Clock {
		Instant now = Instant.parse("2026-11-25T10:00:00Z");

		@Override
		public ZoneOffset getZone() {
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
	void fiveFailuresBlockUntilTheOldestLeavesTheWindow() {
		var clock = new MovableClock();
		var throttle = new Throttle(5, Duration.ofMinutes(15), clock);
		for (int i = 0; i < 5; i++) {
			assertThat(throttle.blockedFor("op01")).isEmpty();
			throttle.failed("op01");
			clock.now = clock.now.plusSeconds(60);
		}
		assertThat(throttle.blockedFor("op01")).contains(Duration.ofMinutes(10));
		assertThat(throttle.blockedFor("op02")).isEmpty();
		clock.now = clock.now.plus(Duration.ofMinutes(10));
		assertThat(throttle.blockedFor("op01")).isEmpty();
	}

	@Test
	void aSuccessfulLoginClearsTheCount() {
		var throttle = new Throttle(2, Duration.ofMinutes(15), new MovableClock());
		throttle.failed("owner");
		throttle.succeeded("owner");
		throttle.failed("owner");
		assertThat(throttle.blockedFor("owner")).isEmpty();
	}
}
