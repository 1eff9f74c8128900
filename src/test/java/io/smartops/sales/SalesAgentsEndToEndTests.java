package io.smartops.sales;

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

import io.smartops.SmartOpsTest;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.builtin.BuiltinAgents;
import io.smartops.agent.worker.AgentWorkers;
import io.smartops.agent.worker.RetryPolicy;
import io.smartops.process.TaskExecution;
import io.smartops.process.TaskExecutionRepository;

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
		assertThat(meters.timer("smartops.agent.latency", "agent", "lead-scoring-rules").count()).isGreaterThanOrEqualTo(1);
	}
}
