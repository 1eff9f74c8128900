package io.smartops.insight;

import java.util.ArrayList;
import java.util.List;

import io.smartops.insight.ProcessInsight.ActivityInsight;
import io.smartops.core.execution.TaskExecution.ExecutorKind;

/**
 * Work segmentation from evidence: for each task, who should do it — automation, an agent, a
 * person, or keep it as it is — with the figures and the rule that decided. Plain computation
 * over the task's insight and the library's agents of its capability.
 */
public final class Segmentation {

	public enum Recommendation {
		AUTOMATION, AGENT, HUMAN, KEEP
	}

	/** An agent of the library that could take the task. */
	public record CandidateAgent(String id, String name, String kind, String status, double quality, double costPerCall,
			long expectedLatencyMillis) {
	}

	/**
	 * What the recommendation rests on. {@code dailyVolume} executions per day; {@code workingCv}
	 * the variation of the working time (how varied the inputs are); {@code editRate} the share of
	 * an agent's reviewed outputs that people changed; {@code lowConfidenceRate} the share of its
	 * calls below the confidence floor; {@code confidenceP10}/{@code P50} its confidence distribution.
	 */
	public record Evidence(long executions, double dailyVolume, Long workingP50, Double workingCv, double reworkRate,
			double errorRate, Double editRate, Double lowConfidenceRate, Double confidenceP10, Double confidenceP50) {
	}

	public record TaskSegment(String activityId, String name, ExecutorKind executorKind, String capability,
			Recommendation recommendation, String reason, Evidence evidence, List<CandidateAgent> candidateAgents) {
	}

	private final SegmentationRules rules;

	/** The evidence of a task from its insight and the agent calls on it, over a window of {@code days}. */
	public static Evidence evidence(ActivityInsight a, List<ProcessHistory.AgentCallRecord> calls, double days) {
		long reviewed = a.quality().accepted() + a.quality().edited();
		double[] confidences = calls.stream().filter(c -> c.confidence() != null).mapToDouble(c -> c.confidence())
			.sorted().toArray();
		return new Evidence(a.executions(), days > 0 ? a.executions() / days : 0, a.working().p50(), a.working().cv(),
				a.reworkRate(), a.errorRate(), reviewed == 0 ? null : a.quality().edited() / (double) reviewed,
				a.quality().agentCalls() == 0 ? null : a.quality().lowConfidence() / (double) a.quality().agentCalls(),
				quantile(confidences, 0.1), quantile(confidences, 0.5));
	}

	private static Double quantile(double[] sorted, double p) {
		return sorted.length == 0 ? null : sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
	}

	public Segmentation(SegmentationRules rules) {
		this.rules = rules;
	}

	/**
	 * Applies the rules, first that matches:
	 * <ul>
	 * <li>fewer than the minimum executions: keep;</li>
	 * <li>a person's task that is frequent, short, uniform and rarely fails: automation;</li>
	 * <li>a person's task that is frequent and an agent of its capability exists: agent;</li>
	 * <li>an agent whose outputs people change, or that is unsure, too often: a person;</li>
	 * <li>automation that fails too often: an agent of its capability, else a person;</li>
	 * <li>otherwise keep.</li>
	 * </ul>
	 */
	public TaskSegment segment(ActivityInsight a, String capability, Evidence e, List<CandidateAgent> candidates) {
		Recommendation r = Recommendation.KEEP;
		String reason;
		if (e.executions() < rules.minExecutions()) {
			reason = e.executions() + " executions, fewer than the " + rules.minExecutions() + " a recommendation needs";
		}
		else if (a.executorKind() == ExecutorKind.HUMAN) {
			boolean frequent = e.dailyVolume() >= rules.minDailyVolume();
			boolean routine = e.workingP50() != null && e.workingP50() <= rules.routineWorkingMillis()
					&& e.workingCv() != null && e.workingCv() <= rules.routineVariation()
					&& e.errorRate() <= rules.maxErrorRate();
			if (frequent && routine) {
				r = Recommendation.AUTOMATION;
				reason = String.format("routine: %.1f a day, median work %d s, variation %.2f ≤ %.2f, errors %.1f%%",
						e.dailyVolume(), e.workingP50() / 1000, e.workingCv(), rules.routineVariation(),
						100 * e.errorRate());
			}
			else if (frequent && !candidates.isEmpty()) {
				r = Recommendation.AGENT;
				reason = String.format("%.1f a day, too varied to automate (variation %s), and %d agent(s) of %s exist",
						e.dailyVolume(), e.workingCv() == null ? "unknown" : String.format("%.2f", e.workingCv()),
						candidates.size(), capability);
			}
			else {
				reason = frequent ? "no agent of the library can take it" + (capability == null ? " (no capability named)" : "")
						: String.format("%.2f a day, fewer than %.1f", e.dailyVolume(), rules.minDailyVolume());
			}
		}
		else if (a.executorKind() == ExecutorKind.AGENT) {
			if (e.editRate() != null && e.editRate() > rules.agentMaxEditRate()) {
				r = Recommendation.HUMAN;
				reason = String.format("people changed %.0f%% of its outputs, more than %.0f%%", 100 * e.editRate(),
						100 * rules.agentMaxEditRate());
			}
			else if (e.lowConfidenceRate() != null && e.lowConfidenceRate() > rules.agentMaxLowConfidenceRate()) {
				r = Recommendation.HUMAN;
				reason = String.format("%.0f%% of its calls were below the confidence floor, more than %.0f%%",
						100 * e.lowConfidenceRate(), 100 * rules.agentMaxLowConfidenceRate());
			}
			else {
				reason = "its outputs are accepted and it is confident";
			}
		}
		else {
			if (e.errorRate() > rules.automationMaxErrorRate()) {
				r = candidates.isEmpty() ? Recommendation.HUMAN : Recommendation.AGENT;
				reason = String.format("fails %.1f%% of the time, more than %.1f%%; %s", 100 * e.errorRate(),
						100 * rules.automationMaxErrorRate(),
						candidates.isEmpty() ? "no agent can take it" : candidates.size() + " agent(s) of " + capability + " can");
			}
			else {
				reason = String.format("automated and fails %.1f%% of the time", 100 * e.errorRate());
			}
		}
		return new TaskSegment(a.activityId(), a.name(), a.executorKind(), capability, r, reason, e,
				new ArrayList<>(candidates));
	}
}
