package io.smartops.agent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.smartops.core.owner.OwnerEscalations;
import io.smartops.core.execution.TaskExecutionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every agent call, recorded and priced: the audit trail, the source of scorecards, and what the
 * selection policy reads about an agent's health (circuit breaker), its daily budget and a
 * process instance's budget. Plain queries on the call table; no engine history is read.
 */
@Service
public class AgentTelemetry implements AgentCallSink {

	private static final Logger log = LoggerFactory.getLogger(AgentTelemetry.class);

	private final AgentRepository agents;
	private final AgentCallRepository calls;
	private final AgentProperties properties;
	private final TaskExecutionRepository executions;
	private final OwnerEscalations escalations;
	private final MeterRegistry meters;
	private final Clock clock;
	private final AgentQuality quality;
	private final ShadowRuns shadowRuns;
	private final ApplicationEventPublisher events;

	AgentTelemetry(AgentRepository agents, AgentCallRepository calls, AgentProperties properties,
			TaskExecutionRepository executions, OwnerEscalations escalations, MeterRegistry meters, AgentQuality quality,
			ShadowRuns shadowRuns, ApplicationEventPublisher events) {
		this.quality = quality;
		this.shadowRuns = shadowRuns;
		this.events = events;
		this.agents = agents;
		this.calls = calls;
		this.properties = properties;
		this.executions = executions;
		this.escalations = escalations;
		this.meters = meters;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Prices, evaluates and stores one call; an unknown agent id is refused. A shadow run's call is
	 * stored as a shadow call of the task instance it shadowed: it counts for its agent's evidence,
	 * not for that instance's cost, budget or recorded work.
	 */
	@Override
	@Transactional
	public void record(AgentCallReport report) {
		store(report);
	}

	/**
	 * Records an evaluator's call and its verdict on the call it judged ({@code score}, null when it
	 * gave none): the evaluator's call is priced and audited like any, against the judged call's
	 * process instance (its cost is that instance's), and the judged agent's quality re-estimated.
	 */
	@Transactional
	public AgentCall recordJudgement(AgentCallReport report, long judgedCallId, Double score) {
		AgentCall call = store(report);
		call.judging(judgedCallId);
		if (score != null) {
			quality.judged(judgedCallId, report.agentId(), score);
		}
		return call;
	}

	private AgentCall store(AgentCallReport report) {
		Agent agent = agents.findById(report.agentId())
			.orElseThrow(() -> new AgentLibrary.UnknownAgentException(report.agentId()));
		Optional<ShadowRuns.Run> shadowRun = ShadowRunProcess.TASK_RUN_SHADOW_AGENT.equals(report.activityId())
				&& report.processInstanceId() != null ? shadowRuns.byShadowInstance(report.processInstanceId())
						: Optional.empty();
		AgentCallReport r = shadowRun.map(run -> report.about(run.processInstanceId(), run.activityId())).orElse(report);
		double cost = agent.price(r.promptTokens(), r.completionTokens(), r.cachedTokens());
		boolean full = properties.auditContent() == AgentProperties.AuditContent.FULL;
		AgentCall call = new AgentCall(agent, r, cost, full ? r.prompt() : sha256(r.prompt()),
				full ? r.response() : sha256(r.response()));
		call.setShadow(shadowRun.isPresent());
		quality.evaluate(agent, call, r.outputs());
		calls.save(call);
		if (shadowRun.isEmpty() && r.processInstanceId() != null && r.activityId() != null) {
			executions.addAgentWork(r.processInstanceId(), r.activityId(), agent.getId(),
					(r.startedAt() == null ? clock.instant() : r.startedAt()).toEpochMilli(), r.latencyMillis(), cost);
		}
		meters.counter("smartops.agent.cost", "agent", agent.getId()).increment(cost);
		if (call.getValidity() == AgentCall.Validity.INVALID) {
			meters.counter("smartops.agent.invalid", "agent", agent.getId()).increment();
			quality.refresh(agent.getId());
		}
		guardrails(agent, r);
		tokens(agent, r);
		events.publishEvent(new CallRecorded(agent.getId(), agent.getStatus(), call.getId(), agent.getCapability(),
				call.getOutcome(), r.modelCalls() > 0));
		return call;
	}

	/** Tokens by type, in Prometheus as {@code smartops_llm_tokens_total{agent,model,type}}. */
	private void tokens(Agent agent, AgentCallReport r) {
		String model = r.model() == null ? "unknown" : r.model();
		long[] counts = { r.promptTokens(), r.completionTokens(), r.cachedTokens() };
		String[] types = { "input", "output", "cached" };
		for (int i = 0; i < types.length; i++) {
			if (counts[i] > 0) {
				meters.counter("smartops.llm.tokens", "agent", agent.getId(), "model", model, "type", types[i]).increment(counts[i]);
			}
		}
	}

	/**
	 * A call was recorded (the lifecycle's canary guardrails and the evaluators listen).
	 *
	 * @param modelCall whether a model answered it (an evaluator judges only those)
	 */
	public record CallRecorded(String agentId, AgentStatus status, Long callId, String capability, AgentCall.Outcome outcome,
			boolean modelCall) {

		public CallRecorded(String agentId, AgentStatus status) {
			this(agentId, status, null, null, null, false);
		}
	}

	/**
	 * Tells the owner of the call's process when this call broke one of the agent's guardrails: the
	 * failure that opened its circuit breaker, the call that used up its daily budget.
	 */
	private void guardrails(Agent agent, AgentCallReport r) {
		if (r.guardrail() != null) {
			String kind = r.guardrail().split(" ", 2)[0];
			meters.counter("smartops.llm.guardrail", "agent", agent.getId(), "kind", kind).increment();
			if (r.processInstanceId() != null) {
				escalate(agent, r, "guardrail:" + kind + ":" + LocalDate.now(clock), agent.getName() + " tripped a guardrail: "
						+ r.guardrail(), (r.fallbackAgentId() != null ? r.fallbackAgentId() + " answered instead" : "")
								+ "; the call's audit keeps the prompt as sent");
			}
		}
		if (r.processInstanceId() == null) {
			return;
		}
		int needed = properties.circuitBreakerFailures();
		if (r.outcome() == AgentCall.Outcome.FAILURE) {
			List<AgentCall> last = calls.findByAgentIdOrderByIdDesc(agent.getId(),
					org.springframework.data.domain.Limit.of(needed + 1));
			// this failure completes the run of failures that opens the breaker: the call before the run did not fail
			boolean opened = failedInARow(last, needed) && !failedInARow(last, needed + 1);
			if (opened) {
				escalate(agent, r, "circuit:" + last.get(0).getId(), agent.getName() + " failed " + needed
						+ " calls in a row; it is out of selection for " + properties.circuitBreakerCooldown(),
						"last error: " + r.errorMessage());
			}
		}
		if (overDailyBudget(agent)) {
			escalate(agent, r, "budget:" + LocalDate.now(clock), agent.getName() + " used up its daily budget ("
					+ agent.getDailyCallBudget() + " calls, " + agent.getDailyCostBudget() + " cost)",
					"its tasks go to other agents of " + agent.getCapability() + " until tomorrow (UTC)");
		}
	}

	private void escalate(Agent agent, AgentCallReport r, String subject, String summary, String detail) {
		String processKey = escalations.processKeyOf(r.processInstanceId());
		if (processKey != null) {
			escalations.escalateAfterCommit(processKey, OwnerEscalations.Kind.AGENT_GUARDRAIL, agent.getId() + ":" + subject, summary,
					detail + "\nprocess instance " + r.processInstanceId() + ", task " + r.activityId());
		}
	}

	/** Open after the configured number of failed calls in a row, for the cool-down after the last. */
	public boolean circuitOpen(String agentId) {
		int needed = properties.circuitBreakerFailures();
		List<AgentCall> last = calls.findByAgentIdOrderByIdDesc(agentId, org.springframework.data.domain.Limit.of(needed));
		if (!failedInARow(last, needed)) {
			return false;
		}
		Instant lastEnd = last.get(0).getStartedAt().plusMillis(last.get(0).getLatencyMillis());
		return lastEnd.plus(properties.circuitBreakerCooldown()).isAfter(clock.instant());
	}

	/** Whether the newest {@code n} of the calls (newest first) are there and all failed. */
	private static boolean failedInARow(List<AgentCall> newestFirst, int n) {
		return newestFirst.size() >= n
				&& newestFirst.stream().limit(n).allMatch(c -> c.getOutcome() == AgentCall.Outcome.FAILURE);
	}

	/** True when today's (UTC) calls or cost have reached the agent's daily budget. */
	public boolean overDailyBudget(Agent agent) {
		if (agent.getDailyCallBudget() == null && agent.getDailyCostBudget() == null) {
			return false;
		}
		Object[] usage = calls.usageSince(agent.getId(), LocalDate.now(clock).atStartOfDay().toInstant(ZoneOffset.UTC))
			.get(0);
		long count = ((Number) usage[0]).longValue();
		double cost = ((Number) usage[1]).doubleValue();
		return (agent.getDailyCallBudget() != null && count >= agent.getDailyCallBudget())
				|| (agent.getDailyCostBudget() != null && cost + agent.getCostPerCall() > agent.getDailyCostBudget());
	}

	/** What all agents have cost a process instance so far. */
	public double costOfProcessInstance(String processInstanceId) {
		return calls.costOfProcessInstance(processInstanceId);
	}

	public List<AgentCall> callsOfProcessInstance(String processInstanceId) {
		return calls.findByProcessInstanceIdOrderById(processInstanceId);
	}

	public Optional<AgentCall> call(long callId) {
		return calls.findById(callId);
	}

	public List<AgentCall> callsOfAgent(String agentId) {
		return calls.findByAgentIdOrderById(agentId);
	}

	/** An agent's calls since an instant, shadow or not, oldest first. */
	public List<AgentCall> callsSince(String agentId, Instant since) {
		return calls.findByAgentIdAndStartedAtGreaterThanEqualOrderById(agentId, since);
	}

	/** The calls of the given agents that served task instances since an instant (no shadow calls), oldest first. */
	public List<AgentCall> servingCallsSince(Instant since, List<String> agentIds) {
		return agentIds.isEmpty() ? List.of() : calls.findServingSince(since, agentIds);
	}

	/**
	 * The agent's scorecard: from its call records, or for a wrapped automation from the recorded
	 * executions of its task ({@code processKey/activityId}), each priced at its cost per call.
	 */
	public Scorecard scorecard(Agent agent) {
		List<Scorecard.Sample> samples;
		List<AgentCall> agentCalls = List.of();
		if (agent.getKind() == AgentKind.AUTOMATION && agent.getActivityRef() != null) {
			String[] ref = agent.getActivityRef().split("/", 2);
			samples = executions.findByProcessDefinitionKeyAndActivityId(ref[0], ref[1])
				.stream()
				.filter(e -> e.getDurationMillis() != null)
				.map(e -> new Scorecard.Sample(e.getOutcome().name(), e.getDurationMillis(), agent.getCostPerCall(), 0, null))
				.toList();
		}
		else {
			agentCalls = calls.findByAgentIdOrderById(agent.getId());
			samples = agentCalls.stream()
				.map(c -> new Scorecard.Sample(c.getOutcome().name(), c.getLatencyMillis(), c.getCost(),
						c.getPromptTokens() + c.getCompletionTokens() + c.getCachedTokens(), c.getFeedback(), c.isShadow(), c.getValidity(),
						c.getGroundTruth()))
				.toList();
		}
		Scorecard card = Scorecard.of(agent, circuitOpen(agent.getId()), samples);
		return agent.getLlm() == null ? card : card.with(llmFigures(agent, agentCalls));
	}

	private Scorecard.Llm llmFigures(Agent agent, List<AgentCall> all) {
		Map<String, Long> structured = new TreeMap<>();
		Map<String, Long> breaches = new TreeMap<>();
		long input = 0;
		long output = 0;
		long cached = 0;
		long redactions = 0;
		List<Double> judgeScores = new ArrayList<>();
		List<Double> humanScores = new ArrayList<>();
		Set<String> judges = new HashSet<>();
		for (AgentCall c : all) {
			input += c.getPromptTokens();
			output += c.getCompletionTokens();
			cached += c.getCachedTokens();
			redactions += c.getRedactions();
			if (c.getStructuredOutput() != null) {
				structured.merge(c.getStructuredOutput(), 1L, Long::sum);
			}
			if (c.guardrailKind() != null) {
				breaches.merge(c.guardrailKind(), 1L, Long::sum);
			}
			if (c.getJudgeScore() != null) {
				judgeScores.add(c.getJudgeScore());
				judges.add(c.getJudgeAgentId());
			}
			if (c.getFeedback() != null) {
				humanScores.add(c.getFeedback().score());
			}
		}
		Boolean counted = judges.isEmpty() ? null : judges.stream().allMatch(j -> quality.agreement(j).trusted());
		return new Scorecard.Llm(input, output, cached, structured, redactions, breaches, judgeScores.size(), mean(judgeScores),
				counted, humanScores.size(), mean(humanScores),
				agent.getLlm().judge() != null ? quality.agreement(agent.getId()) : null);
	}

	private static Double mean(List<Double> values) {
		return values.isEmpty() ? null
				: Scorecard.round(values.stream().mapToDouble(Double::doubleValue).average().orElse(0));
	}

	/**
	 * A person's verdict on the output of the last agent call that served an activity in a process
	 * instance (not a shadow's); the agent's quality is re-estimated.
	 */
	@Transactional
	public Optional<AgentCall> feedback(String processInstanceId, String activityId, AgentCall.Feedback feedback) {
		Optional<AgentCall> call = calls
			.findTop1ByProcessInstanceIdAndActivityIdAndShadowFalseOrderByIdDesc(processInstanceId, activityId)
			.stream()
			.findFirst();
		call.ifPresent(c -> {
			c.setFeedback(feedback);
			calls.flush();
			quality.refresh(c.getAgentId());
		});
		return call;
	}

	/** Keeps the audit within the history time-to-live: runs daily, and is callable on demand. */
	@Scheduled(cron = "${smartops.agents.audit-cleanup-cron:0 30 3 * * *}")
	@Transactional
	public int deleteExpired() {
		int deleted = calls.deleteStartedBefore(clock.instant().minus(properties.auditRetention()));
		if (deleted > 0) {
			log.info("deleted {} agent call records older than {}", deleted, properties.auditRetention());
		}
		return deleted;
	}

	static String sha256(String text) {
		if (text == null) {
			return null;
		}
		try {
			return "sha256:" + HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
