package com.diggety;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * Diggety: a point of sale for mobile street-food stands, one modular monolith.
 * Each direct sub-package is an application module; see {@code docs/architecture.md}.
 */
@Modulithic(sharedModules = "shared")
@SpringBootApplication
@ConfigurationPropertiesScan
public class DiggetyApplication {

	public static void main(String[] args) {
		SpringApplication.run(DiggetyApplication.class, args);
	}
}
