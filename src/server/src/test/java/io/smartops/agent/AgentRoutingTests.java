package io.smartops.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smartops.SmartOpsTest;

/** Per-task-instance routing through the real engine and the real external-task REST API. */
@SmartOpsTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentRoutingTests {

	@LocalServerPort
	int port;

	@Autowired
	RepositoryService repository;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	ExternalTaskService externalTasks;

	@Autowired
	AgentLibrary library;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	void deploy() {
		repository.createDeployment().addClasspathResource("bpmn/agent-routing-check.bpmn").enableDuplicateFiltering(true)
			.deploy();
	}

	String capability() {
		return "cap-" + UUID.randomUUID().toString().substring(0, 8);
	}

	Agent register(String capability, String name, double cost, double quality) {
		return library.registerForeign(new AgentLibrary.Registration(capability, name, "1", cost, 100L, quality).at(AgentStatus.ACTIVE));
	}

	ProcessInstance start(String capability, Map<String, Object> extra) {
		Map<String, Object> vars = new java.util.HashMap<>(extra);
		vars.put("capability", capability);
		ProcessInstance pi = runtime.startProcessInstanceByKey("agent-routing-check", vars);
		Job job = management.createJobQuery().processInstanceId(pi.getId()).singleResult();
		management.executeJob(job.getId());
		return pi;
	}

	int fetchCount(String topic) throws Exception {
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
				+ "/engine-rest/external-task/fetchAndLock"))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes()))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"workerId\":\"w\",\"maxTasks\":5,\"topics\":[{\"topicName\":\""
					+ topic + "\",\"lockDuration\":10000}]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(200);
		return new ObjectMapper().readTree(r.body()).size();
	}

	@Test
	void onlyTheChosenAgentsWorkerReceivesTheTask() throws Exception {
		String cap = capability();
		Agent pricey = register(cap, "Pricey " + cap, 0.05, 0.95);
		Agent cheap = register(cap, "Cheap " + cap, 0.001, 0.85);
		Agent weak = register(cap, "Weak " + cap, 0.0001, 0.5);

		ProcessInstance pi = start(cap, Map.of());

		ExternalTask task = externalTasks.createExternalTaskQuery().processInstanceId(pi.getId()).singleResult();
		assertThat(task.getTopicName()).isEqualTo(cheap.getTopic());
		assertThat(runtime.getVariableLocal(task.getExecutionId(), AgentRouter.VAR_AGENT_ID)).isEqualTo(cheap.getId());
		assertThat((String) runtime.getVariableLocal(task.getExecutionId(), AgentRouter.VAR_AGENT_SELECTION))
			.contains("cheapest qualifying agent").contains("2 of 3 qualified");
		assertThat(fetchCount(weak.getTopic())).isZero();
		assertThat(fetchCount(pricey.getTopic())).isZero();
		assertThat(fetchCount(cheap.getTopic())).isEqualTo(1);
	}

	@Test
	void theTasksQualityFloorComesFromItsInputParameter() {
		String cap = capability();
		register(cap, "Cheap " + cap, 0.001, 0.85);
		Agent best = register(cap, "Best " + cap, 0.05, 0.97);

		ProcessInstance pi = start(cap, Map.of("floor", 0.9));

		assertThat(externalTasks.createExternalTaskQuery().processInstanceId(pi.getId()).singleResult().getTopicName())
			.isEqualTo(best.getTopic());
	}

	@Test
	void whenNoAgentCanServeTheStepFailsWithTheReasonAndBecomesAnIncident() {
		String cap = capability();
		Agent gone = register(cap, "Gone " + cap, 0.001, 0.99);
		library.changeStatus(gone.getId(), AgentStatus.DEPRECATED);
		ProcessInstance pi = runtime.startProcessInstanceByKey("agent-routing-check", Map.of("capability", cap));
		Job job = management.createJobQuery().processInstanceId(pi.getId()).singleResult();
		management.setJobRetries(job.getId(), 1);

		assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("no agent qualifies for capability " + cap);

		Incident incident = runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
		assertThat(incident).isNotNull();
		assertThat(incident.getIncidentMessage()).contains("status DEPRECATED");
	}

	@Test
	void whenMeasuredQualityAloneKeepsEveryAgentOutTheBestServesAndTheReasonSaysSo() {
		String cap = capability();
		Agent drifting = register(cap, "Drifting " + cap, 0.001, 0.9);
		Agent better = register(cap, "Better " + cap, 0.01, 0.85);
		judge(drifting, 30, 0);
		judge(better, 30, 18);

		ProcessInstance pi = start(cap, Map.of());

		ExternalTask task = externalTasks.createExternalTaskQuery().processInstanceId(pi.getId()).singleResult();
		assertThat(task.getTopicName()).isEqualTo(better.getTopic());
		assertThat((String) runtime.getVariableLocal(task.getExecutionId(), AgentRouter.VAR_AGENT_SELECTION))
			.contains("no agent of " + cap + " meets the quality floor 0.80")
			.contains("the best, " + better.getId() + " at quality 0.700, serves");
	}

	@Test
	void selectionUsesTheMeasuredQuality() {
		String cap = capability();
		Agent cheapButWrong = register(cap, "Cheap but wrong " + cap, 0.001, 0.95);
		Agent dearButRight = register(cap, "Dear but right " + cap, 0.05, 0.85);
		judge(cheapButWrong, 40, 10);
		judge(dearButRight, 40, 40);
		ProcessInstance pi = start(cap, Map.of());
		assertThat(externalTasks.createExternalTaskQuery().processInstanceId(pi.getId()).singleResult().getTopicName())
			.isEqualTo(dearButRight.getTopic());
		assertThat(library.find(cheapButWrong.getId()).orElseThrow().getQualityEvidence()).isEqualTo(40);
	}

	@Autowired
	AgentTelemetry telemetry;

	@Autowired
	AgentQuality quality;

	/** {@code calls} calls of the agent, {@code right} of them right by the ground truth. */
	void judge(Agent agent, int calls, int right) {
		for (int i = 0; i < calls; i++) {
			telemetry.record(new AgentCallReport(agent.getId(), null, null, null, "test", java.time.Instant.now(), 5,
					AgentCall.Outcome.COMPLETED, null, null, 0, 0, 0, null, null, null, null, Map.of("score", 0.9)));
			AgentCall call = telemetry.callsOfAgent(agent.getId()).get(i);
			quality.groundTruth(call.getId(), new AgentQuality.GroundTruth(i < right, null));
		}
	}
}
