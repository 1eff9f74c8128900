package io.smartops.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.smartops.SmartOpsTest;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.builtin.BuiltinAgents;
import io.smartops.agent.builtin.RulesLeadScorer;
import io.smartops.coordinate.CoordinatorRuns;
import io.smartops.core.security.Roles;
import io.smartops.support.Command;
import io.smartops.support.RoleUsers;

/**
 * Smart Ops' MCP server as two real MCP clients in Node see it: the official TypeScript SDK (which
 * checks every structured result against its tool's output schema) calls every tool with valid and
 * with invalid arguments, and the MCP inspector's CLI lists, calls and reads. Without credentials
 * both are refused with 401; a user outside a tool's groups gets a refusal. Needs Node and the
 * npm packages .ci/run installs (services profile).
 */
@SmartOpsTest
@Tag("services")
class McpClientsInNodeTests {

	static final Duration TIMEOUT = Duration.ofSeconds(120);

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identity;

	@Autowired
	AgentLibrary library;

	@Autowired
	BuiltinAgents builtins;

	@Autowired
	CoordinatorRuns runs;

	final ObjectMapper json = new ObjectMapper();

	@BeforeEach
	void setUp() {
		RoleUsers.ensure(identity, Map.of("node-taker", Roles.ACTION_TAKERS), "node-secret");
		builtins.register(library);
	}

	String url() {
		return "http://localhost:" + port + "/mcp";
	}

	Map<String, Object> scenario(String name) throws Exception {
		try (InputStream in = getClass().getResourceAsStream("/examples/" + name)) {
			return json.readValue(in, new TypeReference<>() {
			});
		}
	}

	static Map<String, Object> call(String tool, Map<String, Object> arguments) {
		Map<String, Object> call = new LinkedHashMap<>();
		call.put("tool", tool);
		call.put("arguments", arguments);
		return call;
	}

	JsonNode typeScriptClient(String user, String password, List<Map<String, Object>> calls) throws Exception {
		Path file = Files.createTempFile("mcp-calls", ".json");
		json.writeValue(file.toFile(), calls);
		Command.Result r = Command.run(List.of("node", "src/server/src/test/js/mcp-sdk-check.cjs", url(), user, password, file.toString()),
				Map.of("NODE_PATH", Command.CI_NODE_MODULES.toString()), TIMEOUT);
		assertThat(r.exit()).as(r.stderr()).isZero();
		return json.readTree(r.stdout());
	}

	Command.Result inspector(String user, String... arguments) throws Exception {
		// run from its build folder: inspector-cli 1.0.3 finds its own package.json relative to the working directory
		Path build = Command.CI_NODE_MODULES.resolve("@modelcontextprotocol/inspector-cli/build");
		List<String> command = new ArrayList<>(List.of("node", build.resolve("index.js").toString(), url()));
		command.addAll(List.of(arguments));
		if (user != null) {
			command.addAll(List.of("--header",
					"Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes())));
		}
		return Command.run(command, Map.of(), build.toFile(), TIMEOUT);
	}

	@Test
	void theTypeScriptSdkCallsEveryToolWithValidAndInvalidArgumentsAndGetsSchemaValidResultsAndNamedErrors() throws Exception {
		String runId = (String) ((io.smartops.coordinate.PlanningRun) runs.start(Map.of("horizon", 2)).get("run")).getId();
		Map<String, Object> event = Map.of("id", "ts-" + System.nanoTime(), "source", "ts-sdk", "type", "stock-level",
				"subject", "W1/P1", "value", 40, "observedAt", Instant.now().toString());
		List<Map<String, Object>> valid = List.of(call("list_agents", Map.of()),
				call("agent_scorecard", Map.of("agentId", RulesLeadScorer.ID)),
				call("submit_lead", Map.of("companyName", "Typed Leads Ltd", "contactName", "Tess", "email", "tess@typed.example",
						"country", "GB", "employees", 40)),
				call("plan_scenario", Map.of("scenario", scenario("small.json"))),
				call("compare_planning", Map.of("scenario", scenario("small.json"))),
				call("start_coordinator_run", Map.of("horizon", 2)), call("get_coordinator_run", Map.of("runId", runId)),
				call("get_run_facts", Map.of("runId", runId)), call("get_run_actions", Map.of("runId", runId)),
				call("post_sensor_event", event), call("get_replan_trace", Map.of()),
				call("register_agent", Map.of("capability", "ts-registered", "name", "TS agent " + System.nanoTime(), "version",
						"1", "costPerCall", 0.01, "expectedLatencyMillis", 100, "quality", 0.8)));
		List<Map<String, Object>> invalid = List.of(call("list_agents", Map.of("capability", 5)),
				call("agent_scorecard", Map.of()), call("submit_lead", Map.of("email", "x")),
				call("plan_scenario", Map.of("scenario", "small")), call("compare_planning", Map.of()),
				call("start_coordinator_run", Map.of("horizon", 0)), call("get_coordinator_run", Map.of("runId", "none")),
				call("get_run_facts", Map.of("run", runId)), call("get_run_actions", Map.of()),
				call("post_sensor_event", Map.of("type", "weather")), call("get_replan_trace", Map.of("replanId", "none")),
				call("register_agent", Map.of("capability", "ts-registered", "name", "TS LLM agent", "version", "1",
						"costPerCall", 0, "expectedLatencyMillis", 100, "quality", 0.8, "llm", Map.of("connection", "nowhere"))));
		List<Map<String, Object>> calls = new ArrayList<>(valid);
		calls.addAll(invalid);

		JsonNode report = typeScriptClient("demo", "demo", calls);

		assertThat(report.path("anonymous").asText()).startsWith("401 ").contains("needs HTTP basic authentication");
		assertThat(report.path("server").path("name").asText()).isEqualTo("smartops");
		assertThat(report.path("tools")).hasSize(McpServerTests.TOOLS.size());
		report.path("tools").forEach(t -> assertThat(t.path("hasOutputSchema").asBoolean()).as(t.toString()).isTrue());
		assertThat(report.path("resourceTemplates").toString()).contains("smartops://plans/{id}");
		JsonNode results = report.path("calls");
		for (int i = 0; i < valid.size(); i++) {
			JsonNode r = results.get(i);
			assertThat(r.has("thrown")).as(r.toString()).isFalse();
			assertThat(r.path("isError").asBoolean()).as(r.toString()).isFalse();
			assertThat(r.path("structured").isObject()).as(r.toString()).isTrue();
		}
		assertThat(results.get(3).path("structured").path("status").asText()).isEqualTo("OPTIMAL");
		assertThat(results.get(3).path("structured").path("margin").asDouble()).isEqualTo(16655.26);
		for (int i = valid.size(); i < calls.size(); i++) {
			JsonNode r = results.get(i);
			assertThat(r.path("isError").asBoolean()).as(r.toString()).isTrue();
			assertThat(r.path("text").asText()).as(r.toString()).startsWith("{\"error\":");
		}
		assertThat(json.readTree(results.get(12).path("text").asText()).path("fields").path("capability").asText())
			.isEqualTo("integer found, string expected");
		assertThat(json.readTree(results.get(19).path("text").asText()).path("fields").path("run").asText())
			.startsWith("is not a field of this tool's arguments");
		assertThat(json.readTree(results.get(calls.size() - 1).path("text").asText()).path("fields").path("llm.connection")
			.asText()).startsWith("no connection \"nowhere\"");

		JsonNode refused = typeScriptClient("node-taker", "node-secret",
				List.of(call("plan_scenario", Map.of("scenario", scenario("small.json")))));
		assertThat(refused.path("calls").get(0).path("isError").asBoolean()).isTrue();
		assertThat(refused.path("calls").get(0).path("text").asText()).contains("is in none of the groups");
	}

	@Test
	void theInspectorCliListsCallsAndReadsAndIsRefusedWithoutCredentials() throws Exception {
		Command.Result listed = inspector("demo", "--method", "tools/list");
		assertThat(listed.exit()).as(listed.stderr()).isZero();
		assertThat(json.readTree(listed.stdout()).path("tools")).hasSize(McpServerTests.TOOLS.size());

		Command.Result planned = inspector("demo", "--method", "tools/call", "--tool-name", "plan_scenario", "--tool-arg",
				"scenario=" + json.writeValueAsString(scenario("small.json")));
		assertThat(planned.exit()).as(planned.stderr()).isZero();
		JsonNode plan = json.readTree(planned.stdout()).path("structuredContent");
		assertThat(plan.path("status").asText()).isEqualTo("OPTIMAL");

		Command.Result read = inspector("demo", "--method", "resources/read", "--uri", plan.path("planUri").asText());
		assertThat(read.exit()).as(read.stderr()).isZero();
		assertThat(json.readTree(read.stdout()).path("contents").get(0).path("text").asText()).contains("\"shipments\"");

		Command.Result invalid = inspector("demo", "--method", "tools/call", "--tool-name", "get_coordinator_run",
				"--tool-arg", "runId=none");
		assertThat(json.readTree(invalid.stdout()).path("isError").asBoolean()).isTrue();

		Command.Result anonymous = inspector(null, "--method", "tools/list");
		assertThat(anonymous.exit()).isNotZero();
		assertThat(anonymous.stdout() + anonymous.stderr()).contains("needs HTTP basic authentication");
	}
}
