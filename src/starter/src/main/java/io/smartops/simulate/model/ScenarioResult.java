package io.smartops.simulate.model;

import java.util.List;
import java.util.Map;

/**
 * What a scenario's replications measured. Durations in milliseconds.
 *
 * @param cycleTime p50, p90, p95 and mean cycle time of the completed instances after the warm-up
 * @param throughputPerDay instances completed a day
 * @param workInProgress instances in progress, on average over the measured time
 * @param utilisation per group, the share of its people's time spent working
 * @param waiting per task, the mean time an execution waited before it was worked on
 * @param costPerInstance what a completed instance cost (people's time at their rates, agents, automation)
 * @param slaAttainment share of completed instances within the SLA (null without one)
 * @param wrongOutputsPerInstance agents' outputs expected to be wrong, per instance (1 − quality per call)
 * @param cycleTimeHistogram completed instances per cycle-time bucket, pooled over the replications
 * @param cycleTimeQuantiles the pooled cycle times at every half percent (0, 0.5%, … 100%): the
 * distribution, for drawing and for the earth mover's distance of a backtest
 * @param completed instances measured; {@code unfinished} those still running when a replication ended
 */
public record ScenarioResult(String label, Map<String, Estimate> cycleTime, Estimate throughputPerDay,
		Estimate workInProgress, Map<String, Estimate> utilisation, Map<String, Estimate> waiting,
		Estimate costPerInstance, Estimate slaAttainment, Estimate wrongOutputsPerInstance,
		List<Bucket> cycleTimeHistogram, double[] cycleTimeQuantiles, long completed, long unfinished) {

	/** Completed instances with a cycle time in [fromMillis, toMillis). */
	public record Bucket(long fromMillis, long toMillis, long instances) {
	}
}
