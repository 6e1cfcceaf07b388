package com.diggety.stands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.diggety.ApiTest;
import static com.diggety.Fixtures.standForm;

import tools.jackson.databind.JsonNode;

/** Customers find stands near them; the office edits stands; an operator moves only its own stand. */
class StandsApiTest extends ApiTest {

	@Test
	void nearbyStandsComeNearestFirstWithTheirDistance() {
		var response = http.get("/api/v1/stands/nearby?lat=50.0617&lon=19.9373&limit=5");
		assertThat(response.status()).isEqualTo(200);
		var stands = response.json();
		assertThat(stands.size()).isEqualTo(5);
		assertThat(stands.get(0).get("name").asString()).isEqualTo("Rynek Główny");
		long previous = -1;
		for (JsonNode stand : stands) {
			long distance = stand.get("distanceMeters").asLong();
			assertThat(distance).isGreaterThanOrEqualTo(previous);
			previous = distance;
			double expected = Geo.distanceMeters(50.0617, 19.9373, stand.get("latitude").asDouble(),
					stand.get("longitude").asDouble());
			assertThat((double) distance).isCloseTo(expected, org.assertj.core.data.Offset.offset(1.0));
			assertThat(stand.get("openNow").isBoolean()).isTrue();
			// a stand is either open (with a closing time) or tells when it next opens
			if (stand.get("openNow").asBoolean()) {
				assertThat(stand.get("closesAt").isNull()).isFalse();
			}
			else {
				assertThat(stand.get("nextOpening").isNull()).isFalse();
			}
		}
	}

	@Test
	void openOnlySkipsClosedStands() {
		var owner = http.as("owner");
		var created = owner.post("/api/v1/stands", standForm("ALWAYS-OPEN", 49.9, 19.5));
		assertThat(created.status()).isEqualTo(201);
		var open = http.get("/api/v1/stands/nearby?lat=49.9&lon=19.5&limit=3&openOnly=true").json();
		assertThat(open.get(0).get("name").asString()).isEqualTo("Stand ALWAYS-OPEN");
		for (JsonNode stand : open) {
			assertThat(stand.get("openNow").asBoolean()).isTrue();
		}
	}

	@Test
	void badCoordinatesAreRefusedNamingTheField() {
		var response = http.get("/api/v1/stands/nearby?lat=91&lon=19.9&limit=0");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body()).contains("\"lat\"").contains("\"limit\"");
		assertThat(http.get("/api/v1/stands/nearby?lon=19.9").status()).isEqualTo(400);
	}

	@Test
	void theOfficeCreatesEditsAndArchivesAStand() {
		var owner = http.as("owner");
		var created = owner.post("/api/v1/stands", standForm("TEST-EDIT", 50.1, 19.8)).json();
		long id = created.get("id").asLong();
		assertThat(created.get("version").asInt()).isZero();

		var form = standForm("TEST-EDIT", 50.1, 19.8);
		form.put("name", "Renamed stand");
		form.put("version", 0);
		var updated = http.as("manager").put("/api/v1/stands/" + id, form);
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json().get("name").asString()).isEqualTo("Renamed stand");

		// the same edit again with the old version is someone else's stale form
		var stale = owner.put("/api/v1/stands/" + id, form);
		assertThat(stale.status()).isEqualTo(409);
		assertThat(http.get("/api/v1/stands/" + id).json().get("name").asString()).isEqualTo("Renamed stand");

		assertThat(owner.post("/api/v1/stands/" + id + "/archive", null).status()).isEqualTo(200);
		assertThat(http.get("/api/v1/stands/" + id).status()).isEqualTo(404);
		assertThat(http.get("/api/v1/stands/nearby?lat=50.1&lon=19.8&limit=1").json().get(0).get("id").asLong())
				.isNotEqualTo(id);

		var audit = owner.get("/api/v1/audit?subjectType=stand&limit=50").body();
		assertThat(audit).contains("stand.created").contains("stand.updated").contains("stand.archived");
	}

	@Test
	void anInvalidStandListsEveryBadField() {
		var form = standForm("bad code", 95, 200);
		form.put("name", "");
		form.put("phone", "600");
		var response = http.as("owner").post("/api/v1/stands", form);
		assertThat(response.status()).isEqualTo(400);
		var fields = new ArrayList<String>();
		response.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
		assertThat(fields).contains("code", "name", "latitude", "longitude", "phone");
	}

	@Test
	void anOperatorMovesItsOwnStandButNoOther() {
		var op01 = http.as("op01");
		long own = op01.get("/api/v1/me").json().get("standId").asLong();
		var moved = op01.put("/api/v1/stands/" + own + "/location",
				Map.of("latitude", 50.0620, "longitude", 19.9380, "placeName", "Rynek, od strony Floriańskiej"));
		assertThat(moved.status()).isEqualTo(200);
		assertThat(http.get("/api/v1/stands/" + own).json().get("placeName").asString())
				.isEqualTo("Rynek, od strony Floriańskiej");

		long other = http.as("op02").get("/api/v1/me").json().get("standId").asLong();
		var refused = op01.put("/api/v1/stands/" + other + "/location", Map.of("latitude", 50.0, "longitude", 19.0));
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.contentType()).startsWith("application/problem+json");
	}

	@Test
	void anUnknownStandIsA404Problem() {
		var response = http.get("/api/v1/stands/999999");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().get("detail").asString()).contains("999999");
	}
}
