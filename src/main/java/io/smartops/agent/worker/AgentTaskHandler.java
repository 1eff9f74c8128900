package io.smartops.agent.worker;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import java.util.concurrent.TimeUnit;

import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.smartops.agent.AgentBusinessError;
import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentOutput;

/**
 * Runs one {@link AgentHandler} for the external-task client: hands it only its declared inputs,
 * completes the task with its outputs, reports business outcomes as BPMN errors, and turns every
 * other exception into {@code handleFailure} with decreasing retries and growing backoff — never
 * only a log line, which would let the client silently fetch the task again. Every call counts in
 * {@code smartops.agent.calls} (by agent and outcome) and {@code smartops.agent.latency} (by agent).
 */
final class AgentTaskHandler implements ExternalTaskHandler {

	private static final Logger log = LoggerFactory.getLogger(AgentTaskHandler.class);

	private final AgentHandler agent;
	private final RetryPolicy retries;
	private final MeterRegistry meters;

	AgentTaskHandler(AgentHandler agent, RetryPolicy retries, MeterRegistry meters) {
		this.agent = agent;
		this.retries = retries;
		this.meters = meters;
	}

	@Override
	public void execute(ExternalTask task, ExternalTaskService service) {
		Map<String, Object> inputs = new LinkedHashMap<>();
		for (String name : agent.inputs()) {
			inputs.put(name, task.getVariable(name));
		}
		long start = System.nanoTime();
		String outcome = "completed";
		try {
			AgentOutput output = agent.handle(inputs);
			Map<String, Object> variables = new LinkedHashMap<>(output.variables());
			if (output.confidence() != null) {
				variables.put("agentConfidence", output.confidence());
			}
			service.complete(task, variables);
		}
		catch (AgentBusinessError e) {
			outcome = "bpmn-error";
			service.handleBpmnError(task, e.code(), e.getMessage());
		}
		catch (Exception e) {
			outcome = "failure";
			int left = retries.retriesAfterFailure(task.getRetries());
			long backoff = retries.backoffMillis(task.getRetries());
			log.warn("agent {} failed on task {} ({} retries left, next in {} ms): {}", agent.agentId(), task.getId(), left,
					backoff, e.toString());
			service.handleFailure(task, agent.agentId() + ": " + e.getMessage(), stackTrace(e), left, backoff);
		}
		finally {
			meters.counter("smartops.agent.calls", "agent", agent.agentId(), "outcome", outcome).increment();
			meters.timer("smartops.agent.latency", "agent", agent.agentId())
				.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		}
	}

	private static String stackTrace(Exception e) {
		StringWriter w = new StringWriter();
		e.printStackTrace(new PrintWriter(w));
		return w.toString();
	}
}
