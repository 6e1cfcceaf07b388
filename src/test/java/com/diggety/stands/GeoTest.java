package com.diggety.stands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GeoTest {

	@Test
	void krakowMainSquareToWarsawPalaceOfCultureIsAbout252Kilometres() {
		// Rynek Główny (50.0617, 19.9373) to the Palace of Culture (52.2318, 21.0060)
		assertThat(Geo.distanceMeters(50.0617, 19.9373, 52.2318, 21.0060)).isCloseTo(252_000, within(2_000.0));
	}

	@Test
	void distanceIsSymmetricAndZeroForTheSamePoint() {
		assertThat(Geo.distanceMeters(50.06, 19.94, 50.06, 19.94)).isZero();
		assertThat(Geo.distanceMeters(50.06, 19.94, 50.05, 19.93))
				.isEqualTo(Geo.distanceMeters(50.05, 19.93, 50.06, 19.94));
	}
}
