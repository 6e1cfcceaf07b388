package com.diggety.inventory;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.TreeMap;

/**
 * Demand per hour of the week (0 = Monday 00:00-01:00 ... 167 = Sunday 23:00-24:00, in the business zone) as an
 * exponentially weighted average over past weeks: the latest week counts {@code alpha}, the one before
 * {@code alpha(1-alpha)}, and so on, so a stand that moved or changed its menu is learnt within a few weeks while a
 * single odd day does not swing the forecast. Plain Java; the weeks are oldest first.
 */
public final class DemandForecast {

	public static final int HOURS = 168;

	private final double[] perHour;

	private DemandForecast(double[] perHour) {
		this.perHour = perHour;
	}

	/** @param weeks for each past week (oldest first), units consumed per hour of the week */
	public static DemandForecast learn(java.util.List<long[]> weeks, double alpha) {
		var forecast = new double[HOURS];
		boolean first = true;
		for (var week : weeks) {
			for (int h = 0; h < HOURS; h++) {
				forecast[h] = first ? week[h] : alpha * week[h] + (1 - alpha) * forecast[h];
			}
			first = false;
		}
		return new DemandForecast(forecast);
	}

	public static int hourOfWeek(ZonedDateTime time) {
		return (time.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()) * 24 + time.getHour();
	}

	public double at(int hourOfWeek) {
		return perHour[Math.floorMod(hourOfWeek, HOURS)];
	}

	/** Expected demand from {@code from} (inclusive) to {@code to} (exclusive), pro rata for partial hours. */
	public double between(ZonedDateTime from, ZonedDateTime to) {
		double total = 0;
		var cursor = from;
		while (cursor.isBefore(to)) {
			var hourEnd = cursor.withMinute(0).withSecond(0).withNano(0).plusHours(1);
			var end = hourEnd.isBefore(to) ? hourEnd : to;
			double share = java.time.Duration.between(cursor, end).toSeconds() / 3600.0;
			total += at(hourOfWeek(cursor)) * share;
			cursor = end;
		}
		return total;
	}

	/** When {@code level} units run out at the forecast pace, searching a week ahead; null if not within it. */
	public ZonedDateTime stockOut(ZonedDateTime from, long level) {
		if (level <= 0) {
			return from;
		}
		double left = level;
		var cursor = from;
		for (int i = 0; i < HOURS + 1; i++) {
			var hourEnd = cursor.withMinute(0).withSecond(0).withNano(0).plusHours(1);
			double hours = java.time.Duration.between(cursor, hourEnd).toSeconds() / 3600.0;
			double rate = at(hourOfWeek(cursor));
			double use = rate * hours;
			if (use >= left && rate > 0) {
				return cursor.plusSeconds((long) (left / rate * 3600));
			}
			left -= use;
			cursor = hourEnd;
		}
		return null;
	}

	public Map<Integer, Double> asMap() {
		var map = new TreeMap<Integer, Double>();
		for (int h = 0; h < HOURS; h++) {
			map.put(h, perHour[h]);
		}
		return map;
	}
}
