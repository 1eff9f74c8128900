package io.smartops.agent.llm;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.smartops.agent.Agent;
import io.smartops.agent.AgentCall;
import io.smartops.agent.AgentCallReport;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentOutput;
import io.smartops.agent.AgentProperties;
import io.smartops.agent.AgentStatus;
import io.smartops.agent.AgentTelemetry;
import io.smartops.agent.LlmDeclaration;

/**
 * Evaluators at work: after a model-answered call of a capability is recorded, the capability's
 * evaluator (an ACTIVE or SHADOW declared LLM agent of capability {@code evaluation} that judges it,
 * and is available) scores it with its declared share, chosen by the call's id so that a share is
 * a share whatever the order. It is given the call's prompt as sent (redacted) and its outputs, and
 * answers a score and a reason; its own call is priced and audited like any other, and its score
 * is stored on the judged call ({@link AgentTelemetry#recordJudgement}). Whether the score counts
 * in measured quality is the evaluator's agreement with people ({@code smartops.agents.judging.*}).
 * It runs on its own threads, never in the way of the process; a full queue skips a call (counted
 * in {@code smartops.llm.judge.skipped}).
 */
@Component
public class LlmJudging {

	private static final Logger log = LoggerFactory.getLogger(LlmJudging.class);

	private final AgentLibrary library;
	private final AgentTelemetry telemetry;
	private final LlmConnections connections;
	private final LlmGuardrails guardrails;
	private final MeterRegistry meters;
	private final ThreadPoolExecutor executor;
	private final Map<String, DeclaredLlmAgent> judges = new ConcurrentHashMap<>();

	LlmJudging(AgentLibrary library, AgentTelemetry telemetry, LlmConnections connections, LlmGuardrails guardrails,
			MeterRegistry meters, AgentProperties properties) {
		this.library = library;
		this.telemetry = telemetry;
		this.connections = connections;
		this.guardrails = guardrails;
		this.meters = meters;
		int threads = Math.max(1, properties.judging().threads());
		this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000), r -> {
			Thread t = new Thread(r, "llm-judge");
			t.setDaemon(true);
			return t;
		});
	}

	@TransactionalEventListener(fallbackExecution = true)
	void onCall(AgentTelemetry.CallRecorded recorded) {
		if (recorded.callId() == null || !recorded.modelCall() || recorded.outcome() == AgentCall.Outcome.FAILURE
				|| LlmDeclaration.EVALUATION.equals(recorded.capability())) {
			return;
		}
		Optional<Agent> judge = judgeOf(recorded.capability());
		if (judge.isEmpty() || !sampled(recorded.callId(), judge.get().getLlm().judge().share())) {
			return;
		}
		try {
			executor.execute(() -> judge(judge.get(), recorded.callId()));
		}
		catch (java.util.concurrent.RejectedExecutionException full) {
			meters.counter("smartops.llm.judge.skipped", "agent", judge.get().getId()).increment();
		}
	}

	/** The capability's evaluator: an active one first, else a shadow; available; by id. */
	Optional<Agent> judgeOf(String capability) {
		return library.forCapability(LlmDeclaration.EVALUATION)
			.stream()
			.filter(a -> a.getLlm() != null && a.getLlm().judge() != null && capability.equals(a.getLlm().judge().capability()))
			.filter(a -> a.isAvailable() && (a.getStatus() == AgentStatus.ACTIVE || a.getStatus() == AgentStatus.SHADOW))
			.sorted(java.util.Comparator.comparing((Agent a) -> a.getStatus() != AgentStatus.ACTIVE).thenComparing(Agent::getId))
			.findFirst();
	}

	/** Whether a call falls in the share: its id spread evenly over [0, 1) by a multiplicative hash. */
	static boolean sampled(long callId, double share) {
		long mixed = callId * 0x9E3779B97F4A7C15L;
		double u = (mixed >>> 11) / (double) (1L << 53);
		return u < share;
	}

	/** Scores one call now (on the caller's thread): what the asynchronous path does, callable from an endpoint or a test. */
	public Optional<AgentCall> judge(Agent judge, long callId) {
		Optional<AgentCall> judged = telemetry.call(callId);
		if (judged.isEmpty() || judged.get().getOutputs() == null || judged.get().getPrompt() == null
				|| judged.get().getPrompt().startsWith("sha256:")) {
			log.debug("call {} not judged: no outputs, or its prompt is kept only as a hash", callId);
			return Optional.empty();
		}
		DeclaredLlmAgent handler = judges.computeIfAbsent(judge.getId(),
				id -> new DeclaredLlmAgent(id, judge.getLlm(), connections, guardrails, LlmTools.none(), other -> null));
		Instant started = Instant.now();
		long start = System.nanoTime();
		AgentOutput output = null;
		String error = null;
		try {
			output = handler.handle(Map.of("task", judged.get().getPrompt(), "answer", judged.get().getOutputs()));
		}
		catch (Exception e) {
			error = e.getMessage();
			log.warn("evaluator {} could not judge call {}: {}", judge.getId(), callId, e.toString());
		}
		long millis = (System.nanoTime() - start) / 1_000_000;
		AgentOutput.ModelUsage usage = output == null ? null : output.usage();
		Double score = output != null && output.variables().get("score") instanceof Number n ? n.doubleValue() : null;
		Map<String, Object> outputs = output == null ? null : new LinkedHashMap<>(output.variables());
		AgentCallReport report = new AgentCallReport(judge.getId(), null, judged.get().getProcessInstanceId(), null, "evaluator",
				started, millis, output == null ? AgentCall.Outcome.FAILURE : AgentCall.Outcome.COMPLETED, null,
				usage == null ? judge.getLlm().model() : usage.model(), usage == null ? 0 : usage.modelCalls(),
				usage == null ? 0 : usage.promptTokens(), usage == null ? 0 : usage.completionTokens(),
				usage == null ? null : usage.prompt(), usage == null ? null : usage.response(), null, error, outputs,
				usage == null ? 0 : usage.cachedTokens(), usage == null ? null : usage.structuredOutput(),
				usage == null ? 0 : usage.redactions(), usage == null ? null : usage.guardrail());
		return Optional.of(telemetry.recordJudgement(report, callId, score));
	}

	/** Waits until every queued judgement is done (tests, shutdown). */
	public boolean awaitIdle(long millis) throws InterruptedException {
		long until = System.currentTimeMillis() + millis;
		while (System.currentTimeMillis() < until) {
			if (executor.getQueue().isEmpty() && executor.getActiveCount() == 0) {
				return true;
			}
			Thread.sleep(20);
		}
		return false;
	}

	@PreDestroy
	void stop() {
		executor.shutdownNow();
	}
}
