package com.diggety;

import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * One fresh PostgreSQL database per test run on the local server, dropped when the JVM exits. Tests never share
 * state with an earlier run or with the developer's data.
 */
public final class TestDatabase {

	public static final String HOST = System.getenv().getOrDefault("DIGGETY_TEST_PG", "127.0.0.1:5432");
	public static final String USER = System.getenv().getOrDefault("DIGGETY_TEST_PG_USER", "postgres");
	public static final String NAME = "diggety_test_" + System.currentTimeMillis() + "_" + ProcessHandle.current().pid();
	public static final String URL = "jdbc:postgresql://" + HOST + "/" + NAME;

	private static boolean created;

	private TestDatabase() {
	}

	public static synchronized String url() {
		if (!created) {
			admin("CREATE DATABASE " + NAME);
			created = true;
			// dropped after the application contexts have closed (Spring Boot's shutdown handlers run then), so a
			// context that still reads the database while it closes does not wait for a connection that cannot come
			org.springframework.boot.SpringApplication.getShutdownHandlers().add(() -> {
				try {
					admin("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
				}
				catch (RuntimeException ignored) {
					// the server may already be gone at shutdown; a leftover test database is harmless
				}
			});
		}
		return URL;
	}

	private static void admin(String sql) {
		try (var connection = DriverManager.getConnection("jdbc:postgresql://" + HOST + "/postgres", USER, "");
				var statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException e) {
			throw new IllegalStateException("PostgreSQL at " + HOST + " is needed for the tests: " + e.getMessage(), e);
		}
	}
}
