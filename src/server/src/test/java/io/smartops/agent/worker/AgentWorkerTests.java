package io.smartops.agent.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.smartops.SmartOpsTest;
import io.smartops.agent.Agent;
import io.smartops.agent.AgentBusinessError;
import io.smartops.agent.AgentStatus;
import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentOutput;
import io.smartops.agent.AgentCall;
import io.smartops.agent.AgentTelemetry;

/**
 * Agent workers on Camunda's external-task client against the server's real REST API (random
 * port, HTTP basic): routing, input guardrail, retries with backoff, incidents, BPMN errors.
 */
@SmartOpsTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentWorkerTests {

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

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
	AgentLibrary library;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	@Autowired
	AgentTelemetry telemetry;

	@BeforeAll
	void deploy() {
		repository.createDeployment().addClasspathResource("bpmn/agent-routing-check.bpmn").enableDuplicateFiltering(true)
			.deploy();
	}

	/** A handler that records what it was given and answers with the given behaviour. */
	static final class Recording implements AgentHandler {

		final String id;
		final List<Map<String, Object>> calls = new CopyOnWriteArrayList<>();
		final java.util.function.Function<Map<String, Object>, AgentOutput> behaviour;

		Recording(String id, java.util.function.Function<Map<String, Object>, AgentOutput> behaviour) {
			this.id = id;
			this.behaviour = behaviour;
		}

		@Override
		public String agentId() {
			return id;
		}

		@Override
		public List<String> inputs() {
			return List.of("companyName");
		}

		@Override
		public AgentOutput handle(Map<String, Object> inputs) {
			calls.add(inputs);
			return behaviour.apply(inputs);
		}
	}

	AgentWorkers workers(RetryPolicy retries, AgentHandler... handlers) {
		return new AgentWorkers(new AgentWorkers.Settings("http://localhost:" + port + "/engine-rest", "demo", "demo",
				"test-worker-" + UUID.randomUUID(), 10_000, 1_000, retries), List.of(handlers),
				id -> library.find(id).orElseThrow().getTopic(), meters, telemetry);
	}

	String capability() {
		return "cap-" + UUID.randomUUID().toString().substring(0, 8);
	}

	Agent register(String capability, String name, double cost) {
		return library.registerForeign(new AgentLibrary.Registration(capability, name, "1", cost, 50L, 0.9).at(AgentStatus.ACTIVE));
	}

	ProcessInstance start(String capability) {
		return start(capability, Map.of());
	}

	ProcessInstance start(String capability, Map<String, Object> extra) {
		Map<String, Object> variables = new java.util.HashMap<>(
				Map.of("capability", capability, "companyName", "Acme", "secret", "salary data"));
		variables.putAll(extra);
		ProcessInstance pi = runtime.startProcessInstanceByKey("agent-routing-check", variables);
		String job = management.createJobQuery().processInstanceId(pi.getId()).singleResult().getId();
		try {
			management.executeJob(job);
		}
		catch (org.camunda.bpm.engine.ProcessEngineException e) {
			// no agent qualified: the job keeps its failure (and becomes an incident when retries run out)
		}
		return pi;
	}

	String chosenAgent(ProcessInstance pi) {
		return (String) history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName("agentId")
			.singleResult().getValue();
	}

	boolean ended(ProcessInstance pi) {
		return history.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).finished().count() == 1;
	}

	@Test
	void onlyTheChosenAgentWorksTheTaskAndSeesOnlyItsDeclaredInputs() {
		String cap = capability();
		Agent cheap = register(cap, "Cheap " + cap, 0.001);
		Agent dear = register(cap, "Dear " + cap, 0.5);
		Recording chosen = new Recording(cheap.getId(), in -> AgentOutput.of(Map.of("score", 0.9)));
		Recording other = new Recording(dear.getId(), in -> AgentOutput.of(Map.of("score", 0.1)));
		try (AgentWorkers w = workers(new RetryPolicy(3, 100), chosen, other)) {
			ProcessInstance pi = start(cap);
			await().atMost(Duration.ofSeconds(20)).until(() -> ended(pi));
		}
		assertThat(chosen.calls).singleElement().isEqualTo(Map.of("companyName", "Acme"));
		assertThat(other.calls).isEmpty();
	}

	@Test
	void aCallReportedAfterTheTaskCompletedStillGivesTheTaskItsWorkingTimeCostAndAgent() {
		String cap = capability();
		Agent agent = register(cap, "Timed " + cap, 0.25);
		Recording timed = new Recording(agent.getId(), in -> {
			long until = System.nanoTime() + 120_000_000L;
			while (System.nanoTime() < until) {
				Thread.onSpinWait();
			}
			return AgentOutput.of(Map.of("score", 0.9));
		});
		try (AgentWorkers w = workers(new RetryPolicy(3, 100), timed)) {
			ProcessInstance pi = start(cap);
			await().atMost(Duration.ofSeconds(20)).until(() -> ended(pi));
			await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("select count(*) from"
					+ " smartops_task_execution where process_instance_id = ? and cost is not null", Long.class,
					pi.getId()) == 1);
			Map<String, Object> row = jdbc.queryForMap("select working_millis, duration_millis, cost, executor_id"
					+ " from smartops_task_execution where process_instance_id = ? and activity_id = 'Task_ScoreWithAgent'",
					pi.getId());
			assertThat(((Number) row.get("working_millis")).longValue()).isBetween(100L,
					((Number) row.get("duration_millis")).longValue());
			assertThat(((Number) row.get("cost")).doubleValue()).isEqualTo(0.25);
			assertThat(row.get("executor_id")).isEqualTo(agent.getId());
		}
	}

	@Test
	void aFailingAgentIsRetriedWithBackoffThenRaisesAnIncident() {
		String cap = capability();
		Agent agent = register(cap, "Flaky " + cap, 0.001);
		AtomicInteger attempts = new AtomicInteger();
		Recording flaky = new Recording(agent.getId(), in -> {
			attempts.incrementAndGet();
			throw new IllegalStateException("model endpoint down");
		});
		ProcessInstance pi;
		try (AgentWorkers w = workers(new RetryPolicy(2, 200), flaky)) {
			pi = start(cap);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> runtime.createIncidentQuery().processInstanceId(pi.getId()).count() == 1);
		}
		assertThat(attempts.get()).isEqualTo(2);
		Incident incident = runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
		assertThat(incident.getIncidentMessage()).isEqualTo(agent.getId() + ": model endpoint down");
	}

	@Test
	void aBusinessOutcomeIsReportedAsABpmnError() {
		String cap = capability();
		Agent agent = register(cap, "Picky " + cap, 0.001);
		Recording picky = new Recording(agent.getId(), in -> {
			throw new AgentBusinessError("NoProfileFound", "no profile for Acme");
		});
		try (AgentWorkers w = workers(new RetryPolicy(3, 100), picky)) {
			ProcessInstance pi = start(cap);
			// no boundary event catches it in this process: the activity just ends
			await().atMost(Duration.ofSeconds(20)).until(() -> ended(pi));
			assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
		}
		assertThat(picky.calls).hasSize(1);
	}

	@Test
	void repeatedFailuresOpenTheCircuitBreakerAndTheNextAgentIsChosen() {
		String cap = capability();
		Agent flakyAgent = register(cap, "Broken " + cap, 0.001);
		Agent steady = register(cap, "Steady " + cap, 0.01);
		Recording broken = new Recording(flakyAgent.getId(), in -> {
			throw new IllegalStateException("model endpoint down");
		});
		Recording good = new Recording(steady.getId(), in -> AgentOutput.of(Map.of("score", 0.7)));
		try (AgentWorkers w = workers(new RetryPolicy(3, 100), broken, good)) {
			ProcessInstance first = start(cap);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> runtime.createIncidentQuery().processInstanceId(first.getId()).count() == 1);
			// the worker reports the call after it reported the failure
			await().atMost(Duration.ofSeconds(10)).until(() -> telemetry.circuitOpen(flakyAgent.getId()));
			ProcessInstance second = start(cap);
			await().atMost(Duration.ofSeconds(20)).until(() -> ended(second));
			assertThat(chosenAgent(second)).isEqualTo(steady.getId());
		}
		assertThat(telemetry.callsOfAgent(flakyAgent.getId())).hasSize(3)
			.allSatisfy(c -> assertThat(c.getOutcome()).isEqualTo(AgentCall.Outcome.FAILURE));
	}

	@Test
	void anAgentOverItsDailyBudgetIsSkippedForTheNextCheapest() {
		String cap = capability();
		Agent limited = library.registerForeign(
				new AgentLibrary.Registration(cap, "Limited " + cap, "1", 0.001, 50L, 0.9, 1L, null, null));
		Agent spare = register(cap, "Spare " + cap, 0.02);
		Recording a = new Recording(limited.getId(), in -> AgentOutput.of(Map.of("score", 0.5)));
		Recording b = new Recording(spare.getId(), in -> AgentOutput.of(Map.of("score", 0.5)));
		try (AgentWorkers w = workers(new RetryPolicy(3, 100), a, b)) {
			ProcessInstance first = start(cap);
			await().atMost(Duration.ofSeconds(20)).until(() -> ended(first));
			// the worker reports the call after it completed the task
			await().atMost(Duration.ofSeconds(10)).until(() -> telemetry.callsOfAgent(limited.getId()).size() == 1);
			ProcessInstance second = start(cap);
			await().atMost(Duration.ofSeconds(20)).until(() -> ended(second));
			assertThat(chosenAgent(first)).isEqualTo(limited.getId());
			assertThat(chosenAgent(second)).isEqualTo(spare.getId());
		}
	}

	@Test
	void theProcessInstanceBudgetFallsBackToACheaperAgentElseRaisesAnIncidentNamingIt() {
		String cap = capability();
		Agent cheap = library.registerForeign(new AgentLibrary.Registration(cap, "Cheap " + cap, "1", 0.05, 50L, 0.85));
		Agent best = library.registerForeign(new AgentLibrary.Registration(cap, "Best " + cap, "1", 0.4, 50L, 0.99).at(AgentStatus.ACTIVE));
		Recording c = new Recording(cheap.getId(), in -> AgentOutput.of(Map.of("score", 0.5)));
		Recording b = new Recording(best.getId(), in -> AgentOutput.of(Map.of("score", 0.5)));
		try (AgentWorkers w = workers(new RetryPolicy(3, 100), c, b)) {
			// the floor 0.9 admits only the best agent, which the budget 0.1 cannot pay for
			ProcessInstance tight = start(cap, Map.of("floor", 0.9, "agentCostBudget", 0.1));
			assertThat(management.createJobQuery().processInstanceId(tight.getId()).singleResult().getExceptionMessage())
				.contains("above the process instance's remaining budget");
			// with a floor the cheap agent meets, the budget routes to it
			ProcessInstance fits = start(cap, Map.of("floor", 0.8, "agentCostBudget", 0.1));
			await().atMost(Duration.ofSeconds(20)).until(() -> ended(fits));
			assertThat(chosenAgent(fits)).isEqualTo(cheap.getId());
			// the worker reports the call after it completed the task
			await().atMost(Duration.ofSeconds(10)).until(() -> telemetry.costOfProcessInstance(fits.getId()) == 0.05);
		}
	}

	@Test
	void everyCallIsAuditedWithItsTaskInstanceLatencyAndCost() {
		String cap = capability();
		Agent agent = register(cap, "Audited " + cap, 0.003);
		Recording r = new Recording(agent.getId(), in -> new AgentOutput(Map.of("score", 0.5), 0.8));
		ProcessInstance pi;
		try (AgentWorkers w = workers(new RetryPolicy(3, 100), r)) {
			pi = start(cap);
			await().atMost(Duration.ofSeconds(20)).until(() -> ended(pi));
		}
		assertThat(telemetry.callsOfProcessInstance(pi.getId())).singleElement().satisfies(c -> {
			assertThat(c.getAgentId()).isEqualTo(agent.getId());
			assertThat(c.getAgentVersion()).isEqualTo("1");
			assertThat(c.getActivityId()).isEqualTo("Task_ScoreWithAgent");
			assertThat(c.getExternalTaskId()).isNotBlank();
			assertThat(c.getCost()).isEqualTo(0.003);
			assertThat(c.getConfidence()).isEqualTo(0.8);
			assertThat(c.getOutcome()).isEqualTo(AgentCall.Outcome.COMPLETED);
			assertThat(c.getLatencyMillis()).isGreaterThanOrEqualTo(0);
		});
	}

	@Test
	void aLongCallKeepsItsLockSoNoOtherWorkerRunsTheTaskAgain() {
		String cap = capability();
		Agent agent = register(cap, "Slow " + cap, 0.001);
		Recording slow = new Recording(agent.getId(), in -> {
			try {
				Thread.sleep(7_000);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			return AgentOutput.of(Map.of("score", 0.4));
		});
		// two clients polling the same topic, locks of three seconds: without extension the second
		// client would fetch the task again while the first is still working
		try (AgentWorkers w = new AgentWorkers(new AgentWorkers.Settings("http://localhost:" + port + "/engine-rest", "demo",
				"demo", "slow-" + UUID.randomUUID(), 3_000, 500, new RetryPolicy(3, 100), 2), List.of(slow),
				id -> library.find(id).orElseThrow().getTopic(), meters, telemetry)) {
			ProcessInstance pi = start(cap);
			await().atMost(Duration.ofSeconds(30)).until(() -> ended(pi));
		}
		assertThat(slow.calls).hasSize(1);
	}
}
