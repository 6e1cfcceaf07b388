package com.diggety.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.SplittableRandom;

import tools.jackson.databind.json.JsonMapper;

/** What a scenario may use: the app's API, the app's database (for baselines and checks) and the settings. */
public final class BenchContext {

	private final Api api;
	private final String jdbcUrl;
	private final String jdbcUser;
	private final String jdbcPassword;
	private final Settings settings;
	private final JsonMapper json;

	BenchContext(Api api, String jdbcUrl, String jdbcUser, String jdbcPassword, Settings settings, JsonMapper json) {
		this.api = api;
		this.jdbcUrl = jdbcUrl;
		this.jdbcUser = jdbcUser;
		this.jdbcPassword = jdbcPassword;
		this.settings = settings;
		this.json = json;
	}

	public Api api() {
		return api;
	}

	public Settings settings() {
		return settings;
	}

	public JsonMapper json() {
		return json;
	}

	/** A new connection to the app's database; the caller closes it. */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl, jdbcUser, jdbcPassword);
	}

	/**
	 * A random generator that is the same on every run for the same purpose and index: two variants asking for the
	 * same purpose and worker index get the same sequence (so the API and its SQL baseline see the same points).
	 */
	public SplittableRandom random(String purpose, int index) {
		return new SplittableRandom(settings.seed() * 1_000_003L + purpose.hashCode() * 8191L + index);
	}

	/** Progress for the operator, on stderr so stdout stays the table. */
	public static void log(String format, Object... args) {
		System.err.printf("[bench] " + format + "%n", args);
	}
}
