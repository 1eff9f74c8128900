package io.smartops.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A host that switches every capability off gets Smart Ops' core and nothing else: no bean of any
 * capability (so none of their endpoints, jobs or threads, which their beans start), no endpoint,
 * no table and no deployment but the core's (process owners' escalations). What each capability adds when on
 * is what the server and the example host application test.
 */
@SpringBootTest(classes = CapabilitiesTests.Host.class, properties = {
		// an engine of its own name: Camunda's REST and web apps find engines by name in a static registry,
		// and the other tests' server in this JVM is "default" (Camunda takes no hyphen in the name)
		"camunda.bpm.process-engine-name=capabilitiesOff",
		"spring.datasource.url=jdbc:h2:mem:capabilities-off;DB_CLOSE_DELAY=-1",
				"camunda.bpm.job-execution.enabled=false", "smartops.agents.enabled=false",
				"smartops.insights.enabled=false", "smartops.simulation.enabled=false", "smartops.dashboard.enabled=false",
				"smartops.orchestration.enabled=false", "smartops.coordinator.enabled=false", "smartops.sense.enabled=false",
				"smartops.mcp.enabled=false" })
class CapabilitiesTests {

	/** A Camunda Spring Boot application with nothing of its own but the starter on its classpath. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Host {
	}

	static final List<String> CAPABILITY_PACKAGES = List.of("io.smartops.agent", "io.smartops.insight",
			"io.smartops.simulate", "io.smartops.dashboard", "io.smartops.orchestrate", "io.smartops.coordinate",
			"io.smartops.plan", "io.smartops.sense", "io.smartops.mcp", "io.smartops.demo");

	@Autowired
	ApplicationContext context;

	@Autowired
	RepositoryService repository;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlers;

	@Test
	void withEveryCapabilityOffNoBeanOfAnyCapabilityExists() {
		List<String> beans = Arrays.stream(context.getBeanDefinitionNames())
			.filter(name -> {
				Object bean = context.getBean(name);
				String type = AopUtils.getTargetClass(bean).getName();
				return CAPABILITY_PACKAGES.stream().anyMatch(p -> type.startsWith(p + "."));
			})
			.toList();
		assertThat(beans).isEmpty();
		assertThat(context.getBeanNamesForType(SmartOpsEnginePlugin.class)).hasSize(1);
	}

	@Test
	void withEveryCapabilityOffOnlyTheCoresProcessIsDeployed() {
		// (the host's own auto-deployment holds whatever BPMN its classpath has: here the test's)
		List<Deployment> smartOps = repository.createDeploymentQuery().deploymentSource("smartops").list();
		assertThat(smartOps).extracting(Deployment::getName).containsExactly("smartops-core");
		assertThat(repository.createProcessDefinitionQuery().deploymentId(smartOps.get(0).getId()).list())
			.extracting(d -> d.getKey()).containsExactly("process-owner-escalation");
		assertThat(repository.createProcessDefinitionQuery().list()).extracting(d -> d.getKey())
			.doesNotContain("agent-promotion", "agent-shadow-run", "operating-plan-coordinator", "orchestrate-action");
	}

	@Test
	void withEveryCapabilityOffNoEndpointOfOneIsThere() {
		List<String> smartOps = handlers.getHandlerMethods().keySet().stream()
			.flatMap(info -> info.getPatternValues().stream())
			.filter(pattern -> pattern.startsWith("/smartops") || pattern.startsWith("/mcp"))
			.sorted()
			.toList();
		// the core's own: a node's warm-up and the recorded task executions
		assertThat(smartOps).containsExactly("/smartops/api/node/warm-up", "/smartops/api/task-executions");
		assertThat(context.getBeansOfType(org.springframework.web.servlet.handler.AbstractUrlHandlerMapping.class)
			.values().stream().flatMap(m -> m.getHandlerMap().keySet().stream()))
			.noneMatch(path -> path.startsWith("/smartops") || path.startsWith("/mcp"));
	}

	@Test
	void withEveryCapabilityOffOnlyTheCoresTablesAreMade() {
		List<String> tables = jdbc.queryForList("select lower(table_name) from information_schema.tables"
				+ " where lower(table_name) like 'smartops%' or lower(table_name) like 'retail%'", String.class);
		assertThat(tables).contains("smartops_task_execution", "smartops_process_owner", "smartops_cluster_claim",
				"smartops_core_schema_history");
		// (the server's demo tables are made by the host's own Flyway: the server's application.yaml is on
		// this test's classpath)
		assertThat(tables).allMatch(t -> List.of("smartops_task_execution", "smartops_process_owner",
				"smartops_process_change", "smartops_owner_escalation_queue", "smartops_cluster_claim",
				"smartops_core_schema_history", "smartops_customer", "smartops_demo_app_request",
				"smartops_demo_schema_history").contains(t), "a table of the core or of the host");
	}

	@Test
	void aCapabilityOnWithoutOneItNeedsIsRefusedNamingBoth() {
		MockEnvironment environment = new MockEnvironment().withProperty("smartops.sense.enabled", "true");
		assertThatThrownBy(() -> Capability.check(environment)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("smartops.sense.enabled=true needs smartops.coordinator.enabled=true");
		MockEnvironment defaults = new MockEnvironment();
		Capability.check(defaults);
		assertThat(Arrays.stream(Capability.values()).filter(c -> c.isOn(defaults)).map(Capability::key))
			.containsExactly("agents", "insights", "simulation", "dashboard");
	}
}
