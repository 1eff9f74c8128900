package io.smartops.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;

/**
 * docs/architecture.md, held against the code: its table of modules (what each may use) and each
 * sentence of its rules. A module, a "may use" or a rule that the code does not follow fails here,
 * and so does a rule the page states that this test does not check, or a module it leaves out.
 */
class ModuleBoundariesTests {

	static final Path PAGE = Path.of("docs/architecture.md");

	static JavaClasses classes;
	static Map<String, Module> modules;
	static List<String> rules;

	record Module(String name, String pkg, String switchProperty, Set<String> mayUse) {
	}

	@BeforeAll
	static void load() throws Exception {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.smartops");
		String page = Files.readString(PAGE);
		modules = new LinkedHashMap<>();
		for (String row : section(page, "modules").lines().toList()) {
			String[] cells = Arrays.stream(row.split("\\|")).map(String::strip).toArray(String[]::new);
			if (cells.length < 6 || cells[1].equals("module") || cells[1].startsWith("---")) {
				continue;
			}
			Set<String> mayUse = cells[5].equals("—") ? Set.of()
					: Arrays.stream(cells[5].split(",")).map(String::strip).collect(Collectors.toCollection(TreeSet::new));
			String switchCell = cells[3].startsWith("`") ? cells[3].replace("`", "") : null;
			modules.put(cells[1], new Module(cells[1], cells[2].replace("`", ""), switchCell, mayUse));
		}
		rules = section(page, "rules").lines().filter(l -> l.startsWith("- ")).map(l -> l.substring(2).strip()).toList();
	}

	private static String section(String page, String name) {
		Matcher m = Pattern.compile("<!-- " + name + " -->(.*?)<!-- /" + name + " -->", Pattern.DOTALL).matcher(page);
		assertThat(m.find()).as(PAGE + " marks its " + name).isTrue();
		return m.group(1);
	}

	private static String moduleOf(JavaClass c) {
		String[] parts = c.getPackageName().split("\\.");
		return parts.length > 2 ? parts[2] : "";
	}

	@Test
	void theTableNamesEveryModuleOfTheCodeAndNothingElse() {
		Set<String> inCode = classes.stream().map(ModuleBoundariesTests::moduleOf).filter(m -> !m.isEmpty())
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(modules.keySet()).containsExactlyInAnyOrderElementsOf(inCode);
		modules.values().forEach(m -> assertThat(m.pkg()).isEqualTo("io.smartops." + m.name()));
		modules.values().forEach(m -> assertThat(modules.keySet()).as(m.name() + " may use").containsAll(m.mayUse()));
	}

	@Test
	void eachModuleUsesOnlyTheModulesTheTableGivesIt() {
		List<String> breaches = new ArrayList<>();
		for (JavaClass c : classes) {
			String from = moduleOf(c);
			Module module = modules.get(from);
			for (Dependency d : c.getDirectDependenciesFromSelf()) {
				JavaClass target = d.getTargetClass();
				if (!target.getPackageName().startsWith("io.smartops.")) {
					continue;
				}
				String to = moduleOf(target);
				if (!to.equals(from) && (module == null || !module.mayUse().contains(to))) {
					breaches.add(from + " → " + to + ": " + d.getDescription());
				}
			}
		}
		assertThat(breaches).isEmpty();
	}

	/** Each rule the page states, and its check. */
	static final Map<String, Runnable> CHECKS = new LinkedHashMap<>();
	static {
		CHECKS.put("No two modules use each other, directly or through others.",
				() -> slices().matching("io.smartops.(*)..").should().beFreeOfCycles().check(classes));
		CHECKS.put("The starter's modules use nothing of the server's (`demo`, `cli`, `server`).",
				() -> noClasses().that().resideOutsideOfPackages("io.smartops.demo..", "io.smartops.cli..",
						"io.smartops.server..").should().dependOnClassesThat()
					.resideInAnyPackage("io.smartops.demo..", "io.smartops.cli..", "io.smartops.server..").check(classes));
		CHECKS.put("Nothing but `simulate` uses `simulate`: the insights see simulations through `insight.ImprovementSimulations`.",
				() -> noClasses().that().resideOutsideOfPackage("io.smartops.simulate..").should().dependOnClassesThat()
					.resideInAPackage("io.smartops.simulate..").check(classes));
		CHECKS.put("The simulator's engine side (`simulate.engine`, `simulate.model`) runs without Spring, the insights and the agents: it is a JVM of its own.",
				() -> noClasses().that().resideInAnyPackage("io.smartops.simulate.engine..", "io.smartops.simulate.model..")
					.should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.smartops.insight..",
							"io.smartops.agent..", "io.smartops.core.web..")
					.check(classes));
		CHECKS.put("The optimizer's model and scenario (`plan.model`, `plan.scenario`) run without Spring and without the engine.",
				() -> noClasses().that().resideInAnyPackage("io.smartops.plan.model..", "io.smartops.plan.scenario..")
					.should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.camunda..")
					.check(classes));
		CHECKS.put("The agent runtime (`agent`) knows nothing of the lifecycle that gates it (`agent.lifecycle`).",
				() -> noClasses().that().resideInAPackage("io.smartops.agent").should().dependOnClassesThat()
					.resideInAPackage("io.smartops.agent.lifecycle..").check(classes));
		CHECKS.put("Process mining (`insight.mining`) knows nothing of the rest of the insights, which use it: its alignments and the BPMN's net (`Alignments`, `ProcessNet`) run without Spring and without the engine.",
				() -> {
					noClasses().that().resideInAPackage("io.smartops.insight.mining..").should().dependOnClassesThat()
						.resideInAPackage("io.smartops.insight").check(classes);
					noClasses().that().haveSimpleName("Alignments").or().haveSimpleName("ProcessNet").should()
						.dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.camunda.bpm.engine..")
						.check(classes);
				});
		CHECKS.put("Each module with a switch has one auto-configuration, listed for Spring Boot and conditional on its switch.",
				ModuleBoundariesTests::autoConfigurations);
		CHECKS.put("BPMN reaches Java one way: bean-method expressions (`${bean.method(execution)}`), checked against the context by `BpmnExpressionsTests`.",
				ModuleBoundariesTests::oneWiringStyle);
	}

	@Test
	void everyRuleThePageStatesIsCheckedAndHolds() {
		assertThat(rules).as("the rules of " + PAGE).containsExactlyElementsOf(CHECKS.keySet());
		CHECKS.values().forEach(Runnable::run);
	}

	static void oneWiringStyle() {
		try (var files = Files.list(Path.of("processes"))) {
			List<Path> bpmn = files.filter(f -> f.toString().endsWith(".bpmn")).toList();
			assertThat(bpmn).isNotEmpty();
			for (Path f : bpmn) {
				assertThat(Files.readString(f)).as(f.toString()).doesNotContain("delegateExpression=")
					.doesNotContain("camunda:class=");
			}
		}
		catch (java.io.IOException e) {
			throw new IllegalStateException(e);
		}
	}

	static void autoConfigurations() {
		List<String> listed;
		try {
			listed = new ClassPathResource("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")
				.getContentAsString(java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
				.filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
		}
		catch (java.io.IOException e) {
			throw new IllegalStateException(e);
		}
		for (Module module : modules.values()) {
			List<JavaClass> own = classes.stream().filter(c -> c.isAnnotatedWith(AutoConfiguration.class))
				.filter(c -> moduleOf(c).equals(module.name())).toList();
			if (module.switchProperty() == null) {
				if (!module.name().equals("core")) {
					assertThat(own).as(module.name() + " (no switch) has no auto-configuration").isEmpty();
				}
				continue;
			}
			assertThat(own).as(module.name() + "'s auto-configuration").hasSize(1);
			JavaClass config = own.get(0);
			assertThat(listed).as("listed for Spring Boot").contains(config.getName());
			ConditionalOnProperty condition = config.reflect().getAnnotation(ConditionalOnProperty.class);
			assertThat(condition).as(config.getName() + " is conditional").isNotNull();
			assertThat(condition.name()).as(config.getName()).containsExactly(module.switchProperty());
		}
		assertThat(listed).as("every listed auto-configuration belongs to a module")
			.allMatch(name -> modules.containsKey(name.split("\\.")[2]));
	}
}
