package io.smartops.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;

/**
 * A host that switches every capability off gets Smart Ops' core and nothing else: no bean of any
 * capability, no endpoint, no thread, no deployment but the core's (process owners' escalations).
 * What each capability adds when on is what the server and the example host application test.
 */
@SpringBootTest(classes = CapabilitiesTests.Host.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:capabilities-off;DB_CLOSE_DELAY=-1",
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

	static final Set<String> CAPABILITY_THREADS = Set.of("simulation-", "agent-", "mcp-tool-agents", "solve-heartbeat",
			"smartops-sense-debounce", "smartops-replan-solver", "history-digest", "smartops-ack-retry",
			"mqtt-listeners", "smartops-in-server");

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	RepositoryService repository;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	IdentityService identity;

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
	void withEveryCapabilityOffNoEndpointAndNoThreadOfOneIsThere() throws Exception {
		if (identity.createUserQuery().userId("probe").count() == 0) {
			User probe = identity.newUser("probe");
			probe.setPassword("probe-password");
			identity.saveUser(probe);
			identity.createMembership("probe", "camunda-admin");
		}
		String basic = "Basic " + Base64.getEncoder().encodeToString("probe:probe-password".getBytes());
		HttpClient http = HttpClient.newHttpClient();
		for (String path : List.of("/smartops/api/agents", "/smartops/api/insights/processes", "/smartops/api/simulations/x",
				"/smartops/api/coordinator/runs", "/smartops/api/actions", "/smartops/api/plans", "/smartops/api/sensors/events",
				"/smartops/dashboard/index.html", "/mcp")) {
			HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(r.statusCode()).as(path).isEqualTo(404);
		}
		assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
			.noneMatch(name -> CAPABILITY_THREADS.stream().anyMatch(name::startsWith));
		// the tables are there (Smart Ops' schema is one), and nothing of a capability wrote to them
		assertThat(jdbc.queryForObject("select count(*) from smartops_agent", Long.class)).isZero();
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
