package io.smartops.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;

import io.smartops.agent.Agent;
import io.smartops.agent.AgentCall;
import io.smartops.agent.AgentCallReport;
import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentOutput;
import io.smartops.agent.AgentProvider;
import io.smartops.agent.AgentTelemetry;

/**
 * The agent steps of the demo's history: the routed agent's real handler works each task on its
 * real inputs, its latency drawn around the agent's expected latency (a few calls time out and are
 * retried), and each call is recorded like a worker's.
 */
final class DemoAgentSteps {

	private final ExternalTaskService externalTasks;
	private final AgentTelemetry telemetry;
	private final DemoClock clock;
	private final Map<String, AgentHandler> handlers = new HashMap<>();
	private final Map<String, Agent> byTopic = new HashMap<>();

	DemoAgentSteps(ProcessEngine engine, List<AgentProvider> providers, AgentLibrary library, AgentTelemetry telemetry,
			DemoClock clock) {
		this.externalTasks = engine.getExternalTaskService();
		this.telemetry = telemetry;
		this.clock = clock;
		providers.forEach(p -> p.handlers().forEach(h -> handlers.put(h.agentId(), h)));
		library.all().forEach(a -> byTopic.put(a.getTopic(), a));
	}

	/** Whether an agent the demo has a handler for serves the topic (a shadow's copy, say). */
	boolean serves(String topic) {
		Agent agent = byTopic.get(topic);
		return agent != null && handlers.containsKey(agent.getId());
	}

	/** The routed agent's real handler works the task; its call is recorded like a worker's. */
	void work(ExternalTask routed, String businessKey) {
		Agent agent = byTopic.get(routed.getTopicName());
		if (agent == null) {
			throw new IllegalStateException("no agent serves " + routed.getTopicName());
		}
		AgentHandler handler = handlers.get(agent.getId());
		List<String> names = new ArrayList<>(handler.inputs());
		names.add("confidenceFloor");
		clock.at(clock.now() + (long) (clock.lognormal(20_000, 0.8)));
		LockedExternalTask task = externalTasks.fetchAndLock(1, DemoHistory.WORKER).topic(routed.getTopicName(), 3_600_000)
			.businessKey(businessKey).variables(names).execute().get(0);
		Map<String, Object> inputs = new HashMap<>();
		handler.inputs().forEach(name -> inputs.put(name, task.getVariables().get(name)));
		long start = clock.now();
		long latency = Math.max(50, (long) clock.lognormal(agent.getExpectedLatencyMillis(), 0.35));
		clock.at(start + latency);
		if (clock.nextDouble() < 0.03) {
			record(agent, task, start, latency, AgentCall.Outcome.FAILURE, null, null, "timed out");
			externalTasks.handleFailure(task.getId(), DemoHistory.WORKER, "timed out", "the demo's simulated timeout", 2, 0);
			return;
		}
		AgentOutput output;
		try {
			output = handler.handle(inputs);
		}
		catch (Exception e) {
			throw new IllegalStateException(agent.getId() + " failed on the demo's lead: " + e.getMessage(), e);
		}
		Object floor = task.getVariables().get("confidenceFloor");
		double confidenceFloor = floor == null ? 0 : Double.parseDouble(floor.toString());
		if (output.confidence() != null && output.confidence() < confidenceFloor) {
			record(agent, task, start, latency, AgentCall.Outcome.LOW_CONFIDENCE, output, null, null);
			externalTasks.handleBpmnError(task.getId(), DemoHistory.WORKER, "AGENT_LOW_CONFIDENCE",
					String.format("%s answered with confidence %.2f, below the floor %.2f", agent.getId(),
							output.confidence(), confidenceFloor));
			return;
		}
		record(agent, task, start, latency, AgentCall.Outcome.COMPLETED, output, null, null);
		Map<String, Object> variables = new HashMap<>(output.variables());
		if (output.confidence() != null) {
			variables.put("agentConfidence", output.confidence());
		}
		externalTasks.complete(task.getId(), DemoHistory.WORKER, variables);
	}

	private void record(Agent agent, LockedExternalTask task, long start, long latency, AgentCall.Outcome outcome,
			AgentOutput output, String fallback, String error) {
		AgentOutput.ModelUsage usage = output == null ? null : output.usage();
		telemetry.record(new AgentCallReport(agent.getId(), task.getId(), task.getProcessInstanceId(), task.getActivityId(),
				DemoHistory.WORKER, Instant.ofEpochMilli(start), latency, outcome, output == null ? null : output.confidence(),
				usage == null ? null : usage.model(), usage == null ? 0 : usage.modelCalls(),
				usage == null ? 0 : usage.promptTokens(), usage == null ? 0 : usage.completionTokens(),
				usage == null ? null : usage.prompt(), usage == null ? null : usage.response(), fallback, error,
				output == null ? null : output.variables()));
	}

}
