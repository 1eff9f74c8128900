package io.smartops.insight;

import java.time.Instant;
import java.util.Map;

/**
 * What a simulation predicts an improvement does: KPIs before (the process as it runs) and after
 * (with the change), each a mean over the simulation's replications with its 95% interval.
 * KPI names: cycleTimeP50, cycleTimeP90 (ms), throughputPerDay, workInProgress, costPerInstance,
 * slaAttainment. {@code notSimulated} says why a kind of change is not simulated (then no KPIs).
 */
public record SimulatedEffect(String simulationId, Instant simulatedAt, Map<String, Interval> before,
		Map<String, Interval> after, String notSimulated) {

	/** A mean and its 95% interval (null bounds with a single replication). */
	public record Interval(Double mean, Double low, Double high) {
	}
}
