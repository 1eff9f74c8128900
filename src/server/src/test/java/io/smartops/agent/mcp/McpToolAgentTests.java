package io.smartops.agent.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;


import io.smartops.SmartOpsTest;
import io.smartops.support.Api;
import io.smartops.support.McpToolWorkers;
import io.smartops.support.ToolServer;

/**
 * An MCP tool as an agent, end to end: registered over REST with its server, tool and mappings, it
 * is picked by the router for a task of a real process, called by workers serving the library's
 * MCP-tool agents as the in-server workers do (io.smartops.agent.worker.DeclaredAgentServing) with
 * only its declared inputs, completes the task with the mapped result fields, and its call is
 * audited and priced like every agent's; guardrails and bad registrations as for every agent.
 */
@SmartOpsTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpToolAgentTests {

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
	ExternalTaskService externalTasks;


	ToolServer tools;

	@BeforeAll
	void start() throws Exception {
		repository.createDeployment().addClasspathResource("bpmn/agent-routing-check.bpmn").enableDuplicateFiltering(true)
			.deploy();
		tools = new ToolServer(new ToolServer.Tool("company_profile", """
				{"type":"object","required":["domain"],"properties":{"domain":{"type":"string"}}}""",
				args -> Map.of("industry", "Aerospace", "profile", "Registry entry of " + args.get("domain"))),
				new ToolServer.Tool("lookup_company", """
				{"type":"object","required":["domain"],"properties":{"domain":{"type":"string"}}}""", args -> {
			if ("broken.example".equals(args.get("domain"))) {
				throw new IllegalArgumentException("no registry entry for broken.example");
			}
			return Map.of("industry", "Software", "employees", 120, "confidence", 0.92);
		}));
		workers = new McpToolWorkers(context, port, "mcp-test-workers");
	}

	@AfterAll
	void stop() throws Exception {
		workers.close();
		tools.close();
	}

	Api api() {
		return new Api(port);
	}

	String register(String capability) {
		Api.Response r = api().post("/smartops/api/agents", """
				{"capability":"%s","name":"Company registry %s","version":"1","costPerCall":0.003,
				 "expectedLatencyMillis":200,"quality":0.9,
				 "mcp":{"serverUrl":"%s","tool":"lookup_company","arguments":{"domain":"emailDomain"},
				        "outputs":{"industry":"industry","employeeCount":"employees"},"confidence":"confidence"}}"""
			.formatted(capability, capability, tools.url()));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().path("id").asText();
	}

	ProcessInstance route(String capability, String domain, Map<String, Object> more) {
		Map<String, Object> variables = new java.util.HashMap<>(Map.of("capability", capability, "emailDomain", domain,
				"secret", "salary data"));
		variables.putAll(more);
		ProcessInstance pi = runtime.startProcessInstanceByKey("agent-routing-check", variables);
		management.executeJob(management.createJobQuery().processInstanceId(pi.getId()).singleResult().getId());
		return pi;
	}

	static void await(BooleanSupplier condition, String what) throws InterruptedException {
		Instant until = Instant.now().plus(Duration.ofSeconds(30));
		while (!condition.getAsBoolean()) {
			assertThat(Instant.now()).as(what).isBefore(until);
			Thread.sleep(100);
		}
	}

	@Test
	void anMcpToolServesARoutedTaskWithOnlyItsDeclaredInputsAndItsCallIsAuditedAndPriced() throws Exception {
		String capability = "company-lookup-" + UUID.randomUUID().toString().substring(0, 6);
		String agentId = register(capability);
		JsonNode listed = api().get("/smartops/api/agents").json();
		JsonNode view = java.util.stream.StreamSupport.stream(listed.spliterator(), false)
			.filter(a -> a.path("id").asText().equals(agentId)).findFirst().orElseThrow();
		assertThat(view.path("kind").asText()).isEqualTo("MCP_TOOL");
		assertThat(view.path("inputs").toString()).isEqualTo("[\"emailDomain\"]");
		assertThat(view.path("mcp").path("tool").asText()).isEqualTo("lookup_company");

		ProcessInstance pi = route(capability, "initech.example", Map.of());
		await(() -> history.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).finished().count() == 1,
				"the routed task is completed by the MCP tool");

		assertThat(tools.calls).containsExactly(Map.of("domain", "initech.example"));
		Map<String, Object> variables = Map.of("industry", "Software", "employeeCount", 120, "agentConfidence", 0.92);
		variables.forEach((name, value) -> assertThat(history.createHistoricVariableInstanceQuery()
			.processInstanceId(pi.getId()).variableName(name).singleResult().getValue()).as(name).isEqualTo(value));

		await(() -> api().get("/smartops/api/agent-calls?processInstanceId=" + pi.getId()).json().size() == 1,
				"the call is audited");
		JsonNode audit = api().get("/smartops/api/agent-calls?processInstanceId=" + pi.getId()).json();
		assertThat(audit).hasSize(1);
		assertThat(audit.get(0).path("agentId").asText()).isEqualTo(agentId);
		assertThat(audit.get(0).path("outcome").asText()).isEqualTo("COMPLETED");
		assertThat(audit.get(0).path("model").asText()).isEqualTo("mcp:lookup_company@" + tools.url());
		assertThat(audit.get(0).path("prompt").asText()).isEqualTo("{\"domain\":\"initech.example\"}");
		assertThat(audit.get(0).path("confidence").asDouble()).isEqualTo(0.92);
		JsonNode scorecard = api().get("/smartops/api/agents/" + agentId + "/scorecard").json();
		assertThat(scorecard.path("calls").asLong()).isEqualTo(1);
		assertThat(scorecard.path("totalCost").asDouble()).isEqualTo(0.003);
	}

	@Test
	void anMcpToolEnrichesTheCompanyOfARealLeadInTheSalesProcess() throws Exception {
		Api.Response registered = api().post("/smartops/api/agents", """
				{"capability":"company-enrichment","name":"Company registry over MCP","version":"1",
				 "costPerCall":0.00005,"expectedLatencyMillis":100,"quality":0.95,"stage":"ACTIVE",
				 "mcp":{"serverUrl":"%s","tool":"company_profile","arguments":{"domain":"emailDomain"},
				        "outputs":{"industry":"industry","companyProfile":"profile"}}}""".formatted(tools.url()));
		assertThat(registered.status()).as(registered.body()).isEqualTo(201);
		String agentId = registered.json().path("id").asText();
		try {
			Api.Response lead = api().post("/smartops/api/leads", """
					{"companyName":"Vandelay Industries","contactName":"Art Vandelay","email":"art@vandelay.example",
					 "country":"US","employees":300,"source":"referral"}""");
			assertThat(lead.status()).as(lead.body()).isEqualTo(201);
			String pi = lead.json().path("processInstanceId").asText();
			await(() -> {
				management.createJobQuery().processInstanceId(pi).activityId("Task_EnrichCompany").executable().list().stream()
					.filter(j -> j.getRetries() > 0)
					.forEach(j -> management.executeJob(j.getId()));
				return history.createHistoricVariableInstanceQuery().processInstanceId(pi).variableName("companyProfile")
					.count() == 1;
			}, "the MCP tool enriches the lead");
			assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pi).variableName("industry")
				.singleResult().getValue()).isEqualTo("Aerospace");
			assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pi).variableName("companyProfile")
				.singleResult().getValue()).isEqualTo("Registry entry of vandelay.example");
			await(() -> api().get("/smartops/api/agent-calls?processInstanceId=" + pi).json().toString().contains(agentId),
					"the call is audited");
			JsonNode audit = api().get("/smartops/api/agent-calls?processInstanceId=" + pi).json();
			JsonNode enrichment = java.util.stream.StreamSupport.stream(audit.spliterator(), false)
				.filter(c -> c.path("agentId").asText().equals(agentId)).findFirst().orElseThrow();
			assertThat(enrichment.path("activityId").asText()).isEqualTo("Task_EnrichCompany");
			assertThat(enrichment.path("cost").asDouble()).isEqualTo(0.00005);
			// the workers may still be finishing the enrichment
			await(() -> {
				try {
					runtime.deleteProcessInstance(pi, "test done");
					return true;
				}
				catch (org.camunda.bpm.engine.OptimisticLockingException busy) {
					return false;
				}
			}, "the lead's instance is deleted");
		}
		finally {
			// the sales process's other tests expect the built-in enricher
			api().send("PATCH", "/smartops/api/agents/" + agentId, "{\"status\":\"DEPRECATED\"}");
		}
	}

	@Test
	void aToolErrorFailsTheCallWithTheToolsMessageAndTheFailureIsAudited() throws Exception {
		String capability = "company-lookup-" + UUID.randomUUID().toString().substring(0, 6);
		register(capability);
		ProcessInstance pi = route(capability, "broken.example", Map.of());
		await(() -> externalTasks.createExternalTaskQuery().processInstanceId(pi.getId()).singleResult() != null
				&& externalTasks.createExternalTaskQuery().processInstanceId(pi.getId()).singleResult().getErrorMessage() != null,
				"the failure is reported");
		assertThat(externalTasks.createExternalTaskQuery().processInstanceId(pi.getId()).singleResult().getErrorMessage())
			.contains("tool lookup_company answered an error: no registry entry for broken.example");
		await(() -> api().get("/smartops/api/agent-calls?processInstanceId=" + pi.getId()).json().size() == 1,
				"the failed call is audited");
		assertThat(api().get("/smartops/api/agent-calls?processInstanceId=" + pi.getId()).json().get(0).path("outcome").asText())
			.isEqualTo("FAILURE");
		runtime.deleteProcessInstance(pi.getId(), "test done");
	}

	@Test
	void theInstanceBudgetAndTheConfidenceFloorGuardAnMcpToolAgentLikeAnyOther() throws Exception {
		String capability = "company-lookup-" + UUID.randomUUID().toString().substring(0, 6);
		register(capability);
		assertThatThrownBy(() -> route(capability, "initech.example", Map.of("agentCostBudget", 0.001)))
			.hasMessageContaining(capability);

		ProcessInstance unsure = route(capability, "initech.example", Map.of("confidenceFloor", 0.95));
		await(() -> history.createHistoricProcessInstanceQuery().processInstanceId(unsure.getId()).finished().count() == 1,
				"the low-confidence answer ends the task with the BPMN error");
		// the worker reports the call after it has answered the engine
		await(() -> api().get("/smartops/api/agent-calls?processInstanceId=" + unsure.getId()).json().size() == 1,
				"the call is audited");
		JsonNode audit = api().get("/smartops/api/agent-calls?processInstanceId=" + unsure.getId()).json();
		assertThat(audit.get(0).path("outcome").asText()).isEqualTo("LOW_CONFIDENCE");
	}

	@Test
	void aRegistrationWithABadBindingNamesEachFieldAndRegistersNothing() {
		int before = api().get("/smartops/api/agents").json().size();
		Api.Response r = api().post("/smartops/api/agents", """
				{"capability":"company-lookup","name":"Broken binding","version":"1","costPerCall":0.003,
				 "expectedLatencyMillis":200,"quality":0.9,
				 "mcp":{"serverUrl":"ftp://tools","tool":"look up","arguments":{"domain":"email-domain"},"outputs":{}}}""");
		assertThat(r.status()).isEqualTo(400);
		JsonNode fields = r.json().path("fields");
		assertThat(fields.path("mcp.serverUrl").asText()).contains("is not an http(s) URL");
		assertThat(fields.path("mcp.tool").asText()).contains("is not a tool name");
		assertThat(fields.path("mcp.arguments.domain").asText()).contains("is not a process variable name");
		assertThat(fields.path("mcp.outputs").asText()).contains("name at least one output variable");
		assertThat(api().get("/smartops/api/agents").json().size()).isEqualTo(before);
	}
}
