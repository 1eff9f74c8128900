package io.smartops.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.smartops.SmartOpsTest;
import io.smartops.agent.Agent;
import io.smartops.agent.AgentKind;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentStatus;
import io.smartops.core.security.Roles;
import io.smartops.support.Api;
import io.smartops.support.RoleUsers;
import io.smartops.support.McpClients;

/**
 * Declaring LLM agents over REST and MCP: a declaration that cannot work is refused with 400
 * naming the field before anything is stored; a new prompt, model or schema is a new version that
 * enters as a shadow; the element template offers the new capability with its inputs and outputs;
 * the connections are listed without their keys.
 */
@SmartOpsTest
class LlmAgentDeclarationTests {

	static final String ADMIN = "llm-declarer";
	static final String PASSWORD = "llm-declarer-pass";

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identity;

	@Autowired
	AgentLibrary library;

	@Autowired
	ObjectMapper json;

	Api admin;
	String capability;
	String fallback;

	@BeforeEach
	void setUp() {
		RoleUsers.ensure(identity, Map.of(ADMIN, Roles.AGENT_ADMINS), PASSWORD);
		admin = new Api(port, ADMIN, PASSWORD);
		capability = "briefing-" + UUID.randomUUID().toString().substring(0, 8);
		fallback = "brief-template-" + capability;
		library.ensureBuiltin(new AgentLibrary.Descriptor(fallback, capability, "Brief template " + capability, "1",
				AgentKind.BUILTIN_MODEL, 0.00001, 0, 10, 0.7, java.util.List.of("companyName", "industry"),
				java.util.List.of("brief"), null, null, null, null), true, null, null);
	}

	String registration(String name, String llm) {
		return """
				{"capability":"%s","name":"%s","version":"1","costPerCall":0,"expectedLatencyMillis":1500,"quality":0.8,"llm":%s}"""
			.formatted(capability, name, llm);
	}

	String llm(String connection, String prompt, String schema, String prices, String fallbackId) {
		return """
				{"connection":"%s","model":"gpt-test","inputs":["companyName","industry"],"prompt":"%s","outputSchema":%s,
				 "prices":%s,"fallback":"%s"}""".formatted(connection, prompt, schema, prices, fallbackId);
	}

	static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"brief\":{\"type\":\"string\",\"maxLength\":600},"
			+ "\"confidence\":{\"type\":\"number\",\"minimum\":0,\"maximum\":1}},\"required\":[\"brief\"]}";
	static final String PROMPT = "Brief the salesperson on {companyName} ({industry}).";
	static final String PRICES = "{\"input\":0.001,\"output\":0.002,\"cached\":0.0001}";

	@Test
	void aDeclarationThatCannotWorkIsRefusedNamingTheFieldAndNothingIsStored() {
		long before = library.all().size();
		Map<String, String> cases = Map.of(
				"llm.prompt", llm("alpha", "Brief on {companyName}; salary: {salary}", SCHEMA, PRICES, fallback),
				"llm.outputSchema", llm("alpha", PROMPT, "{\"type\":12}", PRICES, fallback),
				"llm.connection", llm("nowhere", PROMPT, SCHEMA, PRICES, fallback),
				"llm.prices.output", llm("alpha", PROMPT, SCHEMA, "{\"input\":0.001,\"output\":-0.5}", fallback),
				"llm.fallback", llm("alpha", PROMPT, SCHEMA, PRICES, "proposal-drafting-template"));
		cases.forEach((field, declaration) -> {
			Api.Response r = admin.post("/smartops/api/agents", registration("Refused " + field + " " + capability, declaration));
			assertThat(r.status()).as(field + ": " + r.body()).isEqualTo(400);
			assertThat(r.json().path("error").asText()).as("the body's bounds, or what the library checks").isIn("invalid request",
					"invalid agent");
			assertThat(r.json().path("fields").has(field)).as(r.body()).isTrue();
		});
		assertThat(admin.post("/smartops/api/agents", registration("Refused " + capability,
				llm("alpha", "Brief on {companyName}; salary: {salary}", SCHEMA, PRICES, fallback))).json().path("fields")
			.path("llm.prompt").asText()).isEqualTo("uses [{salary}], which the agent does not declare as inputs [companyName, industry]");
		assertThat(library.all()).as("nothing stored").hasSize((int) before);
	}

	@Test
	void aNewPromptIsANewVersionThatEntersAsAShadowAndTheTemplateOffersTheCapability() throws Exception {
		Api.Response created = admin.post("/smartops/api/agents",
				registration("Brief writer " + capability, llm("alpha", PROMPT, SCHEMA, PRICES, fallback)));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		Agent first = library.find(created.json().path("id").asText()).orElseThrow();
		assertThat(first.getStatus()).as("the capability has an active agent").isEqualTo(AgentStatus.SHADOW);
		assertThat(first.inputs()).containsExactly("companyName", "industry");
		assertThat(first.outputs()).containsExactly("brief");
		assertThat(first.isAvailable()).isTrue();

		Api.Response v2 = admin.post("/smartops/api/agents/" + first.getId() + "/versions",
				"{\"version\":\"2\",\"llm\":{\"prompt\":\"Brief a busy salesperson on {companyName}, in two sentences.\","
						+ "\"model\":\"gpt-test-2\"}}");
		assertThat(v2.status()).as(v2.body()).isEqualTo(201);
		JsonNode view = v2.json();
		assertThat(view.path("version").asText()).isEqualTo("2");
		assertThat(view.path("status").asText()).isEqualTo("SHADOW");
		assertThat(view.path("llm").path("model").asText()).isEqualTo("gpt-test-2");
		assertThat(view.path("llm").path("fallback").asText()).as("the rest as before").isEqualTo(fallback);
		assertThat(admin.get("/smartops/api/agents/" + view.path("id").asText() + "/changes").body())
			.contains("new version of " + first.getId());
		assertThat(admin.post("/smartops/api/agents/" + first.getId() + "/versions",
				"{\"version\":\"3\",\"llm\":{\"prompt\":\"Brief on {revenue}\"}}").status()).isEqualTo(400);

		JsonNode template = admin.get("/smartops/api/agents/element-template").json();
		JsonNode choice = null;
		for (JsonNode property : template.path("properties")) {
			if (property.path("label").asText().equals("Capability")) {
				for (JsonNode c : property.path("choices")) {
					if (c.path("name").asText().startsWith(capability + " ")) {
						choice = c;
					}
				}
			}
		}
		assertThat(choice).as("the declared agent's capability").isNotNull();
		assertThat(choice.path("name").asText()).isEqualTo(capability + " (reads companyName, industry; writes brief)");
		assertThat(choice.path("value").asText()).isEqualTo("${agentRouter.route(execution, '" + capability + "')}");

		String connections = admin.get("/smartops/api/llm/connections").body();
		assertThat(connections).contains("\"name\":\"alpha\"").contains("\"provider\":\"openai\"")
			.contains("\"structuredOutput\":\"native\"").doesNotContain("test-key");
		assertThat(json.readTree(connections).findValuesAsText("name")).contains("alpha", "beta", "default");
	}

	@Test
	void anAgentAdministratorDeclaresAnLlmAgentOverMcp() {
		McpSyncClient client = McpClients.connect("http://localhost:" + port, "/mcp", ADMIN, PASSWORD);
		try {
			Map<String, Object> llm = Map.of("connection", "beta", "model", "claude-test", "inputs",
					java.util.List.of("companyName", "industry"), "prompt", PROMPT, "outputSchema",
					json.convertValue(json.valueToTree(Map.of("type", "object", "properties", Map.of("brief",
							Map.of("type", "string")), "required", java.util.List.of("brief"))), Map.class),
					"fallback", fallback);
			McpSchema.CallToolResult ok = client.callTool(new McpSchema.CallToolRequest("register_agent",
					Map.of("capability", capability, "name", "MCP brief writer " + capability, "version", "1", "costPerCall", 0,
							"expectedLatencyMillis", 1500, "quality", 0.8, "llm", llm)));
			assertThat(ok.isError()).as("%s", ok.content()).isNotEqualTo(Boolean.TRUE);
			@SuppressWarnings("unchecked")
			Map<String, Object> result = (Map<String, Object>) ok.structuredContent();
			assertThat(result).containsEntry("status", "SHADOW").containsEntry("available", true);
			assertThat(library.find((String) result.get("id")).orElseThrow().getKind()).isEqualTo(AgentKind.LLM);

			McpSchema.CallToolResult refused = client.callTool(new McpSchema.CallToolRequest("register_agent",
					Map.of("capability", capability, "name", "MCP refused " + capability, "version", "1", "costPerCall", 0,
							"expectedLatencyMillis", 1500, "quality", 0.8, "llm", Map.of("connection", "beta", "model", "m",
									"prompt", PROMPT, "outputSchema", Map.of("type", "object"), "fallback", fallback))));
			assertThat(refused.isError()).isTrue();
			assertThat(((McpSchema.TextContent) refused.content().get(0)).text()).contains("llm.prompt").contains("llm.outputSchema");
		}
		finally {
			client.closeGracefully();
		}
	}
}
