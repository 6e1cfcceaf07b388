package com.diggety.stands;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A stand as the other modules see it.
 *
 * @param phone       the stand's phone for SMS, E.164
 * @param autoConfirm whether paid online orders may confirm themselves when the stand is online and stocked
 * @param openForCustomers the operator's switch: off when the stand closes early (rain, sold out)
 */
public record Stand(long id, String code, String name, String placeName, double latitude, double longitude,
		String phone, boolean autoConfirm, boolean active, boolean openForCustomers, int version, OpeningHours hours) {

	/** Open for customers: active, switched on by its operator, and within its hours. */
	public boolean isOpen(Instant now, ZoneId zone) {
		return active && openForCustomers && hours.isOpen(now, zone);
	}
}
