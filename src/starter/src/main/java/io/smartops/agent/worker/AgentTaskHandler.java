package io.smartops.agent.worker;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.smartops.agent.AgentBusinessError;
import io.smartops.agent.AgentCall;
import io.smartops.agent.AgentCallReport;
import io.smartops.agent.AgentCallSink;
import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentOutput;
import io.smartops.agent.AgentStepTimers;
import io.smartops.core.execution.InstanceTracing;

/**
 * Runs one {@link AgentHandler} for the external-task client: hands it only its declared inputs,
 * completes the task with its outputs, reports business outcomes as BPMN errors, and turns every
 * other exception into {@code handleFailure} with decreasing retries and growing backoff — never
 * only a log line, which would let the client silently fetch the task again. A result whose
 * confidence is below the task's {@code confidenceFloor} goes to a person: BPMN error
 * {@value #LOW_CONFIDENCE} with the outputs set. Every call is reported to the call sink (audit,
 * cost, scorecards) and counted in {@code smartops.agent.calls} (by agent and outcome); its pick-up,
 * work and completion are timed ({@link AgentStepTimers}).
 */
final class AgentTaskHandler implements ExternalTaskHandler {

	private static final Logger log = LoggerFactory.getLogger(AgentTaskHandler.class);

	/** BPMN error code of a result below the task's confidence floor. */
	static final String LOW_CONFIDENCE = "AGENT_LOW_CONFIDENCE";

	/** The span of the call that ends the task on the engine (completion, BPMN error or failure). */
	static final String COMPLETE_SPAN = "smartops.agent.complete";

	/** The task's input parameter holding the confidence floor (0..1). */
	static final String VAR_CONFIDENCE_FLOOR = "confidenceFloor";

	private final AgentHandler agent;
	private final RetryPolicy retries;
	private final MeterRegistry meters;
	private final AgentCallSink sink;
	private final String workerId;
	private final long lockDurationMillis;
	private final ScheduledExecutorService lockKeeper;
	private final InstanceTracing tracing;

	AgentTaskHandler(AgentHandler agent, RetryPolicy retries, MeterRegistry meters, AgentCallSink sink, String workerId,
			long lockDurationMillis, ScheduledExecutorService lockKeeper, InstanceTracing tracing) {
		this.tracing = tracing;
		this.agent = agent;
		this.retries = retries;
		this.meters = meters;
		this.sink = sink;
		this.workerId = workerId;
		this.lockDurationMillis = lockDurationMillis;
		this.lockKeeper = lockKeeper;
	}

	/** What a task of {@code agent} is fetched with: its declared inputs, its confidence floor and its trace. */
	static List<String> fetchedVariables(AgentHandler agent) {
		List<String> variables = new ArrayList<>(agent.inputs());
		variables.add(VAR_CONFIDENCE_FLOOR);
		variables.add(InstanceTracing.VARIABLE);
		return variables;
	}

	/**
	 * Keeps the task's lock while the agent works: every half lock duration the lock is extended by
	 * a whole one, so a long call (an LLM with retries) is never fetched and run a second time.
	 */
	private ScheduledFuture<?> keepLock(LockedTask task) {
		long period = Math.max(100, lockDurationMillis / 2);
		return lockKeeper.scheduleAtFixedRate(() -> {
			try {
				task.extendLock(lockDurationMillis);
			}
			catch (RuntimeException e) {
				log.warn("agent {}: lock of task {} not extended: {}", agent.agentId(), task.id(), e.toString());
			}
		}, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void execute(ExternalTask task, ExternalTaskService service) {
		handle(LockedTask.of(task, service));
	}

	/** Works the task in a span of its instance's trace: the agent's calls and the task's completion are its children. */
	void handle(LockedTask task) {
		Span span = tracing.start("smartops.agent.task", task.variable(InstanceTracing.VARIABLE))
			.tag("smartops.agent", agent.agentId())
			.tag("smartops.activity", String.valueOf(task.activityId()))
			.tag("smartops.process-instance", String.valueOf(task.processInstanceId()))
			.tag("smartops.worker", workerId);
		try (AutoCloseable scope = tracing.inScope(span)) {
			work(task);
		}
		catch (Exception e) {
			span.error(e);
		}
		finally {
			span.end();
		}
	}

	private void work(LockedTask task) {
		Map<String, Object> inputs = new LinkedHashMap<>();
		for (String name : agent.inputs()) {
			inputs.put(name, task.variable(name));
		}
		Instant started = Instant.now();
		long start = System.nanoTime();
		if (task.createTime() != null) {
			AgentStepTimers.record(meters, agent.agentId(), AgentStepTimers.Step.PICKUP,
					(started.toEpochMilli() - task.createTime().getTime()) * 1_000_000);
		}
		long worked = 0;
		AgentCall.Outcome outcome = AgentCall.Outcome.COMPLETED;
		AgentOutput output = null;
		String error = null;
		ScheduledFuture<?> lock = keepLock(task);
		try {
			try {
				output = agent.handle(inputs);
			}
			finally {
				lock.cancel(false);
				worked = System.nanoTime();
				AgentStepTimers.record(meters, agent.agentId(), AgentStepTimers.Step.WORK, worked - start);
			}
			Map<String, Object> variables = new LinkedHashMap<>(output.variables());
			if (output.confidence() != null) {
				variables.put("agentConfidence", output.confidence());
			}
			Double floor = floor(task.variable(VAR_CONFIDENCE_FLOOR));
			if (floor != null && output.confidence() != null && output.confidence() < floor) {
				outcome = AgentCall.Outcome.LOW_CONFIDENCE;
				String reason = String.format(Locale.ROOT, "%s answered with confidence %.2f, below the floor %.2f",
						agent.agentId(), output.confidence(), floor);
				tracing.inChild(COMPLETE_SPAN, () -> task.bpmnError(LOW_CONFIDENCE, reason, variables));
			}
			else {
				if (output.usage() != null && output.usage().fallbackAgentId() != null) {
					outcome = AgentCall.Outcome.FALLBACK;
				}
				tracing.inChild(COMPLETE_SPAN, () -> task.complete(variables));
			}
		}
		catch (AgentBusinessError e) {
			outcome = AgentCall.Outcome.BPMN_ERROR;
			error = e.code() + ": " + e.getMessage();
			tracing.inChild(COMPLETE_SPAN, () -> task.bpmnError(e.code(), e.getMessage(), e.variables()));
		}
		catch (Exception e) {
			outcome = AgentCall.Outcome.FAILURE;
			error = e.toString();
			int left = retries.retriesAfterFailure(task.retries());
			long backoff = retries.backoffMillis(task.retries());
			log.warn("agent {} failed on task {} ({} retries left, next in {} ms): {}", agent.agentId(), task.id(), left,
					backoff, e.toString());
			tracing.inChild(COMPLETE_SPAN,
					() -> task.failure(agent.agentId() + ": " + e.getMessage(), stackTrace(e), left, backoff));
		}
		finally {
			long end = System.nanoTime();
			if (worked > 0) {
				AgentStepTimers.record(meters, agent.agentId(), AgentStepTimers.Step.COMPLETE, end - worked);
			}
			meters.counter("smartops.agent.calls", "agent", agent.agentId(), "outcome", outcome.name().toLowerCase(Locale.ROOT))
				.increment();
			report(task, started, ((worked > 0 ? worked : end) - start) / 1_000_000, outcome, output, error);
		}
	}

	private void report(LockedTask task, Instant started, long millis, AgentCall.Outcome outcome, AgentOutput output,
			String error) {
		AgentOutput.ModelUsage usage = output == null ? null : output.usage();
		try {
			sink.record(new AgentCallReport(agent.agentId(), task.id(), task.processInstanceId(), task.activityId(),
					workerId, started, millis, outcome, output == null ? null : output.confidence(),
					usage == null ? null : usage.model(), usage == null ? 0 : usage.modelCalls(),
					usage == null ? 0 : usage.promptTokens(), usage == null ? 0 : usage.completionTokens(),
					usage == null ? null : usage.prompt(), usage == null ? null : usage.response(),
					usage == null ? null : usage.fallbackAgentId(), error, output == null ? null : output.variables(),
					usage == null ? 0 : usage.cachedTokens(), usage == null ? null : usage.structuredOutput(),
					usage == null ? 0 : usage.redactions(), usage == null ? null : usage.guardrail()));
		}
		catch (RuntimeException e) {
			// the task's own outcome stands; a lost telemetry record is logged and counted
			meters.counter("smartops.agent.telemetry.lost", "agent", agent.agentId()).increment();
			log.warn("agent {}: the call record of task {} was not stored: {}", agent.agentId(), task.id(), e.toString());
		}
	}

	private static Double floor(Object value) {
		if (value instanceof Number n) {
			return n.doubleValue();
		}
		if (value instanceof String s && !s.isBlank()) {
			return Double.parseDouble(s);
		}
		return null;
	}

	private static String stackTrace(Exception e) {
		StringWriter w = new StringWriter();
		e.printStackTrace(new PrintWriter(w));
		return w.toString();
	}
}
