package io.smartops.agent.lifecycle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;

import io.smartops.agent.Agent;
import io.smartops.agent.AgentCall;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentProperties;
import io.smartops.agent.AgentQuality;
import io.smartops.agent.AgentStatus;
import io.smartops.agent.AgentTelemetry;
import io.smartops.agent.Scorecard;
import io.smartops.agent.ShadowRuns;
import io.smartops.agent.StageGate;

/**
 * Gathers a candidate's evidence since it entered its stage and applies the gate.
 * <p>
 * <b>Shadow</b> (SHADOW → CANARY): each shadow call is paired with the incumbent's call on the
 * same task instance. The gate passes when at least {@code min-shadow-runs} pairs are compared,
 * the shadow failed at most {@code max-error-rate} of its calls, and its quality on the pairs the
 * truth or a person judged is not lower than the incumbent's (two-proportion test, one-sided, at
 * {@code significance}); with too few judged pairs, an agreement of at least 90% passes and less
 * waits for judgement.
 * <p>
 * <b>Canary</b> (CANARY → ACTIVE): process instances served by the canary against those served
 * by the incumbents since the canary began. The gate passes when each arm has at least
 * {@code min-canary-instances} ended instances and no test finds the canary worse: cycle time
 * (Mann–Whitney U), acceptance by people, rate of right answers by the ground truth, and rework
 * (two-proportion tests).
 */
@Service
public class AgentEvidence {

	private final AgentLibrary library;
	private final AgentTelemetry telemetry;
	private final AgentQuality quality;
	private final ShadowRuns shadowRuns;
	private final HistoryService history;
	private final AgentProperties.Lifecycle settings;

	AgentEvidence(AgentLibrary library, AgentTelemetry telemetry, AgentQuality quality, ShadowRuns shadowRuns,
			HistoryService history, AgentProperties properties) {
		this.library = library;
		this.telemetry = telemetry;
		this.quality = quality;
		this.shadowRuns = shadowRuns;
		this.history = history;
		this.settings = properties.lifecycle();
	}

	/** The evidence for the agent's next gate; 404 for an unknown agent. */
	public Evidence of(String agentId) {
		Agent agent = library.find(agentId).orElseThrow(() -> new AgentLibrary.UnknownAgentException(agentId));
		return switch (agent.getStatus()) {
			case SHADOW -> shadow(agent);
			case CANARY -> canary(agent);
			default -> new Evidence(agent.getId(), agent.getCapability(), agent.getStatus(), agent.getStageSince(), null,
					null, null, null, null, null, List.of(), Evidence.Decision.INSUFFICIENT,
					List.of("agent " + agent.getId() + " is " + agent.getStatus() + ": no gate leads on from there"));
		};
	}

	private Evidence shadow(Agent agent) {
		List<AgentCall> shadowCalls = telemetry.callsSince(agent.getId(), agent.getStageSince())
			.stream()
			.filter(AgentCall::isShadow)
			.toList();
		// the incumbents' calls since the shadow stage began, read once: each task instance's last one with outputs
		Map<String, AgentCall> served = new HashMap<>();
		for (AgentCall c : telemetry.servingCallsSince(agent.getStageSince(), othersOf(agent))) {
			if (c.getOutcome() != AgentCall.Outcome.FAILURE && c.getOutputs() != null) {
				served.put(c.getProcessInstanceId() + "/" + c.getActivityId(), c);
			}
		}
		List<AgentCall> shadowSide = new ArrayList<>();
		List<AgentCall> incumbentSide = new ArrayList<>();
		long agreeing = 0;
		for (AgentCall shadowCall : shadowCalls) {
			if (shadowCall.getOutcome() == AgentCall.Outcome.FAILURE) {
				continue;
			}
			AgentCall incumbentCall = served.get(shadowCall.getProcessInstanceId() + "/" + shadowCall.getActivityId());
			if (incumbentCall == null || shadowCall.getOutputs() == null) {
				continue;
			}
			shadowSide.add(shadowCall);
			incumbentSide.add(incumbentCall);
			if (OutputAgreement.agree(quality.outputsOf(shadowCall), quality.outputsOf(incumbentCall))) {
				agreeing++;
			}
		}
		long compared = shadowSide.size();
		Double agreement = compared == 0 ? null : round((double) agreeing / compared);
		Evidence.Arm candidate = arm(List.of(agent.getId()), shadowCalls, null);
		Evidence.Arm incumbent = arm(incumbentSide.stream().map(AgentCall::getAgentId).distinct().toList(), incumbentSide,
				null);
		// quality on the pairs where both sides were judged
		double candidateScore = 0;
		double incumbentScore = 0;
		long judgedPairs = 0;
		for (int i = 0; i < shadowSide.size(); i++) {
			Double s = shadowSide.get(i).qualityScore();
			Double inc = incumbentSide.get(i).qualityScore();
			if (s != null && inc != null) {
				candidateScore += s;
				incumbentScore += inc;
				judgedPairs++;
			}
		}
		GateStatistics.Test qualityTest = GateStatistics.lowerRate("two-proportion: shadow's quality lower on judged pairs",
				candidateScore, judgedPairs, incumbentScore, judgedPairs, settings.significance());
		List<String> reasons = new ArrayList<>();
		Evidence.Decision decision;
		if (compared < settings.minShadowRuns()) {
			decision = Evidence.Decision.INSUFFICIENT;
			reasons.add(compared + " of the " + settings.minShadowRuns() + " compared shadow runs the gate needs");
		}
		else if (candidate.failureRate() != null && candidate.failureRate() > settings.maxErrorRate()) {
			decision = Evidence.Decision.FAIL;
			reasons.add(pct(candidate.failureRate()) + " of the shadow's calls failed, above the limit "
					+ pct(settings.maxErrorRate()));
		}
		else if (qualityTest.significant()) {
			decision = Evidence.Decision.FAIL;
			reasons.add(String.format(Locale.ROOT, "on %d judged pairs the shadow is right %s of the time, less often than"
					+ " the incumbent's %s (p %s, below the %s significance level)", judgedPairs, pct(candidateScore / judgedPairs),
					pct(incumbentScore / judgedPairs), GateStatistics.p(qualityTest.pValue()), settings.significance()));
		}
		else if (judgedPairs >= Math.max(1, settings.minShadowRuns() / 3)) {
			decision = Evidence.Decision.PASS;
			reasons.add(String.format(Locale.ROOT, "on %d judged pairs the shadow is right %s of the time, not less often"
					+ " than the incumbent's %s (p %s)", judgedPairs, pct(candidateScore / judgedPairs),
					pct(incumbentScore / judgedPairs), GateStatistics.p(qualityTest.pValue())));
		}
		else if (agreement != null && agreement >= 0.9) {
			decision = Evidence.Decision.PASS;
			reasons.add("too few judged pairs (" + judgedPairs + "), but the shadow agrees with the incumbent on "
					+ pct(agreement) + " of " + compared + " task instances");
		}
		else {
			decision = Evidence.Decision.INSUFFICIENT;
			reasons.add("the shadow disagrees with the incumbent on " + pct(agreement == null ? 0 : 1 - agreement)
					+ " of the task instances and only " + judgedPairs + " pairs were judged: the truth or people must decide");
		}
		return new Evidence(agent.getId(), agent.getCapability(), AgentStatus.SHADOW, agent.getStageSince(),
				StageGate.promotionFrom(AgentStatus.SHADOW), candidate, incumbent,
				shadowRuns.dispatchedSince(agent.getId(), agent.getStageSince()), compared, agreement, List.of(qualityTest),
				decision, reasons);
	}

	private Evidence canary(Agent agent) {
		List<AgentCall> canaryCalls = telemetry.callsSince(agent.getId(), agent.getStageSince())
			.stream()
			.filter(c -> !c.isShadow())
			.toList();
		List<AgentCall> incumbentCalls = telemetry.servingCallsSince(agent.getStageSince(), othersOf(agent));
		double[] canaryTimes = cycleTimes(canaryCalls);
		double[] incumbentTimes = cycleTimes(incumbentCalls);
		Evidence.Arm candidate = arm(List.of(agent.getId()), canaryCalls, canaryTimes);
		Evidence.Arm incumbent = arm(incumbentCalls.stream().map(AgentCall::getAgentId).distinct().toList(), incumbentCalls,
				incumbentTimes);
		double alpha = settings.significance();
		List<GateStatistics.Test> tests = new ArrayList<>();
		tests.add(GateStatistics.longer(canaryTimes, incumbentTimes, alpha));
		tests.add(GateStatistics.lowerRate("two-proportion: canary's acceptance lower",
				count(canaryCalls, c -> c.getFeedback() == AgentCall.Feedback.ACCEPTED), candidate.verdicts(),
				count(incumbentCalls, c -> c.getFeedback() == AgentCall.Feedback.ACCEPTED), incumbent.verdicts(), alpha));
		tests.add(GateStatistics.lowerRate("two-proportion: canary's right answers (ground truth) fewer",
				count(canaryCalls, c -> c.getGroundTruth() == AgentCall.Truth.CORRECT), candidate.judged(),
				count(incumbentCalls, c -> c.getGroundTruth() == AgentCall.Truth.CORRECT), incumbent.judged(), alpha));
		tests.add(GateStatistics.lowerRate("two-proportion: canary's instances without rework fewer",
				candidate.instances() * (1 - nz(candidate.reworkRate())), candidate.instances(),
				incumbent.instances() * (1 - nz(incumbent.reworkRate())), incumbent.instances(), alpha));
		List<String> reasons = new ArrayList<>();
		Evidence.Decision decision;
		if (candidate.endedInstances() < settings.minCanaryInstances()
				|| incumbent.endedInstances() < settings.minCanaryInstances()) {
			decision = Evidence.Decision.INSUFFICIENT;
			reasons.add("ended instances: canary " + candidate.endedInstances() + ", incumbent " + incumbent.endedInstances()
					+ "; the gate needs " + settings.minCanaryInstances() + " in each arm");
		}
		else {
			List<GateStatistics.Test> worse = tests.stream().filter(GateStatistics.Test::significant).toList();
			decision = worse.isEmpty() ? Evidence.Decision.PASS : Evidence.Decision.FAIL;
			if (worse.isEmpty()) {
				reasons.add(String.format(Locale.ROOT, "no test finds the canary worse at the %s level (%d and %d ended"
						+ " instances)", alpha, candidate.endedInstances(), incumbent.endedInstances()));
			}
			worse.forEach(t -> reasons.add(String.format(Locale.ROOT, "%s: p %s, below the %s significance level", t.name(),
					GateStatistics.p(t.pValue()), alpha)));
		}
		return new Evidence(agent.getId(), agent.getCapability(), AgentStatus.CANARY, agent.getStageSince(),
				StageGate.promotionFrom(AgentStatus.CANARY), candidate, incumbent, null, null, null, tests, decision,
				reasons);
	}

	/** The capability's other agents: the incumbents a candidate is compared with. */
	private List<String> othersOf(Agent agent) {
		return library.forCapability(agent.getCapability())
			.stream()
			.filter(a -> !a.getId().equals(agent.getId()))
			.map(Agent::getId)
			.toList();
	}

	/**
	 * One side's figures from its calls; given the cycle times of the ended instances they served
	 * (canary evidence), also those and the instances' rework.
	 */
	private Evidence.Arm arm(List<String> agents, List<AgentCall> calls, double[] times) {
		long n = calls.size();
		Map<String, Integer> perInstance = new LinkedHashMap<>();
		calls.stream()
			.filter(c -> c.getProcessInstanceId() != null)
			.forEach(c -> perInstance.merge(c.getProcessInstanceId() + "/" + c.getActivityId(), 1, Integer::sum));
		Set<String> instanceIds = new HashSet<>();
		calls.stream().map(AgentCall::getProcessInstanceId).filter(Objects::nonNull).forEach(instanceIds::add);
		long ended = 0;
		Double median = null;
		Double rework = null;
		if (times != null) {
			ended = times.length;
			median = times.length == 0 ? null : median(times);
			Set<String> reworked = new HashSet<>();
			perInstance.forEach((key, count) -> {
				if (count > 1) {
					reworked.add(key.substring(0, key.indexOf('/')));
				}
			});
			rework = instanceIds.isEmpty() ? null : round((double) reworked.size() / instanceIds.size());
		}
		long failures = count(calls, c -> c.getOutcome() == AgentCall.Outcome.FAILURE);
		long low = count(calls, c -> c.getOutcome() == AgentCall.Outcome.LOW_CONFIDENCE);
		long verdicts = count(calls, c -> c.getFeedback() != null);
		long accepted = count(calls, c -> c.getFeedback() == AgentCall.Feedback.ACCEPTED);
		long judged = count(calls, c -> c.getGroundTruth() != null);
		long correct = count(calls, c -> c.getGroundTruth() == AgentCall.Truth.CORRECT);
		List<Double> scores = calls.stream().map(AgentCall::qualityScore).filter(Objects::nonNull).toList();
		List<Double> judgeScores = calls.stream().map(AgentCall::getJudgeScore).filter(Objects::nonNull).toList();
		List<Double> humanScores = calls.stream()
			.map(AgentCall::getFeedback)
			.filter(Objects::nonNull)
			.map(AgentCall.Feedback::score)
			.toList();
		long[] latencies = calls.stream().mapToLong(AgentCall::getLatencyMillis).sorted().toArray();
		return new Evidence.Arm(agents, n, instanceIds.size(), ended, median, rework,
				n == 0 ? null : round((double) failures / n), n == 0 ? null : round((double) low / n),
				n == 0 ? null : round(calls.stream().mapToDouble(AgentCall::getCost).sum() / n),
				Scorecard.percentile(latencies, 50), verdicts, verdicts == 0 ? null : round((double) accepted / verdicts),
				judged, judged == 0 ? null : round((double) correct / judged),
				mean(scores), scores.size(), judgeScores.size(), mean(judgeScores), mean(humanScores));
	}

	private static Double mean(List<Double> values) {
		return values.isEmpty() ? null : round(values.stream().mapToDouble(Double::doubleValue).average().orElse(0));
	}

	/** The cycle times of the ended process instances the calls served. */
	private double[] cycleTimes(Collection<AgentCall> calls) {
		Set<String> ids = new HashSet<>();
		calls.stream().map(AgentCall::getProcessInstanceId).filter(Objects::nonNull).forEach(ids::add);
		if (ids.isEmpty()) {
			return new double[0];
		}
		Map<String, Long> durations = new HashMap<>();
		List<String> all = new ArrayList<>(ids);
		for (int from = 0; from < all.size(); from += 500) {
			Set<String> chunk = new HashSet<>(all.subList(from, Math.min(all.size(), from + 500)));
			for (HistoricProcessInstance p : history.createHistoricProcessInstanceQuery().processInstanceIds(chunk)
				.finished()
				.list()) {
				if (p.getDurationInMillis() != null) {
					durations.put(p.getId(), p.getDurationInMillis());
				}
			}
		}
		return durations.values().stream().mapToDouble(Long::doubleValue).toArray();
	}

	private static long count(List<AgentCall> calls, Predicate<AgentCall> test) {
		return calls.stream().filter(test).count();
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		java.util.Arrays.sort(sorted);
		int m = sorted.length / 2;
		return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
	}

	private static double nz(Double v) {
		return v == null ? 0 : v;
	}

	private static double round(double v) {
		return Math.round(v * 10_000) / 10_000.0;
	}

	private static String pct(double share) {
		return String.format(Locale.ROOT, "%.1f%%", share * 100);
	}
}
