package io.smartops.simulate;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

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
public record SimulationRequest(@Size(max = 255) String processKey, @Min(1) @Max(10_000_000) Integer instances,
		@Size(max = 40) String horizon, @Min(1) @Max(100) Integer replications, @Min(0) @Max(Long.MAX_VALUE) Long seed,
		@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double warmUpShare, @Size(max = 40) String fitFrom,
		@Size(max = 40) String fitTo, @Size(max = 100) List<@Valid Change> changes, @Valid Overrides parameters) {

	/** The longest SLA a request may name: ten years, in milliseconds. */
	public static final long TEN_YEARS_MILLIS = 315_576_000_000L;

	/** Parameters that replace fitted ones. */
	public record Overrides(@DecimalMin("0") @DecimalMax("1000000") Double arrivalRatePerHour,
			@Size(max = 1000) Map<String, @Valid ActivityOverride> activities, @Size(max = 1000) Map<String, Integer> people,
			@Size(max = 1000) Map<String, Map<String, Double>> branches,
			@Min(1) @Max(TEN_YEARS_MILLIS) Long slaMillis, @Size(max = 100) Map<String, Object> variables) {
	}

	/** A task's parameters; those not given stay fitted. */
	public record ActivityOverride(ExecutorKind kind, @Valid Distribution working, @Valid Distribution delay,
			@DecimalMin("0") @DecimalMax("1") Double errorProbability,
			@DecimalMin("0") @DecimalMax("1000000000") Double costPerExecution, @DecimalMin("0") @DecimalMax("1") Double quality) {
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

	public record Change(ChangeType type, @Size(max = 255) String activityId, @Size(max = 100) String agentId,
			@Size(max = 64) String group, @Min(0) @Max(100_000) Integer people, @Min(-100_000) @Max(100_000) Integer delta,
			@DecimalMin("0") @DecimalMax("1000") Double factor, @Size(max = 255) String gatewayId,
			@Size(max = 100) Map<String, Double> probabilities, @Min(1) @Max(TEN_YEARS_MILLIS) Long slaMillis,
			@DecimalMin("0") @DecimalMax("1") Double share, @DecimalMin("0") @DecimalMax("10080") Double minutes) {

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
