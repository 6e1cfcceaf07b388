package com.diggety;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Request bodies several tests build. */
public final class Fixtures {

	private Fixtures() {
	}

	/** A stand open around the clock (two intervals a day, so there is no gap at midnight). */
	public static Map<String, Object> standForm(String code, double lat, double lon) {
		var weekly = new ArrayList<Map<String, Object>>();
		for (var day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
			weekly.add(Map.of("day", day, "opens", "00:00", "closes", "12:00"));
			weekly.add(Map.of("day", day, "opens", "12:00", "closes", "00:00"));
		}
		var form = new java.util.HashMap<String, Object>();
		form.put("code", code);
		form.put("name", "Stand " + code);
		form.put("placeName", "Test place");
		form.put("latitude", lat);
		form.put("longitude", lon);
		form.put("phone", "+48600999111");
		form.put("autoConfirm", true);
		form.put("hours", Map.of("weekly", weekly, "specialDays", List.of()));
		return form;
	}

}
