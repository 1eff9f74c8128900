package io.smartops.insight;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.smartops.core.execution.TaskExecution.ExecutorKind;

/**
 * Everything the insights say about one process over a window: end to end, per activity, its
 * variants and bottlenecks, and each KPI against its baseline, target and entitlement. Durations
 * in milliseconds; the README documents every field.
 */
public record ProcessInsight(String processKey, Integer version, Instant from, Instant to, String owner, String pod,
		EndToEnd endToEnd, List<KpiStatus> kpis, List<ActivityInsight> activities, List<Variant> variants,
		Bottlenecks bottlenecks, List<Bucket> cycleTimeHistogram, List<Week> trend) {

	/** Completed instances with a cycle time in [fromMillis, toMillis). */
	public record Bucket(long fromMillis, long toMillis, long instances) {
	}

	/** The instances completed in one week (its Monday, UTC): how many, how fast, at what cost. */
	public record Week(String week, long completed, Long cycleTimeP50, Long cycleTimeP90, Double costPerInstance,
			Double firstPassYield) {
	}

	/**
	 * @param started instances started in the window
	 * @param completed instances that reached an end event in the window
	 * @param runningAtEnd instances in progress at the window's end
	 * @param workInProgress instances in progress on average over the window
	 * @param slaMillis the owner's SLA (a cycle time), null when none is set
	 * @param slaAttainment share of completed instances within it
	 */
	public record EndToEnd(long started, long completed, long runningAtEnd, double throughputPerDay,
			double workInProgress, Stats cycleTime, Long slaMillis, Double slaAttainment, Double costPerInstance,
			Double firstPassYield) {
	}

	/**
	 * A KPI now, against its latest baseline, the owner's target and the entitlement (the best week
	 * in the window, {@code entitlementWeek} its Monday). Gaps are shortfalls: positive when the
	 * current value is worse, 0 or less when it is as good or better.
	 */
	public record KpiStatus(Kpi kpi, Double current, Double baseline, Instant baselineMeasuredAt, Double target,
			Double entitlement, String entitlementWeek, Double gapToTarget, Double gapToEntitlement) {
	}

	/**
	 * One activity (a task) of the process.
	 *
	 * @param executorKind who executes it most often; {@code executorKinds} counts each
	 * @param waiting the time each execution waited (created, not yet worked on)
	 * @param working the time each execution was worked on
	 * @param instances the instances whose first run of it started in the window
	 * @param reworkRate share of those instances that ran it more than once
	 * @param errorRate share of executions that ended in a BPMN error or an incident, or failed once
	 * @param costPerExecution mean cost: people by working time × their group's hourly rate, agents
	 * by their recorded calls, automation at its configured cost per execution
	 */
	public record ActivityInsight(String activityId, String name, ExecutorKind executorKind,
			Map<ExecutorKind, Long> executorKinds, long executions, long instances, Stats duration, Stats waiting,
			Stats working, double reworkRate, double errorRate, long bpmnErrors, long incidents, long failures,
			Double costPerExecution, double totalCost, Quality quality) {
	}

	/**
	 * @param agentCalls agent calls on the activity in the window
	 * @param accepted calls whose output a person accepted as it was
	 * @param edited calls whose output a person changed
	 * @param lowConfidence calls whose confidence fell below the floor (the task went to a person)
	 * @param meanConfidence mean confidence of the calls that reported one
	 * @param slaBreaches executions during which a timer on the task fired (an SLA passed)
	 */
	public record Quality(long agentCalls, long accepted, long edited, long lowConfidence, Double meanConfidence,
			long slaBreaches) {
	}

	/** A distinct path: the tasks an instance ran, in order; how many completed instances took it. */
	public record Variant(List<String> activities, long instances, double share, Long cycleTimeP50) {
	}

	/** Activities ranked by their share of the time spent in tasks, of the waiting time and of the cost. */
	public record Bottlenecks(List<Share> byTime, List<Share> byWaiting, List<Share> byCost) {
	}

	public record Share(String activityId, String name, double share) {
	}
}
