package com.diggety.stands;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A stand as the other modules see it.
 *
 * @param phone       the stand's phone for SMS, E.164
 * @param autoConfirm whether paid online orders may confirm themselves when the stand is online and stocked
 */
public record Stand(long id, String code, String name, String placeName, double latitude, double longitude,
		String phone, boolean autoConfirm, boolean active, int version, OpeningHours hours) {

	public boolean isOpen(Instant now, ZoneId zone) {
		return active && hours.isOpen(now, zone);
	}
}
