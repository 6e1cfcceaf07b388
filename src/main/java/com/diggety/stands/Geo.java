package com.diggety.stands;

/** Great-circle distance on the WGS84 mean sphere, the same formula the nearby query runs in SQL. */
public final class Geo {

	public static final double EARTH_RADIUS_METERS = 6_371_008.8;

	private Geo() {
	}

	public static double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
		double dLat = Math.toRadians(lat2 - lat1);
		double dLon = Math.toRadians(lon2 - lon1);
		double a = Math.pow(Math.sin(dLat / 2), 2)
				+ Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
		return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
	}
}
