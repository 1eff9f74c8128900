package io.smartops.simulate;

import java.util.List;
import java.util.Map;

import io.smartops.core.execution.TaskExecution.ExecutorKind;
import io.smartops.simulate.model.Distribution;

/**
 * A request to simulate a process ({@code POST /smartops/api/simulations}): the baseline fitted
 * from its history over [{@code fitFrom}, {@code fitTo}) with any parameter given replacing the
 * fitted one, and, when changes are given, the what-if that applies them.
 *
 * @param instances instances a replication starts; or {@code horizon}, how long it runs (ISO-8601, e.g. P30D)
 * @param replications runs of each scenario with seeds {@code seed}, {@code seed + 1}, …
 */
public record SimulationRequest(String processKey, Integer instances, String horizon, Integer replications, Long seed,
		Double warmUpShare, String fitFrom, String fitTo, List<Change> changes, Overrides parameters) {

	/** Parameters that replace fitted ones. */
	public record Overrides(Double arrivalRatePerHour, Map<String, ActivityOverride> activities,
			Map<String, Integer> people, Map<String, Map<String, Double>> branches, Long slaMillis,
			Map<String, Object> variables) {
	}

	/** A task's parameters; those not given stay fitted. */
	public record ActivityOverride(ExecutorKind kind, Distribution working, Distribution delay, Double errorProbability,
			Double costPerExecution, Double quality) {
	}

	/** What a what-if changes. */
	public enum ChangeType {
		/** An agent of the library takes a task: its measured latency, cost and quality. */
		AGENT_TAKES_TASK,
		/** A task is automated: the process's automated steps' typical time and the automation cost. */
		AUTOMATE_TASK,
		/** A group gets {@code people} people, or {@code delta} more (fewer when negative). */
		PEOPLE,
		/** Arrivals are {@code factor} times as many. */
		ARRIVALS,
		/** A gateway's branch probabilities become {@code probabilities}. */
		BRANCH,
		/** The SLA the attainment is measured against becomes {@code slaMillis}. */
		SLA,
		/**
		 * A person of {@code group} (default: the largest group) checks {@code share} of a task's outputs
		 * for {@code minutes} each (default {@code smartops.insights.improvements.review-minutes}); a
		 * checked output is right.
		 */
		PERSON_CHECKS_OUTPUT
	}

	public record Change(ChangeType type, String activityId, String agentId, String group, Integer people,
			Integer delta, Double factor, String gatewayId, Map<String, Double> probabilities, Long slaMillis,
			Double share, Double minutes) {

		public static Change agentTakes(String activityId, String agentId) {
			return new Change(ChangeType.AGENT_TAKES_TASK, activityId, agentId, null, null, null, null, null, null, null,
					null, null);
		}

		public static Change automate(String activityId) {
			return new Change(ChangeType.AUTOMATE_TASK, activityId, null, null, null, null, null, null, null, null, null,
					null);
		}

		public static Change morePeople(String group, int delta) {
			return new Change(ChangeType.PEOPLE, null, null, group, null, delta, null, null, null, null, null, null);
		}

		public static Change personChecks(String activityId, double share) {
			return new Change(ChangeType.PERSON_CHECKS_OUTPUT, activityId, null, null, null, null, null, null, null, null,
					share, null);
		}
	}
}
