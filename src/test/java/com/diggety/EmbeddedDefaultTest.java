package com.diggety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;


import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The newcomer's path: the embedded default (H2 file database, generated key, demo data) boots, serves the API,
 * and a restart finds its data without duplicating it. And the production profile refuses unsafe settings.
 */
class EmbeddedDefaultTest {

	static ConfigurableApplicationContext start(Path dir, String... extra) {
		var args = new java.util.ArrayList<String>(java.util.List.of(extra));
		var defaults = java.util.List.of("--server.port=0",
				"--spring.datasource.url=jdbc:h2:file:" + dir.resolve("diggety")
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
				"--diggety.security.tokens.secret-file=" + dir.resolve("token-key"),
				"--diggety.push.vapid.key-file=" + dir.resolve("vapid-keys"), "--logging.level.root=WARN");
		for (var option : defaults) {
			var key = option.substring(0, option.indexOf('=') + 1);
			if (args.stream().noneMatch(a -> a.startsWith(key))) {
				args.add(option);
			}
		}
		return new SpringApplicationBuilder(DiggetyApplication.class).run(args.toArray(String[]::new));
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@Test
	void theEmbeddedDefaultServesTheDemoCityAndSurvivesARestart() throws Exception {
		var dir = Files.createTempDirectory("diggety-h2-");
		String firstToken;
		int stands;
		int products;
		try (var app = start(dir)) {
			var http = new Http(port(app));
			assertThat(http.get("/actuator/health").body()).contains("UP");
			var nearby = http.get("/api/v1/stands/nearby?lat=50.0617&lon=19.9373&limit=100");
			assertThat(nearby.status()).isEqualTo(200);
			stands = nearby.json().size();
			assertThat(stands).isEqualTo(50);
			firstToken = http.login("owner", "diggety-owner");
			products = http.withToken(firstToken).get("/api/v1/products").json().size();
			assertThat(products).isGreaterThanOrEqualTo(12);
			long stand = nearby.json().get(0).get("id").asLong();
			assertThat(http.get("/api/v1/stands/" + stand + "/menu").json().get("items").size()).isEqualTo(products);
			assertThat(http.get("/admin/").status()).isEqualTo(200);
			// a guest orders at a stand open around the clock: the order, its number and its sandbox payment in H2
			var db = app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
			db.sql("DELETE FROM stand_hours WHERE stand_id = ?").param(stand).update();
			db.sql("DELETE FROM stand_special_days WHERE stand_id = ?").param(stand).update();
			for (int day = 1; day <= 7; day++) {
				db.sql("INSERT INTO stand_hours (stand_id, day_of_week, opens, closes) VALUES (?, ?, TIME '00:00', TIME '12:00')")
						.params(stand, day).update();
				db.sql("INSERT INTO stand_hours (stand_id, day_of_week, opens, closes) VALUES (?, ?, TIME '12:00', TIME '00:00')")
						.params(stand, day).update();
			}
			db.sql("UPDATE stands SET open_for_customers = true WHERE id = ?").param(stand).update();
			long product = http.get("/api/v1/stands/" + stand + "/menu").json().get("items").get(0).get("productId")
					.asLong();
			var placed = http.post("/api/v1/orders", java.util.Map.of("standId", stand, "items",
					java.util.List.of(java.util.Map.of("productId", product, "quantity", 1)), "email", "h2@example.com"));
			assertThat(placed.status()).as(placed.body()).isEqualTo(201);
			assertThat(placed.json().get("checkoutUrl").asString()).startsWith("/sandbox/checkout/pi_sbx_");
			assertThat(placed.json().get("order").get("number").asString()).matches("[1-9][0-9]{3}");
			assertThat(db.sql("SELECT COUNT(*) FROM payments WHERE provider_id IS NOT NULL AND reference = ?")
					.param("order:" + placed.json().get("order").get("id").asString()).query(Long.class).single())
					.isEqualTo(1);
			assertThat(http.get("/v3/api-docs").body()).contains("/api/v1/stands/nearby");
		}
		try (var app = start(dir)) {
			var http = new Http(port(app));
			assertThat(http.get("/api/v1/stands/nearby?lat=50.0617&lon=19.9373&limit=100").json().size())
					.isEqualTo(stands);
			// the generated key was kept, so a token from before the restart still works
			assertThat(http.withToken(firstToken).get("/api/v1/products").json().size()).isEqualTo(products);
			assertThat(http.as("owner").get("/api/v1/users").json().size()).isEqualTo(50 + 5);
		}
	}

	@Test
	void productionRefusesToStartWithoutATokenKey() {
		assertThatThrownBy(() -> start(Files.createTempDirectory("diggety-prod-"), "--spring.profiles.active=prod",
				"--spring.datasource.url=jdbc:h2:mem:prod1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
				"--spring.datasource.username=sa", "--spring.datasource.password=",
				"--diggety.security.tokens.secret="))
				.hasStackTraceContaining("DIGGETY_TOKEN_SECRET");
	}

	@Test
	void productionRefusesToStartWithDemoDataSwitchedOn() {
		assertThatThrownBy(() -> start(Files.createTempDirectory("diggety-prod-"), "--spring.profiles.active=prod",
				"--spring.datasource.url=jdbc:h2:mem:prod2;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
				"--spring.datasource.username=sa", "--spring.datasource.password=",
				"--diggety.security.tokens.secret=" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
				"--diggety.demo.enabled=true"))
				.hasStackTraceContaining("demo data is enabled");
	}

}
