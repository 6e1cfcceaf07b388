package com.diggety.bench;

import java.util.SplittableRandom;

/** The area the demo data and the scenarios live in: a disc of 15 km around Kraków's main square. */
public final class Krakow {

	public static final double CENTRE_LAT = 50.0617;
	public static final double CENTRE_LON = 19.9373;
	public static final double RADIUS_METERS = 15_000;
	private static final double EARTH_RADIUS_METERS = 6_371_008.8;

	private Krakow() {
	}

	/** A point uniformly spread over the disc, rounded to 6 decimals (about 0.1 m). */
	public static Point randomPoint(SplittableRandom random) {
		double distance = RADIUS_METERS * Math.sqrt(random.nextDouble());
		double bearing = 2 * Math.PI * random.nextDouble();
		double north = distance * Math.cos(bearing);
		double east = distance * Math.sin(bearing);
		double lat = CENTRE_LAT + Math.toDegrees(north / EARTH_RADIUS_METERS);
		double lon = CENTRE_LON
				+ Math.toDegrees(east / (EARTH_RADIUS_METERS * Math.cos(Math.toRadians(CENTRE_LAT))));
		return new Point(round6(lat), round6(lon));
	}

	private static double round6(double value) {
		return Math.round(value * 1e6) / 1e6;
	}

	public record Point(double lat, double lon) {
	}
}
