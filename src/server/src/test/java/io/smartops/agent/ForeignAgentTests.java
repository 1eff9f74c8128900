package io.smartops.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.smartops.SmartOpsTest;

/**
 * A foreign agent as a solution architect writes one in any language: it registers over REST,
 * serves its topic with nothing but the engine's external-task REST API (fetchAndLock, complete)
 * over plain HTTP, reports its call, and its scorecard shows it.
 */
@SmartOpsTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForeignAgentTests {

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

	final HttpClient http = HttpClient.newHttpClient();
	final ObjectMapper json = new ObjectMapper();

	@BeforeAll
	void deploy() {
		repository.createDeployment().addClasspathResource("bpmn/agent-routing-check.bpmn").enableDuplicateFiltering(true)
			.deploy();
	}

	HttpResponse<String> call(String method, String path, String body) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes()))
			.header("Content-Type", "application/json");
		b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
				: b.method(method, HttpRequest.BodyPublishers.ofString(body));
		return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void aForeignAgentRegistersServesItsTopicOverPlainHttpAndShowsOnItsScorecard() throws Exception {
		String cap = "foreign-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> registered = call("POST", "/smartops/api/agents", """
				{"capability":"%s","name":"Python scorer %s","version":"2.1","costPerCall":0.004,
				 "expectedLatencyMillis":120,"quality":0.91}""".formatted(cap, cap));
		assertThat(registered.statusCode()).isEqualTo(201);
		JsonNode agent = json.readTree(registered.body());
		String topic = agent.get("topic").asText();

		ProcessInstance pi = runtime.startProcessInstanceByKey("agent-routing-check",
				Map.of("capability", cap, "companyName", "Initech", "secret", "salary data"));
		management.executeJob(management.createJobQuery().processInstanceId(pi.getId()).singleResult().getId());

		// the foreign worker: fetch and lock its topic, asking only for the variable it needs
		HttpResponse<String> fetched = call("POST", "/engine-rest/external-task/fetchAndLock", """
				{"workerId":"python-worker","maxTasks":1,"asyncResponseTimeout":5000,
				 "topics":[{"topicName":"%s","lockDuration":10000,"variables":["companyName"]}]}""".formatted(topic));
		JsonNode task = json.readTree(fetched.body()).get(0);
		assertThat(task.get("variables").get("companyName").get("value").asText()).isEqualTo("Initech");
		assertThat(task.get("variables").has("secret")).isFalse();
		String taskId = task.get("id").asText();

		HttpResponse<String> completed = call("POST", "/engine-rest/external-task/" + taskId + "/complete", """
				{"workerId":"python-worker","variables":{"score":{"value":0.66,"type":"Double"}}}""");
		assertThat(completed.statusCode()).isEqualTo(204);
		HttpResponse<String> reported = call("POST", "/smartops/api/agent-calls", """
				{"agentId":"%s","externalTaskId":"%s","processInstanceId":"%s","activityId":"Task_ScoreWithAgent",
				 "workerId":"python-worker","startedAt":"%s","latencyMillis":95,"outcome":"COMPLETED","confidence":0.7,
				 "model":"sklearn-gbm","modelCalls":0,"promptTokens":0,"completionTokens":0}"""
			.formatted(agent.get("id").asText(), taskId, pi.getId(), Instant.now()));
		assertThat(reported.statusCode()).isEqualTo(201);

		assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).finished().count()).isOne();
		JsonNode scorecard = json.readTree(call("GET", "/smartops/api/agents/" + agent.get("id").asText() + "/scorecard", null)
			.body());
		assertThat(scorecard.get("calls").asLong()).isEqualTo(1);
		assertThat(scorecard.get("outcomes").get("COMPLETED").asLong()).isEqualTo(1);
		assertThat(scorecard.get("totalCost").asDouble()).isEqualTo(0.004);
		assertThat(scorecard.get("latencyP95Millis").asLong()).isEqualTo(95);
		JsonNode audit = json.readTree(call("GET", "/smartops/api/agent-calls?processInstanceId=" + pi.getId(), null).body());
		assertThat(audit).hasSize(1);
		assertThat(audit.get(0).get("model").asText()).isEqualTo("sklearn-gbm");
	}

	@Test
	void aCallReportWithBadFieldsIsRefusedNamingEachAndNothingIsStored() throws Exception {
		HttpResponse<String> r = call("POST", "/smartops/api/agent-calls", """
				{"agentId":"no-such-agent","latencyMillis":-5,"confidence":1.5,"processInstanceId":"pi-bad"}""");
		assertThat(r.statusCode()).isEqualTo(400);
		JsonNode fields = json.readTree(r.body()).get("fields");
		assertThat(fields.get("latencyMillis").asText()).contains("-5");
		assertThat(fields.get("confidence").asText()).contains("outside [0, 1]");
		assertThat(fields.has("outcome")).isTrue();
		assertThat(fields.has("startedAt")).isTrue();
		// a report within its bounds about an agent the library does not know
		HttpResponse<String> unknown = call("POST", "/smartops/api/agent-calls", """
				{"agentId":"no-such-agent","latencyMillis":5,"outcome":"COMPLETED","startedAt":"2026-12-01T10:00:00Z",
				 "processInstanceId":"pi-bad"}""");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(json.readTree(unknown.body()).get("fields").get("agentId").asText())
			.contains("no agent with id no-such-agent");
		assertThat(json.readTree(call("GET", "/smartops/api/agent-calls?processInstanceId=pi-bad", null).body())).isEmpty();
	}

	@Test
	void theAuditListNeedsExactlyOneFilterAndScorecardsOfUnknownAgentsAre404() throws Exception {
		assertThat(call("GET", "/smartops/api/agent-calls", null).statusCode()).isEqualTo(400);
		assertThat(call("GET", "/smartops/api/agents/nobody/scorecard", null).statusCode()).isEqualTo(404);
	}
}
