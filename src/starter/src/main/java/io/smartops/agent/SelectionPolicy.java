package io.smartops.agent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the agent for one task instance among the active agents of the capability whose quality
 * is at least the floor and expected latency at most the ceiling, skipping agents that are over
 * budget, tripped by their circuit breaker, or unavailable, and any whose expected cost exceeds
 * what is left of the process instance's budget. The task chooses the objective:
 * {@link Objective#CHEAPEST} takes the lowest expected cost (ties: higher quality, then lower
 * latency); {@link Objective#BEST_VALUE} takes the highest expected value, quality × the value of
 * a right answer − cost − the price of a second × expected latency in seconds. The quality is the
 * measured one ({@link QualityEstimate}). When measured quality alone keeps out every agent that
 * was registered at or above the floor, the best of them serves ({@link Decision#belowFloor()}).
 * Plain code: no engine, no database.
 */
public final class SelectionPolicy {

	/** What the policy knows of one agent at the moment of choosing. */
	public record Candidate(String agentId, AgentStatus status, double expectedCost, long expectedLatencyMillis,
			double quality, boolean available, boolean circuitOpen, boolean overDailyBudget, double registeredQuality) {

		public Candidate(String agentId, AgentStatus status, double expectedCost, long expectedLatencyMillis, double quality,
				boolean available, boolean circuitOpen, boolean overDailyBudget) {
			this(agentId, status, expectedCost, expectedLatencyMillis, quality, available, circuitOpen, overDailyBudget,
					quality);
		}
	}

	/** What the task optimises among the agents that qualify. */
	public enum Objective {
		CHEAPEST, BEST_VALUE
	}

	/**
	 * The task's floors and objective; {@code remainingInstanceBudget} null means no process-instance
	 * budget. {@code valueOfRightAnswer} and {@code latencyPricePerSecond} count for BEST_VALUE only.
	 */
	public record Requirements(double qualityFloor, long latencyCeilingMillis, Double remainingInstanceBudget,
			Objective objective, double valueOfRightAnswer, double latencyPricePerSecond) {

		public Requirements(double qualityFloor, long latencyCeilingMillis, Double remainingInstanceBudget) {
			this(qualityFloor, latencyCeilingMillis, remainingInstanceBudget, Objective.CHEAPEST, 0, 0);
		}

		/** The expected value of one call of the candidate. */
		public double expectedValue(Candidate c) {
			return c.quality() * valueOfRightAnswer - c.expectedCost() - latencyPricePerSecond * c.expectedLatencyMillis() / 1000.0;
		}
	}

	/**
	 * The chosen agent (empty when none can serve) and why, in words an operator can read;
	 * {@code belowFloor} when none met the quality floor and the best of them serves.
	 */
	public record Decision(Optional<String> agentId, String reason, List<String> rejected, boolean belowFloor) {

		public Decision(Optional<String> agentId, String reason, List<String> rejected) {
			this(agentId, reason, rejected, false);
		}

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
			// measured quality moves: when its drift alone keeps every agent out (they were registered at or above
			// the floor), the best one serves and the owner is told; a registered quality below the floor is a
			// design fact and the step fails as before
			Requirements anyQuality = new Requirements(0, req.latencyCeilingMillis(), req.remainingInstanceBudget(),
					req.objective(), req.valueOfRightAnswer(), req.latencyPricePerSecond());
			Optional<Candidate> best = candidates.stream()
				.filter(c -> rejection(c, anyQuality) == null && c.registeredQuality() >= req.qualityFloor())
				.max(Comparator.comparingDouble(Candidate::quality)
					.thenComparing(Comparator.comparingDouble(Candidate::expectedCost).reversed())
					.thenComparing(Comparator.comparing(Candidate::agentId).reversed()));
			if (best.isPresent()) {
				String reason = String.format(Locale.ROOT,
						"no agent of %s meets the quality floor %.2f (%s); the best, %s at quality %.3f, serves",
						capability, req.qualityFloor(), String.join("; ", rejected), best.get().agentId(),
						best.get().quality());
				return new Decision(Optional.of(best.get().agentId()), reason, rejected, true);
			}
			String reason = candidates.isEmpty() ? "no agent is registered for capability " + capability
					: "no agent qualifies for capability " + capability + " (" + String.join("; ", rejected) + ")";
			return new Decision(Optional.empty(), reason, rejected);
		}
		if (req.objective() == Objective.BEST_VALUE) {
			Candidate best = qualifying.stream()
				.max(Comparator.comparingDouble(req::expectedValue)
					.thenComparing(Comparator.comparingDouble(Candidate::expectedCost).reversed())
					.thenComparing(Comparator.comparing(Candidate::agentId).reversed()))
				.orElseThrow();
			String reason = String.format(Locale.ROOT,
					"best expected value for %s: %.4f = quality %.3f × value %.4f − cost %.4f − %.4f/s × %d ms; %d of %d qualified",
					capability, req.expectedValue(best), best.quality(), req.valueOfRightAnswer(), best.expectedCost(),
					req.latencyPricePerSecond(), best.expectedLatencyMillis(), qualifying.size(), candidates.size());
			return new Decision(Optional.of(best.agentId()), reason, rejected);
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
