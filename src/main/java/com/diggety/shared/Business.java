package com.diggety.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The business's zone and currency. Times are stored as UTC instants; this zone is applied at the edges and in
 * reports (opening hours, happy hours, sales by hour), DST included.
 */
@ConfigurationProperties("diggety.business")
public record Business(@DefaultValue("Europe/Warsaw") ZoneId zone, @DefaultValue("PLN") String currency) {

	/** Whole days in the business zone as instants: from the start of {@code start} to the end of the last day. */
	public record Days(Instant start, Instant end) {
	}

	/**
	 * The days a report or list asks for ({@code from} and {@code to} inclusive, in the business zone), today
	 * back to {@code daysBack} days ago when not given; at most a year, never backwards (a 422 names the field).
	 */
	public Days days(LocalDate from, LocalDate to, int daysBack) {
		var today = LocalDate.now(zone);
		var start = (from == null ? today.minusDays(daysBack) : from).atStartOfDay(zone).toInstant();
		var end = (to == null ? today : to).plusDays(1).atStartOfDay(zone).toInstant();
		if (!end.isAfter(start)) {
			throw Problem.invalid("to", "must not be before from");
		}
		if (ChronoUnit.DAYS.between(start, end) > 366) {
			throw Problem.invalid("to", "at most a year at once");
		}
		return new Days(start, end);
	}
}
