package com.diggety.pricing.engine;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

/**
 * A promotion as the engine sees it.
 *
 * @param standIds      the stands it applies at; empty means company-wide
 * @param exclusive     an exclusive promotion never combines with another; stackable ones combine in priority order
 * @param requiresCode  active only when the cart carries one of its codes
 * @param customersOnly active only for a registered customer
 * @param window        when it applies, in the business zone
 */
public record Promotion(long id, String name, Rule rule, int priority, boolean exclusive, List<Long> standIds,
		boolean requiresCode, boolean customersOnly, Window window) {

	public Promotion {
		standIds = standIds == null ? List.of() : List.copyOf(standIds);
		window = window == null ? Window.ALWAYS : window;
	}

	/**
	 * Date range (from inclusive, to exclusive), days of the week and a time of day in the business zone. A time
	 * window whose end is not after its start runs past midnight. Null parts do not restrict.
	 */
	public record Window(Instant from, Instant to, List<DayOfWeek> days, LocalTime fromTime, LocalTime toTime) {

		public static final Window ALWAYS = new Window(null, null, null, null, null);

		public Window {
			days = days == null ? List.of() : List.copyOf(days);
		}
	}
}
