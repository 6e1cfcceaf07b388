package com.diggety;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module boundaries hold, and the module documentation in docs/modules is generated from the code. */
class ModulesTest {

	static final ApplicationModules MODULES = ApplicationModules.of(DiggetyApplication.class);

	@Test
	void modulesKeepTheirBoundaries() {
		MODULES.verify();
	}

	@Test
	void writesModuleDiagramsAndCanvases() {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
				.writeModulesAsPlantUml()
				.writeIndividualModulesAsPlantUml()
				.writeModuleCanvases()
				.writeAggregatingDocument();
	}
}
