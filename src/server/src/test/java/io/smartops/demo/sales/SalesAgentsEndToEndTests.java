package io.smartops.demo.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.smartops.support.FormWording;
import io.smartops.SmartOpsTest;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.builtin.BuiltinAgents;
import io.smartops.agent.worker.AgentWorkers;
import io.smartops.agent.worker.RetryPolicy;
import io.smartops.core.execution.TaskExecution;
import io.smartops.core.execution.TaskExecutionRepository;

/**
 * The sales process end to end with its agents: the built-in agents' workers serve their routed
 * topics over the real REST API; the test only runs the engine's jobs (its job executor is off in
 * tests) and never completes an agent task itself.
 */
@SmartOpsTest
class SalesAgentsEndToEndTests {

	@LocalServerPort
	int port;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	TaskService tasks;

	@Autowired
	AgentLibrary library;

	@Autowired
	BuiltinAgents builtins;

	@Autowired
	io.smartops.agent.AgentTelemetry telemetry;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	@Autowired
	TaskExecutionRepository executions;

	@Test
	void aLeadReachesReviewWithEveryAgentStepDoneByItsAgent() {
		builtins.register(library);
		ProcessInstance pi;
		try (AgentWorkers workers = new AgentWorkers(new AgentWorkers.Settings("http://localhost:" + port + "/engine-rest",
				"demo", "demo", "e2e-workers", 10_000, 1_000, new RetryPolicy(3, 500)), builtins.handlers(),
				id -> library.find(id).orElseThrow().getTopic(), meters, telemetry)) {
			pi = runtime.createMessageCorrelation(SalesProcess.MESSAGE_LEAD_RECEIVED)
				.setVariables(Map.of("companyName", "Globex Corporation", "contactName", "Hank", "email",
						"hank@globex.example", "country", "DE", "employees", 5000, "source", "referral"))
				.correlateStartMessage();
			String id = pi.getId();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (Job job : management.createJobQuery().processInstanceId(id).executable().list()) {
					if (job.getDuedate() == null) {
						management.executeJob(job.getId());
					}
				}
				return tasks.createTaskQuery().processInstanceId(id).taskDefinitionKey(SalesProcess.TASK_REVIEW_PROPOSAL)
					.count() == 1;
			});
		}
		assertThat(runtime.getVariable(pi.getId(), "industry")).isEqualTo("Manufacturing");
		assertThat((Double) runtime.getVariable(pi.getId(), "leadScore")).isEqualTo(1.0);
		assertThat((String) runtime.getVariable(pi.getId(), "proposal")).startsWith("Dear Hank,").contains("Globex Corporation");
		List<TaskExecution> agentSteps = executions.findByProcessInstanceIdOrderByStartedAt(pi.getId()).stream()
			.filter(e -> e.getExecutorKind() == TaskExecution.ExecutorKind.AGENT)
			.toList();
		assertThat(agentSteps).extracting(TaskExecution::getActivityId).containsExactly(SalesProcess.TASK_ENRICH_COMPANY,
				SalesProcess.TASK_SCORE_LEAD, SalesProcess.TASK_DRAFT_PROPOSAL);
		assertThat(agentSteps).allSatisfy(e -> assertThat(e.getOutcome()).isEqualTo(TaskExecution.Outcome.COMPLETED));
		assertThat(meters.counter("smartops.agent.calls", "agent", "lead-scoring-rules", "outcome", "completed").count())
			.isGreaterThanOrEqualTo(1);
		assertThat(meters.get(io.smartops.agent.AgentStepTimers.NAME).tags("agent", "lead-scoring-rules", "step", "pickup").timer().count())
			.isGreaterThanOrEqualTo(1);
		assertThat(meters.get(io.smartops.agent.AgentStepTimers.NAME).tags("agent", "lead-scoring-rules", "step", "work").timer().count())
			.isGreaterThanOrEqualTo(1);
	}

	/** Drives the instance's async jobs until the predicate holds. */
	void runUntil(String pi, java.util.function.BooleanSupplier done) {
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			for (Job job : management.createJobQuery().processInstanceId(pi).executable().list()) {
				if (job.getDuedate() == null) {
					management.executeJob(job.getId());
				}
			}
			return done.getAsBoolean();
		});
	}

	@Test
	void aScoreBelowTheConfidenceFloorGoesToAPersonAndReviewFeedbackReachesTheDraftingAgent() {
		builtins.register(library);
		io.smartops.agent.Agent unsure = library.registerForeign(new AgentLibrary.Registration("lead-scoring",
				"Unsure scorer " + System.nanoTime(), "1", 0.00001, 5L, 0.95).at(io.smartops.agent.AgentStatus.ACTIVE));
		io.smartops.agent.AgentHandler unsureHandler = new io.smartops.agent.AgentHandler() {
			public String agentId() {
				return unsure.getId();
			}

			public List<String> inputs() {
				return List.of("employees");
			}

			public io.smartops.agent.AgentOutput handle(Map<String, Object> in) {
				return new io.smartops.agent.AgentOutput(Map.of("leadScore", 0.55), 0.1);
			}
		};
		List<io.smartops.agent.AgentHandler> handlers = new java.util.ArrayList<>(builtins.handlers());
		handlers.add(unsureHandler);
		String id;
		try (AgentWorkers workers = new AgentWorkers(new AgentWorkers.Settings("http://localhost:" + port + "/engine-rest",
				"demo", "demo", "e2e-unsure", 10_000, 1_000, new RetryPolicy(3, 500)), handlers,
				agentId -> library.find(agentId).orElseThrow().getTopic(), meters, telemetry)) {
			id = runtime.createMessageCorrelation(SalesProcess.MESSAGE_LEAD_RECEIVED)
				.setVariables(Map.of("companyName", "Initech", "contactName", "Bill", "email", "bill@initech.example",
						"country", "US", "employees", 800, "source", "web"))
				.correlateStartMessage()
				.getId();
			runUntil(id, () -> tasks.createTaskQuery().processInstanceId(id)
				.taskDefinitionKey(SalesProcess.TASK_CHECK_LEAD_SCORE).count() == 1);
			assertThat(runtime.getVariable(id, "agentConfidence")).isEqualTo(0.1);
			assertThat(runtime.getVariable(id, "leadScore")).isEqualTo(0.55);
			String check = tasks.createTaskQuery().processInstanceId(id).singleResult().getId();
			FormWording.assertInWords("check-lead-score", tasks.getVariables(check));
			tasks.complete(check, Map.of("leadScore", 0.8));
			runUntil(id, () -> tasks.createTaskQuery().processInstanceId(id)
				.taskDefinitionKey(SalesProcess.TASK_REVIEW_PROPOSAL).count() == 1);
		}
		finally {
			library.changeStatus(unsure.getId(), io.smartops.agent.AgentStatus.DEPRECATED);
		}
		assertThat(telemetry.callsOfProcessInstance(id)).extracting(io.smartops.agent.AgentCall::getOutcome)
			.contains(io.smartops.agent.AgentCall.Outcome.LOW_CONFIDENCE);
		String review = tasks.createTaskQuery().processInstanceId(id).singleResult().getId();
		String edited = runtime.getVariable(id, "proposal") + "\nP.S. Our CFO will join the call.";
		tasks.complete(review, Map.of("proposal", edited, "reviewDecision", "reject"));
		assertThat(telemetry.callsOfProcessInstance(id).stream()
			.filter(c -> c.getActivityId().equals(SalesProcess.TASK_DRAFT_PROPOSAL))
			.findFirst()
			.orElseThrow()
			.getFeedback()).isEqualTo(io.smartops.agent.AgentCall.Feedback.EDITED);
		io.smartops.agent.Scorecard validation = telemetry
			.scorecard(library.find("automation-validate-lead").orElseThrow());
		assertThat(validation.calls()).isGreaterThanOrEqualTo(1);
		assertThat(validation.latencyP50Millis()).isNotNull();
	}
}
