package com.diggety.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.diggety.Http;
import com.diggety.TestDatabase;

/**
 * The server dies (SIGKILL, no shutdown) in the middle of a phone's push, comes back, and the phone finishes: no
 * sale is lost and none is applied twice. The server is a real child JVM on its own PostgreSQL database.
 */
class ServerCrashTest {

	static final String KEY = Base64.getEncoder().encodeToString("crash-test-key-32-bytes-long!!!!".getBytes());
	final String database = "diggety_crash_" + System.currentTimeMillis();
	Process server;
	Path log;

	@AfterEach
	void stop() throws Exception {
		if (server != null) {
			server.destroyForcibly().waitFor();
		}
		admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
	}

	static void admin(String sql) throws Exception {
		try (var c = DriverManager.getConnection("jdbc:postgresql://" + TestDatabase.HOST + "/postgres", TestDatabase.USER, "");
				var s = c.createStatement()) {
			s.execute(sql);
		}
	}

	Process start(int port) throws Exception {
		var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		var command = List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				"com.diggety.DiggetyApplication", "--server.port=" + port,
				"--spring.datasource.url=jdbc:postgresql://" + TestDatabase.HOST + "/" + database,
				"--spring.datasource.username=" + TestDatabase.USER, "--spring.datasource.password=",
				"--diggety.security.tokens.secret=" + KEY, "--diggety.demo.enabled=true", "--logging.level.root=WARN");
		var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		var http = new Http(port);
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (http.get("/actuator/health/readiness").body().contains("UP")) {
					return process;
				}
			}
			catch (RuntimeException notYet) {
				// still starting
			}
			if (!process.isAlive()) {
				throw new IllegalStateException("the server died while starting: " + Files.readString(log));
			}
			Thread.sleep(300);
		}
		throw new IllegalStateException("the server did not start: " + Files.readString(log));
	}

	@Test
	void theServerIsKilledDuringASyncAndThePhoneFinishesWithNothingLostOrDoubled() throws Exception {
		admin("CREATE DATABASE " + database);
		log = Files.createTempFile("diggety-crash-", ".log");
		int port;
		try (var socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		server = start(port);
		var http = new Http(port);
		var phone = new Phone(http, "op02");
		long cola = http.as("owner").get("/api/v1/products").json().valueStream()
				.filter(p -> p.get("code").asString().equals("COLA")).findFirst().orElseThrow().get("id").asLong();
		var events = new ArrayList<Map<String, Object>>();
		var sales = new HashSet<String>();
		for (int i = 0; i < 600; i++) {
			var sale = UUID.randomUUID();
			sales.add(sale.toString());
			events.add(phone.event("SALE_RECORDED", Phone.cashSale(sale, null, cola, 1, 690)));
		}

		// the phone pushes in batches of 200; the server dies while the second batch is on its way
		long acknowledged = 0;
		var first = phone.push(events.subList(0, 200));
		acknowledged = first.json().get("highestSequence").asLong();
		var second = CompletableFuture.supplyAsync(() -> phone.push(events.subList(200, 400)));
		Thread.sleep(40);
		server.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, transactions cut off mid-way
		assertThat(second).failsWithin(Duration.ofSeconds(30));

		server = start(port);
		// the phone retries from what it knows was durable, with the same events (the same ids and sequences)
		while (acknowledged < 600) {
			int from = (int) acknowledged;
			var answer = phone.push(events.subList(from, Math.min(from + 200, 600)));
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			acknowledged = answer.json().get("highestSequence").asLong();
		}

		var stored = new Http(port).as("owner").get("/api/v1/sales?limit=5000&standId=" + phone.standId).json()
				.valueStream().map(s -> s.get("id").asString()).toList();
		assertThat(stored).hasSize(600).doesNotHaveDuplicates();
		assertThat(new HashSet<>(stored)).isEqualTo(sales);
		try (var c = DriverManager.getConnection("jdbc:postgresql://" + TestDatabase.HOST + "/" + database, TestDatabase.USER, "");
				var s = c.createStatement();
				var rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT event_id) FROM device_events WHERE device_id = '" + phone.deviceId + "'")) {
			rs.next();
			assertThat(rs.getInt(1)).isEqualTo(600);
			assertThat(rs.getInt(2)).isEqualTo(600);
		}
		new File(log.toString()).delete();
	}
}
