package io.smartops.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package boundaries docs/architecture.md states, kept honest: dependencies between
 * capabilities run one way, and the simulator's engine side runs without Spring (it is a JVM of
 * its own).
 */
class PackageBoundariesTests {

	static JavaClasses classes;

	@BeforeAll
	static void load() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.smartops");
	}

	@Test
	void nothingButTheSimulatorUsesTheSimulator() {
		noClasses().that().resideOutsideOfPackage("io.smartops.simulate..").should().dependOnClassesThat()
			.resideInAPackage("io.smartops.simulate..").check(classes);
	}

	@Test
	void theInsightsSeeSimulationsThroughTheirOwnInterfaceOnly() {
		noClasses().that().resideInAPackage("io.smartops.insight..").should().dependOnClassesThat()
			.resideInAPackage("io.smartops.simulate..").check(classes);
	}

	@Test
	void theSimulatorsEngineSideRunsWithoutSpringOrTheServer() {
		noClasses().that().resideInAnyPackage("io.smartops.simulate.engine..", "io.smartops.simulate.model..").should()
			.dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.smartops.insight..",
					"io.smartops.agent..", "io.smartops.core.web..")
			.check(classes);
	}

	@Test
	void orchestrationKnowsTheNetworkButNotTheCoordinator() {
		noClasses().that().resideInAPackage("io.smartops.orchestrate..").should().dependOnClassesThat()
			.resideInAPackage("io.smartops.coordinate").check(classes);
	}

	@Test
	void nothingButTheMcpToolsUsesSensing() {
		noClasses().that().resideOutsideOfPackages("io.smartops.sense..", "io.smartops.mcp..").should()
			.dependOnClassesThat().resideInAPackage("io.smartops.sense..").check(classes);
	}

	@Test
	void theAgentRuntimeKnowsNothingOfTheLifecycleThatGatesIt() {
		noClasses().that().resideInAPackage("io.smartops.agent").should().dependOnClassesThat()
			.resideInAPackage("io.smartops.agent.lifecycle..").check(classes);
	}
}
