package com.diggety.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The forecast recovers a known weekly pattern from noisy history: weekday lunch (12-14) sells 10 buns an hour,
 * other open hours (10-20) 2, nights nothing; each hour's sales vary by up to +-30 % (seeded). The stated error:
 * each hour within 30 % (+0.5 unit), each day's total within 10 %.
 */
class DemandForecastTest {

	static double pattern(int hourOfWeek) {
		int day = hourOfWeek / 24;
		int hour = hourOfWeek % 24;
		if (hour < 10 || hour >= 20) {
			return 0;
		}
		return day < 5 && hour >= 12 && hour < 14 ? 10 : 2;
	}

	@Test
	void sixWeeksOfNoisyHistoryRecoverTheWeeklyPatternWithinAStatedError() {
		var random = new Random(42);
		var weeks = new ArrayList<long[]>();
		for (int w = 0; w < 6; w++) {
			var week = new long[DemandForecast.HOURS];
			for (int h = 0; h < DemandForecast.HOURS; h++) {
				week[h] = Math.round(pattern(h) * (0.7 + 0.6 * random.nextDouble()));
			}
			weeks.add(week);
		}
		var forecast = DemandForecast.learn(weeks, 0.5);
		for (int h = 0; h < DemandForecast.HOURS; h++) {
			assertThat(forecast.at(h)).as("hour of week " + h).isCloseTo(pattern(h), within(pattern(h) * 0.3 + 0.5));
		}
		// across a whole weekday the error mostly cancels out: 2 * 10 + 8 * 2 = 36 buns
		var monday = ZonedDateTime.of(2026, 11, 23, 0, 0, 0, 0, ZoneId.of("Europe/Warsaw"));
		assertThat(forecast.between(monday, monday.plusDays(1))).isCloseTo(36, within(36 * 0.1));
	}

	@Test
	void aStockOutIsPredictedAtTheForecastPace() {
		var week = new long[DemandForecast.HOURS];
		for (int h = 0; h < DemandForecast.HOURS; h++) {
			week[h] = (long) pattern(h);
		}
		var forecast = DemandForecast.learn(java.util.List.of(week), 0.5);
		var mondayTen = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneId.of("Europe/Warsaw"));
		// 10-12: 2/h -> 4 used; 12-14: 10/h -> 20 used; 14 buns last until 13:00
		assertThat(forecast.stockOut(mondayTen, 14)).isEqualTo(mondayTen.plusHours(3));
		assertThat(forecast.stockOut(mondayTen, 0)).isEqualTo(mondayTen);
		assertThat(forecast.stockOut(mondayTen, 100_000)).isNull();
	}

	@Test
	void theLatestWeekWeighsMost() {
		var old = new long[DemandForecast.HOURS];
		var recent = new long[DemandForecast.HOURS];
		old[12] = 0;
		recent[12] = 8;
		var forecast = DemandForecast.learn(java.util.List.of(old, old, recent), 0.5);
		assertThat(forecast.at(12)).isEqualTo(4.0);
	}
}
