package com.diggety.stands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/** When a stand is open, in Warsaw time, across midnight, special days and DST changes. */
class OpeningHoursTest {

	static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");

	static Instant warsaw(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(WARSAW).toInstant();
	}

	static OpeningHours daily(String opens, String closes) {
		return new OpeningHours(java.util.Arrays.stream(DayOfWeek.values())
				.map(d -> new OpeningHours.Weekly(d, LocalTime.parse(opens), LocalTime.parse(closes))).toList(),
				List.of());
	}

	@Test
	void aParkStandIsOpenAtLunchAndClosedAtNight() {
		var hours = daily("11:00", "20:00");
		assertThat(hours.isOpen(warsaw("2026-06-10T12:30"), WARSAW)).isTrue();
		assertThat(hours.isOpen(warsaw("2026-06-10T20:00"), WARSAW)).isFalse();
		assertThat(hours.isOpen(warsaw("2026-06-10T10:59"), WARSAW)).isFalse();
		assertThat(hours.nextOpening(warsaw("2026-06-10T21:00"), WARSAW)).contains(warsaw("2026-06-11T11:00"));
		assertThat(hours.openPeriod(warsaw("2026-06-10T12:30"), WARSAW).orElseThrow().closes())
				.isEqualTo(warsaw("2026-06-10T20:00"));
	}

	@Test
	void aKazimierzStandServesPastMidnightOnFriday() {
		var hours = new OpeningHours(List.of(new OpeningHours.Weekly(DayOfWeek.FRIDAY, LocalTime.of(12, 0),
				LocalTime.of(3, 0))), List.of());
		// Friday 2026-06-12, so Saturday 01:30 is still Friday's opening
		assertThat(hours.isOpen(warsaw("2026-06-13T01:30"), WARSAW)).isTrue();
		assertThat(hours.isOpen(warsaw("2026-06-13T03:00"), WARSAW)).isFalse();
		assertThat(hours.nextOpening(warsaw("2026-06-13T04:00"), WARSAW)).contains(warsaw("2026-06-19T12:00"));
	}

	@Test
	void closingAtMidnightMeansTheEndOfTheDay() {
		var hours = daily("12:00", "00:00");
		assertThat(hours.isOpen(warsaw("2026-06-10T23:59"), WARSAW)).isTrue();
		assertThat(hours.isOpen(warsaw("2026-06-11T00:00"), WARSAW)).isFalse();
	}

	@Test
	void christmasDayIsClosedAndChristmasEveClosesEarly() {
		var weekly = daily("10:00", "22:00").weekly();
		var hours = new OpeningHours(weekly, List.of(
				new OpeningHours.SpecialDay(LocalDate.of(2026, 12, 24), LocalTime.of(10, 0), LocalTime.of(14, 0), "Wigilia"),
				new OpeningHours.SpecialDay(LocalDate.of(2026, 12, 25), null, null, "Boże Narodzenie")));
		assertThat(hours.isOpen(warsaw("2026-12-24T13:00"), WARSAW)).isTrue();
		assertThat(hours.isOpen(warsaw("2026-12-24T15:00"), WARSAW)).isFalse();
		assertThat(hours.isOpen(warsaw("2026-12-25T12:00"), WARSAW)).isFalse();
		assertThat(hours.nextOpening(warsaw("2026-12-24T15:00"), WARSAW)).contains(warsaw("2026-12-26T10:00"));
	}

	@Test
	void hoursFollowWarsawTimeAcrossTheSpringDstChange() {
		// 2026-03-29: clocks jump from 02:00 to 03:00 in Warsaw (UTC+1 -> UTC+2)
		var hours = daily("10:00", "22:00");
		assertThat(hours.openPeriod(warsaw("2026-03-29T12:00"), WARSAW).orElseThrow().opens())
				.isEqualTo(Instant.parse("2026-03-29T08:00:00Z"));
		assertThat(hours.openPeriod(warsaw("2026-03-28T12:00"), WARSAW).orElseThrow().opens())
				.isEqualTo(Instant.parse("2026-03-28T09:00:00Z"));
	}

	@Test
	void anOvernightOpeningAcrossTheAutumnDstChangeLastsAnHourLonger() {
		// 2026-10-25: clocks fall back from 03:00 to 02:00 in Warsaw
		var hours = new OpeningHours(List.of(new OpeningHours.Weekly(DayOfWeek.SATURDAY, LocalTime.of(22, 0),
				LocalTime.of(4, 0))), List.of());
		var period = hours.openPeriod(warsaw("2026-10-25T01:00"), WARSAW).orElseThrow();
		assertThat(java.time.Duration.between(period.opens(), period.closes())).hasHours(7);
	}

	@Test
	void aStandWithNoHoursNeverOpens() {
		assertThat(OpeningHours.none().isOpen(Instant.now(), WARSAW)).isFalse();
		assertThat(OpeningHours.none().nextOpening(Instant.now(), WARSAW)).isEmpty();
	}
}
