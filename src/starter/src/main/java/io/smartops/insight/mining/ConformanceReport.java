package io.smartops.insight.mining;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * How a process's ended instances conform to its BPMN: each replayed on the model of its own
 * version by {@link Alignments} (optimal alignments).
 *
 * @param fitness the process's fitness over the window: 1 − all deviations ÷ the cost of all worst
 * alignments (1 when every instance ran as modelled; null without instances)
 * @param algorithm the algorithm and its source
 * @param instances ended instances replayed
 * @param fitting those that ran exactly as modelled
 * @param changedByHand those modified (tokens moved in Cockpit or over the API), migrated or deleted by
 * hand (a deleted instance's missing tasks count as skipped)
 * @param unaligned those whose alignment the search gave up on (counted with fitness 0)
 * @param distribution how many instances have a fitness of 1, 0.9 to 1, 0.8 to 0.9 …, below 0.5
 * @param overTime the fitness of each day's ended instances
 * @param deviations per task, how often it was skipped, inserted or run out of order, with examples
 * @param leastFitting the instances with the lowest fitness, at most 20
 * @param heatmap per task and per sequence flow, how often it ran and how long it took
 */
public record ConformanceReport(String processKey, Integer version, Instant from, Instant to, Double fitness,
		String algorithm, long instances, long fitting, long changedByHand, long unaligned,
		Map<String, Long> distribution, List<DayFitness> overTime, List<ActivityDeviations> deviations,
		List<InstanceFitness> leastFitting, Heatmap heatmap) {

	public record DayFitness(LocalDate day, long instances, double fitness) {
	}

	/**
	 * One task's deviations. {@code instances} counts the instances with any of them;
	 * {@code changedByHand} those of them that were changed by hand; {@code share} is
	 * {@code instances} over all instances replayed.
	 */
	public record ActivityDeviations(String activityId, String name, long skipped, long inserted, long outOfOrder,
			long instances, double share, long changedByHand, List<Example> examples) {
	}

	/** An instance that deviated on a task, and where to see it in Cockpit. */
	public record Example(String instanceId, String deviation, boolean changedByHand, String cockpit) {
	}

	/** An instance's fitness and its deviations in words. */
	public record InstanceFitness(String instanceId, double fitness, int deviations, boolean changedByHand,
			List<String> details, String cockpit) {
	}

	/** By BPMN element id: tasks (executions, mean duration) and sequence flows (tokens passed, mean wait on the flow). */
	public record Heatmap(Map<String, Heat> activities, Map<String, Heat> flows) {
	}

	/** How often an element was passed and the mean time it took, in milliseconds (null when unknown). */
	public record Heat(long frequency, Long meanMillis) {
	}
}
