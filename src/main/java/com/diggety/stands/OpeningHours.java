package com.diggety.stands;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When a stand is open: weekly intervals in the business zone, replaced on given dates by special days (a closed day
 * or special hours). An interval whose closing time is not after its opening time runs past midnight. Plain Java:
 * DST gaps and overlaps are resolved by {@link ZonedDateTime#of}, so a 02:00-03:00 hole simply shortens the day.
 */
public record OpeningHours(List<Weekly> weekly, List<SpecialDay> specialDays) {

	/** Open on a weekday from {@code opens} to {@code closes} (next day when {@code closes <= opens}). */
	public record Weekly(DayOfWeek day, LocalTime opens, LocalTime closes) {
	}

	/** A date whose hours differ: closed all day when {@code opens} is null. */
	public record SpecialDay(LocalDate date, LocalTime opens, LocalTime closes, String note) {

		public boolean closedAllDay() {
			return opens == null;
		}
	}

	/** One concrete opening, from instant to instant. */
	public record Period(Instant opens, Instant closes) {

		boolean contains(Instant t) {
			return !t.isBefore(opens) && t.isBefore(closes);
		}
	}

	private static final int LOOKAHEAD_DAYS = 14;

	public OpeningHours {
		weekly = List.copyOf(weekly);
		specialDays = List.copyOf(specialDays);
	}

	public static OpeningHours none() {
		return new OpeningHours(List.of(), List.of());
	}

	/** The opening that contains {@code now}, if the stand is open. */
	public Optional<Period> openPeriod(Instant now, ZoneId zone) {
		var today = now.atZone(zone).toLocalDate();
		return periods(today.minusDays(1), today, zone).stream().filter(p -> p.contains(now)).findFirst();
	}

	public boolean isOpen(Instant now, ZoneId zone) {
		return openPeriod(now, zone).isPresent();
	}

	/** The next time the stand opens after {@code now}, within two weeks; empty if it is open now or never opens. */
	public Optional<Instant> nextOpening(Instant now, ZoneId zone) {
		if (isOpen(now, zone)) {
			return Optional.empty();
		}
		var today = now.atZone(zone).toLocalDate();
		return periods(today.minusDays(1), today.plusDays(LOOKAHEAD_DAYS), zone).stream()
				.map(Period::opens).filter(opens -> opens.isAfter(now)).min(Comparator.naturalOrder());
	}

	/** Every opening that starts on a date from {@code first} to {@code last}, in order. */
	public List<Period> periods(LocalDate first, LocalDate last, ZoneId zone) {
		var periods = new ArrayList<Period>();
		for (var date = first; !date.isAfter(last); date = date.plusDays(1)) {
			var day = date;
			var special = specialDays.stream().filter(e -> e.date().equals(day)).toList();
			if (!special.isEmpty()) {
				special.stream().filter(e -> !e.closedAllDay())
						.forEach(e -> periods.add(period(day, e.opens(), e.closes(), zone)));
			}
			else {
				weekly.stream().filter(w -> w.day() == day.getDayOfWeek())
						.forEach(w -> periods.add(period(day, w.opens(), w.closes(), zone)));
			}
		}
		periods.sort(Comparator.comparing(Period::opens));
		return periods;
	}

	private static Period period(LocalDate date, LocalTime opens, LocalTime closes, ZoneId zone) {
		var start = ZonedDateTime.of(date, opens, zone);
		var endDate = closes.isAfter(opens) ? date : date.plusDays(1);
		var end = ZonedDateTime.of(endDate, closes, zone);
		return new Period(start.toInstant(), end.toInstant());
	}
}
