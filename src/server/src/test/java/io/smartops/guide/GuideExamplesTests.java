package io.smartops.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;


import io.smartops.SmartOpsTest;
import io.smartops.agent.AgentLibrary;
import io.smartops.core.security.Roles;
import io.smartops.support.Api;
import io.smartops.support.McpToolWorkers;
import io.smartops.support.Command;
import io.smartops.support.RoleUsers;

/**
 * The examples of docs/agents-in-any-language.md, run as a reader would run them: agents in Python
 * and in JavaScript, over the external-task REST API and as MCP tools, each registering itself and
 * then serving a task of a real process that the router gives it, with its call audited and priced;
 * and the JavaScript MCP client planning, submitting a lead and starting a coordinator run. Needs
 * python3, Node and the examples' npm packages (.ci/services.sh installs them).
 */
@SmartOpsTest
@Tag("services")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuideExamplesTests {

	static final String WORKER_PASSWORD = "guide-worker-secret";

	@LocalServerPort
	int port;

	@Autowired
	RepositoryService repository;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	HistoryService history;

	@Autowired
	ApplicationContext context;

	/** The server's workers as the in-server ones run them: serving every MCP-tool agent of the library. */
	McpToolWorkers workers;

	@Autowired
	IdentityService identity;

	@Autowired
	AgentLibrary library;

	final ObjectMapper json = new ObjectMapper();

	@BeforeAll
	void setUp() {
		repository.createDeployment().addClasspathResource("bpmn/agent-routing-check.bpmn").enableDuplicateFiltering(true)
			.deploy();
		RoleUsers.ensure(identity, Map.of("guide-py", Roles.WORKERS, "guide-js", Roles.WORKERS), WORKER_PASSWORD);
		workers = new McpToolWorkers(context, port, "guide-test-workers");
	}

	@AfterAll
	void stop() {
		workers.close();
	}

	Map<String, String> env(String capability, String worker, int mcpPort) {
		Map<String, String> env = new HashMap<>();
		env.put("SMARTOPS_URL", "http://localhost:" + port);
		env.put("SMARTOPS_ADMIN_USER", "demo");
		env.put("SMARTOPS_ADMIN_PASSWORD", "demo");
		env.put("SMARTOPS_WORKER_USER", worker);
		env.put("SMARTOPS_WORKER_PASSWORD", WORKER_PASSWORD);
		env.put("SMARTOPS_CAPABILITY", capability);
		env.put("PORT", String.valueOf(mcpPort));
		return env;
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static void await(BooleanSupplier condition, String what, Command.Background agent) throws Exception {
		Instant until = Instant.now().plus(Duration.ofSeconds(60));
		while (!condition.getAsBoolean()) {
			assertThat(Instant.now()).as(what + "; the example printed:\n" + agent.output()).isBefore(until);
			assertThat(agent.process().isAlive()).as("the example stopped:\n" + agent.output()).isTrue();
			Thread.sleep(200);
		}
	}

	/** Starts the example, waits for its registration, routes a task to it and checks the task's outputs and the audit. */
	void servesARoutedTask(List<String> command, String worker, String expectedModel) throws Exception {
		String capability = "guide-" + UUID.randomUUID().toString().substring(0, 8);
		try (Command.Background agent = Command.start(command, env(capability, worker, freePort()), null)) {
			await(() -> agent.process().isAlive() && !library.forCapability(capability).isEmpty(), "the example registers",
					agent);
			await(() -> safeOutput(agent).contains("registered "), "the example says it registered", agent);
			ProcessInstance pi = runtime.startProcessInstanceByKey("agent-routing-check",
					Map.of("capability", capability, "companyName", "Initech", "employees", 400, "secret", "salary data"));
			management.executeJob(management.createJobQuery().processInstanceId(pi.getId()).singleResult().getId());
			await(() -> history.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).finished().count() == 1,
					"the example completes the routed task", agent);
			Api api = new Api(port);
			await(() -> api.get("/smartops/api/agent-calls?processInstanceId=" + pi.getId()).json().size() == 1,
					"the call is audited", agent);

			Object score = history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName("score")
				.singleResult().getValue();
			assertThat(((Number) score).doubleValue()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
			JsonNode call = api.get("/smartops/api/agent-calls?processInstanceId=" + pi.getId()).json().get(0);
			assertThat(call.path("outcome").asText()).isEqualTo("COMPLETED");
			assertThat(call.path("model").asText()).startsWith(expectedModel);
			assertThat(call.path("confidence").asDouble()).isEqualTo(0.9);
			assertThat(call.path("cost").asDouble()).isPositive();
		}
	}

	private static String safeOutput(Command.Background agent) {
		try {
			return agent.output();
		}
		catch (IOException e) {
			return "";
		}
	}

	@Test
	void thePythonAgentOverTheExternalTaskApiServesARoutedTaskAndReportsItsCall() throws Exception {
		servesARoutedTask(List.of("python3", "docs/examples/python/external_task_agent.py"), "guide-py",
				"python-size-rule");
	}

	@Test
	void theJavaScriptAgentOverTheExternalTaskApiServesARoutedTaskAndReportsItsCall() throws Exception {
		servesARoutedTask(List.of("node", "docs/examples/js/external-task-agent.mjs"), "guide-js", "js-size-rule");
	}

	@Test
	void thePythonMcpToolServesARoutedTaskAsAnMcpToolAgent() throws Exception {
		servesARoutedTask(List.of("python3", "docs/examples/python/mcp_tool_server.py"), "guide-py", "mcp:score_company@");
	}

	@Test
	void theJavaScriptMcpToolServesARoutedTaskAsAnMcpToolAgent() throws Exception {
		servesARoutedTask(List.of("node", "docs/examples/js/mcp-tool-server.mjs"), "guide-js", "mcp:score_company@");
	}

	@Test
	void theJavaScriptMcpClientPlansSubmitsALeadAndStartsACoordinatorRun() throws Exception {
		Map<String, String> env = Map.of("SMARTOPS_URL", "http://localhost:" + port, "SMARTOPS_USER", "demo",
				"SMARTOPS_PASSWORD", "demo");
		Command.Result r = Command.run(
				List.of("node", "docs/examples/js/smartops-mcp-client.mjs", "src/server/src/test/resources/examples/small.json"), env,
				Duration.ofSeconds(120));
		assertThat(r.exit()).as(r.stderr()).isZero();
		JsonNode out = json.readTree(r.stdout());
		assertThat(out.path("plan").path("status").asText()).isEqualTo("OPTIMAL");
		assertThat(out.path("plan").path("margin").asDouble()).isEqualTo(16655.26);
		assertThat(out.path("plan").path("shipments").asInt()).isPositive();
		assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(out.path("lead").asText()).count()).isOne();
		assertThat(out.path("run").path("id").asText()).isNotBlank();
	}
}
