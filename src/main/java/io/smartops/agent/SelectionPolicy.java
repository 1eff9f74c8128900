package io.smartops.agent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the agent for one task instance: among active agents of the capability, the cheapest
 * expected cost subject to quality at least the floor and expected latency at most the ceiling,
 * skipping agents that are over budget, tripped by their circuit breaker, or unavailable, and
 * any whose expected cost exceeds what is left of the process instance's budget. Ties go to the
 * higher quality, then the lower latency. Plain code: no engine, no database.
 */
public final class SelectionPolicy {

	/** What the policy knows of one agent at the moment of choosing. */
	public record Candidate(String agentId, AgentStatus status, double expectedCost, long expectedLatencyMillis,
			double quality, boolean available, boolean circuitOpen, boolean overDailyBudget) {
	}

	/** The task's floors; {@code remainingInstanceBudget} null means no process-instance budget. */
	public record Requirements(double qualityFloor, long latencyCeilingMillis, Double remainingInstanceBudget) {
	}

	/** The chosen agent (empty when none qualifies) and why, in words an operator can read. */
	public record Decision(Optional<String> agentId, String reason, List<String> rejected) {
		public boolean chosen() {
			return agentId.isPresent();
		}
	}

	public Decision select(String capability, List<Candidate> candidates, Requirements req) {
		List<String> rejected = new ArrayList<>();
		List<Candidate> qualifying = new ArrayList<>();
		for (Candidate c : candidates) {
			String why = rejection(c, req);
			if (why == null) {
				qualifying.add(c);
			}
			else {
				rejected.add(c.agentId() + ": " + why);
			}
		}
		if (qualifying.isEmpty()) {
			String reason = candidates.isEmpty() ? "no agent is registered for capability " + capability
					: "no agent qualifies for capability " + capability + " (" + String.join("; ", rejected) + ")";
			return new Decision(Optional.empty(), reason, rejected);
		}
		Candidate best = qualifying.stream()
			.min(Comparator.comparingDouble(Candidate::expectedCost)
				.thenComparing(Comparator.comparingDouble(Candidate::quality).reversed())
				.thenComparingLong(Candidate::expectedLatencyMillis)
				.thenComparing(Candidate::agentId))
			.orElseThrow();
		String reason = String.format(Locale.ROOT,
				"cheapest qualifying agent for %s: cost %.4f, quality %.2f >= %.2f, latency %d ms <= %d ms; %d of %d qualified",
				capability, best.expectedCost(), best.quality(), req.qualityFloor(), best.expectedLatencyMillis(),
				req.latencyCeilingMillis(), qualifying.size(), candidates.size());
		return new Decision(Optional.of(best.agentId()), reason, rejected);
	}

	private static String rejection(Candidate c, Requirements req) {
		if (c.status() != AgentStatus.ACTIVE) {
			return "status " + c.status();
		}
		if (!c.available()) {
			return "unavailable (no model configured)";
		}
		if (c.circuitOpen()) {
			return "circuit breaker open after repeated failures";
		}
		if (c.overDailyBudget()) {
			return "over its daily budget";
		}
		if (c.quality() < req.qualityFloor()) {
			return String.format(Locale.ROOT, "quality %.2f below the floor %.2f", c.quality(), req.qualityFloor());
		}
		if (c.expectedLatencyMillis() > req.latencyCeilingMillis()) {
			return "expected latency " + c.expectedLatencyMillis() + " ms above the ceiling " + req.latencyCeilingMillis()
					+ " ms";
		}
		if (req.remainingInstanceBudget() != null && c.expectedCost() > req.remainingInstanceBudget()) {
			return String.format(Locale.ROOT, "expected cost %.4f above the process instance's remaining budget %.4f",
					c.expectedCost(), req.remainingInstanceBudget());
		}
		return null;
	}
}
