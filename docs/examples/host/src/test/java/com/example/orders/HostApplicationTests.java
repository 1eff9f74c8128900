package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The orders application with Smart Ops added as one dependency, tested as its team would: its own
 * API and security answer as before, its own migration ran, its agent tasks are routed and served
 * (by a built-in agent inside the application and by a foreign agent over the engine's REST API),
 * and its process shows in Smart Ops' insights; what it did not switch on is not there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1", "orders.clerk.password=clerk-test-password",
		"camunda.bpm.admin-user.password=admin-test-password" })
class HostApplicationTests {

	static final String PASSWORD = "test-password";

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identity;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	ExternalTaskService externalTasks;

	@Autowired
	HistoryService history;

	@Autowired
	RepositoryService repository;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ApplicationContext context;

	final HttpClient http = HttpClient.newHttpClient();
	final ObjectMapper json = new ObjectMapper();

	@BeforeEach
	void camundaUsers() {
		user("analyst", "smartops-designers");
		user("agent-admin", "smartops-agent-admins");
		user("risk-bot", "smartops-workers");
	}

	@Test
	void theApplicationsOwnApiAndSecurityAnswerAsBeforeAndItsOwnMigrationRan() throws Exception {
		assertThat(send("POST", "/api/orders", null, null, "{\"customerEmail\":\"a@b.example\",\"amount\":5}")
			.statusCode()).isEqualTo(401);
		assertThat(send("POST", "/api/orders", "clerk", "wrong", "{\"customerEmail\":\"a@b.example\",\"amount\":5}")
			.statusCode()).isEqualTo(401);
		HttpResponse<String> bad = send("POST", "/api/orders", "clerk", "clerk-test-password",
				"{\"customerEmail\":\"nobody\",\"amount\":5}");
		assertThat(bad.statusCode()).isEqualTo(400);
		HttpResponse<String> placed = placeOrder("buyer@initech.example");
		assertThat(placed.statusCode()).isEqualTo(201);
		long id = json.readTree(placed.body()).get("id").asLong();
		HttpResponse<String> read = send("GET", "/api/orders/" + id, "clerk", "clerk-test-password", null);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(json.readTree(read.body()).get("CUSTOMER_EMAIL").asText()).isEqualTo("buyer@initech.example");

		// the application's Flyway history holds its own migration and nothing of Smart Ops'
		assertThat(jdbc.queryForList("select \"script\" from \"flyway_schema_history\" where \"type\" = 'SQL'", String.class))
			.containsExactly("V1__orders.sql");
		// Smart Ops' migrations went to history tables of their own, one per capability that is on
		for (String capability : List.of("core", "agents", "insights", "simulation")) {
			assertThat(jdbc.queryForObject("select count(*) from \"smartops_" + capability
					+ "_schema_history\" where \"success\"", Integer.class)).as(capability).isPositive();
		}
		// and a capability that is off has no table
		assertThat(jdbc.queryForObject("select count(*) from information_schema.tables where lower(table_name) in"
				+ " ('smartops_planning_run', 'smartops_action_item', 'smartops_sensed_event', 'retail_product')",
				Integer.class)).isZero();
	}

	@Test
	void itsAgentTasksAreRoutedAndServedByABuiltInAgentAndByAForeignAgentAndItsProcessIsInTheInsights()
			throws Exception {
		// an agent administrator registers a foreign agent for the application's own capability
		HttpResponse<String> registered = send("POST", "/smartops/api/agents", "agent-admin", PASSWORD, """
				{"capability":"order-risk","name":"Risk model (Python)","version":"1","costPerCall":0.002,
				 "expectedLatencyMillis":200,"quality":0.85,"serviceUser":"risk-bot"}""");
		assertThat(registered.statusCode()).as(registered.body()).isIn(201, 409);
		JsonNode agent = json.readTree(send("GET", "/smartops/api/agents", "agent-admin", PASSWORD, null).body());
		JsonNode risk = null;
		for (JsonNode a : agent) {
			if ("order-risk".equals(a.get("capability").asText())) {
				risk = a;
			}
		}
		assertThat(risk).isNotNull();
		String topic = risk.get("topic").asText();

		HttpResponse<String> placed = placeOrder("buyer@globex.example");
		String instance = json.readTree(placed.body()).get("processInstanceId").asText();

		// the built-in enrichment agent, inside the application, serves "Enrich the customer"
		waitFor(() -> externalTasks.createExternalTaskQuery().processInstanceId(instance).topicName(topic).count() == 1);
		assertThat(runtime.getVariable(instance, "stockReserved")).isEqualTo(true);
		assertThat(runtime.getVariable(instance, "industry")).isNotNull();

		// the foreign agent serves "Assess the order's risk" with nothing but the engine's REST API
		HttpResponse<String> fetched = send("POST", "/engine-rest/external-task/fetchAndLock", "risk-bot", PASSWORD, """
				{"workerId":"risk-worker","maxTasks":1,"asyncResponseTimeout":5000,
				 "topics":[{"topicName":"%s","lockDuration":10000,"variables":["amount","industry"]}]}""".formatted(topic));
		assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
		JsonNode task = json.readTree(fetched.body()).get(0);
		String taskId = task.get("id").asText();
		assertThat(send("POST", "/engine-rest/external-task/" + taskId + "/complete", "risk-bot", PASSWORD, """
				{"workerId":"risk-worker","variables":{"riskScore":{"value":0.12,"type":"Double"}}}""").statusCode())
			.isEqualTo(204);
		HttpResponse<String> reported = send("POST", "/smartops/api/agent-calls", "risk-bot", PASSWORD, """
				{"agentId":"%s","externalTaskId":"%s","processInstanceId":"%s","activityId":"Task_AssessRisk",
				 "workerId":"risk-worker","startedAt":"%s","latencyMillis":80,"outcome":"COMPLETED","confidence":0.9,
				 "modelCalls":0,"promptTokens":0,"completionTokens":0}"""
			.formatted(risk.get("id").asText(), taskId, instance, Instant.now()));
		assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);

		// the person approves; the instance ends
		Task approval = tasks.createTaskQuery().processInstanceId(instance).singleResult();
		assertThat(approval.getTaskDefinitionKey()).isEqualTo("Task_ApproveOrder");
		tasks.complete(approval.getId());
		assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).finished().count()).isOne();

		// every step is recorded with who executed it
		JsonNode executions = json.readTree(send("GET", "/smartops/api/task-executions?processInstanceId=" + instance,
				"analyst", PASSWORD, null).body());
		assertThat(executions.findValuesAsText("activityId")).contains("Task_ReserveStock", "Task_EnrichCustomer",
				"Task_AssessRisk", "Task_ApproveOrder");
		assertThat(executions.findValuesAsText("executorKind")).contains("AUTOMATION", "AGENT", "HUMAN");
		// and each agent's call is audited: the built-in agent's and the foreign agent's
		JsonNode calls = json.readTree(send("GET", "/smartops/api/agent-calls?processInstanceId=" + instance,
				"agent-admin", PASSWORD, null).body());
		assertThat(calls.findValuesAsText("agentId")).contains("company-enrichment-reference", risk.get("id").asText());

		// the insights list the application's process
		HttpResponse<String> insights = send("GET", "/smartops/api/insights/processes", "analyst", PASSWORD, null);
		assertThat(insights.statusCode()).isEqualTo(200);
		assertThat(insights.body()).contains("order-fulfilment");
		assertThat(send("GET", "/smartops/api/insights/processes", null, null, null).statusCode()).isEqualTo(401);
	}

	@Test
	void theDashboardAndTheCockpitPluginComeAlongWithTheApplicationsWebApps() throws Exception {
		HttpResponse<String> dashboard = send("GET", "/smartops/dashboard/index.html", null, null, null);
		assertThat(dashboard.statusCode()).isEqualTo(200);
		assertThat(dashboard.body()).contains("/smartops/dashboard/echarts/echarts.min.js");
		assertThat(send("GET", "/smartops/dashboard/echarts/echarts.min.js", null, null, null).statusCode()).isEqualTo(200);
		// Cockpit loads the plugin's module; it draws each task's p50/p95 and executor from the insights
		HttpResponse<String> plugin = send("GET", "/camunda/api/cockpit/plugin/smartops-insights/static/app/plugin.js",
				null, null, null);
		assertThat(plugin.statusCode()).isEqualTo(200);
		assertThat(plugin.body()).contains("cockpit.processDefinition.diagram.plugin")
			.contains("/smartops/api/insights/processes/");
		// and the figures it reads for the application's own process
		HttpResponse<String> figures = send("GET", "/smartops/api/insights/processes/order-fulfilment", "analyst",
				PASSWORD, null);
		assertThat(figures.statusCode()).isEqualTo(200);
		assertThat(json.readTree(figures.body()).has("activities")).isTrue();
	}

	@Test
	void whatTheApplicationDidNotSwitchOnIsNotThere() throws Exception {
		List<String> keys = repository.createProcessDefinitionQuery().list().stream().map(d -> d.getKey()).distinct()
			.toList();
		assertThat(keys).contains("order-fulfilment", "agent-promotion", "agent-shadow-run", "process-owner-escalation")
			.doesNotContain("operating-plan-coordinator", "orchestrate-action");
		assertThat(context.getBeanNamesForType(Class.forName("io.smartops.agent.AgentRouter"))).isNotEmpty();
		for (String off : List.of("io.smartops.coordinate.PlanningRuns", "io.smartops.orchestrate.ActionLedger",
				"io.smartops.sense.SenseProperties", "io.smartops.mcp.McpTools")) {
			assertThat(context.getBeanNamesForType(Class.forName(off))).as(off).isEmpty();
		}
		assertThat(send("GET", "/smartops/api/coordinator/runs", "analyst", PASSWORD, null).statusCode()).isEqualTo(404);
		assertThat(send("POST", "/mcp", "analyst", PASSWORD, "{}").statusCode()).isIn(401, 404);
	}

	private HttpResponse<String> placeOrder(String email) throws Exception {
		return send("POST", "/api/orders", "clerk", "clerk-test-password",
				"{\"customerEmail\":\"" + email + "\",\"amount\":250.00}");
	}

	private HttpResponse<String> send(String method, String path, String user, String password, String body)
			throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/json");
		if (user != null) {
			b.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}
		b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	private void user(String id, String group) {
		if (identity.createUserQuery().userId(id).count() == 0) {
			User user = identity.newUser(id);
			user.setPassword(PASSWORD);
			identity.saveUser(user);
			identity.createMembership(id, group);
		}
	}

	private static void waitFor(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited 60 s").isLessThan(deadline);
			Thread.sleep(100);
		}
	}
}
