package io.smartops.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.smartops.SmartOpsTest;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.builtin.BuiltinAgents;
import io.smartops.demo.sales.SalesProcess;
import io.smartops.core.security.Roles;
import io.smartops.support.McpClients;
import io.smartops.support.RoleUsers;

/**
 * Smart Ops' MCP server as the MCP Java SDK's client sees it over Streamable HTTP: logged in with
 * HTTP basic like the REST API, every tool listed with its schemas, tools that plan, submit and
 * start doing so, bad arguments answered as tool errors naming the field, and a user outside a
 * tool's groups refused without anything happening.
 */
@SmartOpsTest
class McpServerTests {

	static final List<String> TOOLS = List.of("list_agents", "agent_scorecard", "submit_lead", "plan_scenario",
			"compare_planning", "start_coordinator_run", "get_coordinator_run", "get_run_facts", "get_run_actions",
			"post_sensor_event", "get_replan_trace", "register_agent");

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identity;

	@Autowired
	RuntimeService runtime;

	@Autowired
	HistoryService history;

	@Autowired
	AgentLibrary library;

	@Autowired
	BuiltinAgents builtins;

	final ObjectMapper json = new ObjectMapper();

	McpSyncClient demo;

	@BeforeEach
	void connect() {
		RoleUsers.ensure(identity, Map.of("mcp-taker", Roles.ACTION_TAKERS, "mcp-planner", Roles.PLANNERS), "mcp-secret");
		builtins.register(library);
		demo = McpClients.connect(base(), "/mcp", "demo", "demo");
	}

	@AfterEach
	void close() {
		demo.closeGracefully();
	}

	String base() {
		return "http://localhost:" + port;
	}

	Map<String, Object> scenario(String name) throws Exception {
		try (InputStream in = getClass().getResourceAsStream("/examples/" + name)) {
			return json.readValue(in, new TypeReference<>() {
			});
		}
	}

	static CallToolResult ok(CallToolResult result) {
		assertThat(result.isError()).as("%s", result.content()).isNotEqualTo(Boolean.TRUE);
		return result;
	}

	JsonNode structured(CallToolResult result) {
		return json.valueToTree(result.structuredContent());
	}

	JsonNode text(CallToolResult result) throws Exception {
		return json.readTree(((McpSchema.TextContent) result.content().get(0)).text());
	}

	@Test
	void withoutCredentialsTheEndpointAnswers401() throws Exception {
		HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/mcp"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
					 "capabilities":{},"clientInfo":{"name":"anonymous","version":"1"}}}"""))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(401);
		assertThatThrownBy(() -> McpClients.connect(base(), "/mcp", "mcp-unknown", "wrong")).isInstanceOf(RuntimeException.class);
	}

	@Test
	void everyToolIsListedWithTheSchemasOfItsArgumentsAndResult() {
		List<McpSchema.Tool> tools = demo.listTools().tools();
		assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrderElementsOf(TOOLS);
		for (McpSchema.Tool tool : tools) {
			assertThat(tool.inputSchema().type()).as(tool.name()).isEqualTo("object");
			assertThat(tool.outputSchema()).as(tool.name()).containsEntry("type", "object");
			assertThat(tool.description()).as(tool.name()).contains("Groups: ");
		}
		assertThat(demo.listResourceTemplates().resourceTemplates()).extracting(McpSchema.ResourceTemplate::uriTemplate)
			.containsExactlyInAnyOrder("smartops://scenarios/{id}", "smartops://plans/{id}");
	}

	@Test
	void planScenarioGivesTheProvenOptimumWithBindingConstraintsAndTheWholePlanAsAResource() throws Exception {
		CallToolResult result = demo.callTool(new CallToolRequest("plan_scenario", Map.of("scenario", scenario("small.json"))));
		ok(result);
		JsonNode plan = structured(result);
		assertThat(plan.path("status").asText()).isEqualTo("OPTIMAL");
		assertThat(plan.path("margin").asDouble()).isCloseTo(16655.26, org.assertj.core.data.Offset.offset(0.01));
		assertThat(plan.path("bindingConstraints")).isNotEmpty();
		plan.path("bindingConstraints").forEach(c -> assertThat(c.has("dual")).isTrue());
		assertThat(text(result).path("planId")).isEqualTo(plan.path("planId"));
		assertThat(text(result).path("margin")).isEqualTo(plan.path("margin"));

		McpSchema.ReadResourceResult read = demo.readResource(new McpSchema.ReadResourceRequest(plan.path("planUri").asText()));
		JsonNode whole = json.readTree(((McpSchema.TextResourceContents) read.contents().get(0)).text());
		assertThat(whole.path("margin").asDouble()).isEqualTo(plan.path("margin").asDouble());
		assertThat(whole.path("shipments").size()).isEqualTo(plan.path("decisions").path("shipments").asInt());
		McpSchema.ReadResourceResult scenario = demo
			.readResource(new McpSchema.ReadResourceRequest(plan.path("scenarioUri").asText()));
		assertThat(((McpSchema.TextResourceContents) scenario.contents().get(0)).text()).contains("\"products\"");

		assertThatThrownBy(() -> demo.readResource(new McpSchema.ReadResourceRequest("smartops://plans/plan-none")))
			.isInstanceOf(McpError.class)
			.hasMessageContaining("no plan document plan-none");
	}

	@Test
	void compareAndAnInfeasibleScenarioAreResultsNotErrors() throws Exception {
		CallToolResult compared = demo.callTool(new CallToolRequest("compare_planning", Map.of("scenario", scenario("small.json"))));
		JsonNode summary = json.valueToTree(compared.structuredContent());
		assertThat(summary.path("optimizedMargin").asDouble()).isGreaterThanOrEqualTo(summary.path("siloedMargin").asDouble());

		CallToolResult infeasible = demo.callTool(new CallToolRequest("plan_scenario", Map.of("scenario", scenario("infeasible.json"))));
		ok(infeasible);
		assertThat(structured(infeasible).path("status").asText()).isEqualTo("INFEASIBLE");
		assertThat(json.valueToTree(infeasible.structuredContent()).path("conflict")).isNotEmpty();
	}

	@Test
	void badArgumentsComeBackAsToolErrorsThatNameTheField() throws Exception {
		CallToolResult missing = demo.callTool(new CallToolRequest("plan_scenario", Map.of()));
		assertThat(missing.isError()).isTrue();
		assertThat(text(missing).path("fields").path("scenario").asText()).isEqualTo("is required");

		CallToolResult unknown = demo.callTool(new CallToolRequest("get_coordinator_run", Map.of("runId", "x", "colour", "red")));
		assertThat(text(unknown).path("fields").path("colour").asText()).startsWith("is not a field of this tool's arguments");

		// the bounds each tool publishes in its input schema are the bounds it is held to
		CallToolResult tooLong = demo.callTool(new CallToolRequest("get_coordinator_run", Map.of("runId", "r".repeat(101))));
		assertThat(tooLong.isError()).isTrue();
		assertThat(text(tooLong).path("fields").path("runId").asText()).as(text(tooLong).toString()).contains("100");
		CallToolResult tooLarge = demo.callTool(new CallToolRequest("post_sensor_event", Map.of("id", "e-1", "source", "s",
				"type", "carrier-capacity", "subject", "3PL-A/1", "value", 1e308, "observedAt", "2026-12-01T10:00:00Z")));
		assertThat(tooLarge.isError()).isTrue();
		assertThat(text(tooLarge).path("fields").path("value").asText()).isNotEmpty();

		Map<String, Object> broken = new LinkedHashMap<>(scenario("small.json"));
		broken.put("periods", -1);
		CallToolResult invalid = demo.callTool(new CallToolRequest("plan_scenario", Map.of("scenario", broken)));
		assertThat(text(invalid).path("error").asText()).isEqualTo("invalid scenario");
		assertThat(text(invalid).path("problems").toString()).contains("periods");

		long leads = runtime.createProcessInstanceQuery().processDefinitionKey(SalesProcess.KEY).count();
		CallToolResult lead = demo.callTool(new CallToolRequest("submit_lead",
				Map.of("companyName", "Acme", "contactName", "Ann", "email", "not-an-address", "country", "DE")));
		assertThat(text(lead).path("fields").path("email").asText()).contains("is not an e-mail address");
		assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(SalesProcess.KEY).count()).isEqualTo(leads);

		CallToolResult scope = demo.callTool(new CallToolRequest("start_coordinator_run", Map.of("horizon", 99)));
		assertThat(scope.isError()).isTrue();
		assertThat(text(scope).path("fields").path("horizon").asText()).contains("12");

		CallToolResult event = demo.callTool(new CallToolRequest("post_sensor_event", Map.of("id", "e1", "type", "weather")));
		assertThat(text(event).path("fields").has("type")).isTrue();

		CallToolResult noRun = demo.callTool(new CallToolRequest("get_coordinator_run", Map.of("runId", "run-none")));
		assertThat(noRun.isError()).isTrue();
		assertThat(text(noRun).path("error").asText()).contains("run-none");

		CallToolResult noAgent = demo.callTool(new CallToolRequest("agent_scorecard", Map.of("agentId", 7)));
		assertThat(text(noAgent).path("fields").path("agentId").asText()).isEqualTo("integer found, string expected");
	}

	@Test
	void aUserOutsideTheToolsGroupsIsRefusedAndNothingStarts() throws Exception {
		McpSyncClient taker = McpClients.connect(base(), "/mcp", "mcp-taker", "mcp-secret");
		try {
			long runs = runtime.createProcessInstanceQuery().count();
			CallToolResult refused = taker.callTool(new CallToolRequest("start_coordinator_run", Map.of()));
			assertThat(refused.isError()).isTrue();
			assertThat(text(refused).path("error").asText())
				.isEqualTo("user mcp-taker is in none of the groups [smartops-planners] that may use the tool start_coordinator_run");
			assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(runs);
			assertThatThrownBy(() -> taker.readResource(new McpSchema.ReadResourceRequest("smartops://plans/plan-none")))
				.isInstanceOf(McpError.class)
				.hasMessageContaining("none of the groups");
		}
		finally {
			taker.closeGracefully();
		}
	}

	@Test
	void aLeadSubmittedOverMcpStartsTheSalesProcess() throws Exception {
		McpSyncClient taker = McpClients.connect(base(), "/mcp", "mcp-taker", "mcp-secret");
		try {
			CallToolResult submitted = taker.callTool(new CallToolRequest("submit_lead", Map.of("companyName", "Mcp Tooling GmbH",
					"contactName", "Ada", "email", "ada@mcp-tooling.example", "country", "DE", "employees", 120)));
			ok(submitted);
			String id = structured(submitted).path("processInstanceId").asText();
			assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(id).processDefinitionKey(SalesProcess.KEY)
				.count()).isEqualTo(1);
		}
		finally {
			taker.closeGracefully();
		}
	}

	@Test
	void aCoordinatorRunStartedOverMcpCanBeReadWithItsFactsAndActions() throws Exception {
		McpSyncClient planner = McpClients.connect(base(), "/mcp", "mcp-planner", "mcp-secret");
		try {
			CallToolResult started = planner.callTool(new CallToolRequest("start_coordinator_run", Map.of("horizon", 2)));
			ok(started);
			String runId = json.valueToTree(started.structuredContent()).path("run").path("id").asText();
			assertThat(runId).isNotBlank();
			CallToolResult run = planner.callTool(new CallToolRequest("get_coordinator_run", Map.of("runId", runId)));
			assertThat(json.valueToTree(run.structuredContent()).path("run").path("id").asText()).isEqualTo(runId);
			assertThat(structured(planner.callTool(new CallToolRequest("get_run_facts", Map.of("runId", runId)))).has("facts"))
				.isTrue();
			assertThat(structured(planner.callTool(new CallToolRequest("get_run_actions", Map.of("runId", runId)))).has("actions"))
				.isTrue();
		}
		finally {
			planner.closeGracefully();
		}
	}

	@Test
	void aSensorEventPostedOverMcpIsRecordedOnceAndTheReplanTraceIsReadable() {
		Map<String, Object> event = Map.of("id", "mcp-" + System.nanoTime(), "source", "mcp-test", "type", "stock-level",
				"subject", "W1/P1", "value", 12, "observedAt", Instant.now().toString());
		CallToolResult first = demo.callTool(new CallToolRequest("post_sensor_event", event));
		ok(first);
		assertThat(structured(first).path("duplicate").asBoolean()).isFalse();
		assertThat(structured(demo.callTool(new CallToolRequest("post_sensor_event", event))).path("duplicate").asBoolean())
			.isTrue();
		assertThat(structured(demo.callTool(new CallToolRequest("get_replan_trace", Map.of()))).has("replans")).isTrue();
		assertThat(structured(demo.callTool(new CallToolRequest("list_agents", Map.of("capability", "lead-scoring"))))
			.path("agents")).isNotEmpty();
	}
}
