package io.smartops.coordinate;

import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.micrometer.core.instrument.MeterRegistry;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentTelemetry;
import io.smartops.agent.worker.AgentWorkers;
import io.smartops.agent.worker.RetryPolicy;
import io.smartops.orchestrate.ActionLedger;
import io.smartops.orchestrate.OrchestrateActionProcess;
import io.smartops.support.Api;
import io.smartops.support.EngineDriver;

/**
 * What the coordinator tests share: the coordinator's agents served by real external-task workers
 * over the server's REST API, the engine driven job by job, and REST calls as the demo user.
 */
public abstract class CoordinatorHarness {

	@LocalServerPort
	protected int port;

	@Autowired
	protected RuntimeService runtime;

	@Autowired
	protected ManagementService management;

	@Autowired
	protected TaskService tasks;

	@Autowired
	protected HistoryService history;

	@Autowired
	protected AgentLibrary library;

	@Autowired
	protected CoordinatorAgents agents;

	@Autowired
	protected AgentTelemetry telemetry;

	@Autowired
	protected MeterRegistry meters;

	@Autowired
	protected ActionLedger ledger;

	@Autowired
	protected PlanningRuns runs;

	@Autowired
	protected CoordinatorDelegates delegates;

	protected io.smartops.plan.Plan plan(String runId) {
		return delegates.plan(runId);
	}

	protected Api api() {
		return new Api(port);
	}

	protected EngineDriver driver() {
		return new EngineDriver(management, CoordinatorProcess.KEY, OrchestrateActionProcess.KEY).describedBy(runtime);
	}

	protected AgentWorkers workers(String id) {
		agents.register(library);
		return new AgentWorkers(new AgentWorkers.Settings("http://localhost:" + port + "/engine-rest", "demo", "demo", id,
				30_000, 500, new RetryPolicy(2, 200)), agents.handlers(), a -> library.find(a).orElseThrow().getTopic(), meters,
				telemetry);
	}

	/** Starts a run over REST and returns its id. */
	protected String startRun(String scopeJson) {
		Api.Response r = api().post("/smartops/api/coordinator/runs", scopeJson);
		if (r.status() != 201) {
			throw new AssertionError("starting a run answered " + r.status() + ": " + r.body());
		}
		return r.json().path("run").path("id").asText();
	}

	protected String processInstance(String runId) {
		return runs.find(runId).orElseThrow().getProcessInstanceId();
	}

	protected List<Task> tasksOf(String runId, String taskKey) {
		return tasks.createTaskQuery().processInstanceId(processInstance(runId)).taskDefinitionKey(taskKey).list();
	}

	/** Completes a task through the engine's REST API with its form variables, as Tasklist does. */
	protected void submit(String taskId, String variablesJson) {
		Api.Response r = api().post("/engine-rest/task/" + taskId + "/submit-form", "{\"variables\": " + variablesJson + "}");
		if (r.status() != 204) {
			throw new AssertionError("submitting task " + taskId + " answered " + r.status() + ": " + r.body());
		}
	}
}
