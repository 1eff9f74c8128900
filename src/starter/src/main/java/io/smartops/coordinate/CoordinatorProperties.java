package io.smartops.coordinate;

import java.util.EnumSet;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code smartops.coordinator.*}: the default scope of a run, when a plan needs a person's
 * approval, and what compute costs (for the run's cost of data and compute).
 *
 * @param approvalMarginChange a plan whose margin moves more than this share from the plan in
 *        force needs a person's approval (plans with actions for people always do)
 * @param approverGroup the candidate group of "Approve operating plan" and "Relax constraints"
 * @param computeCostPerSecond the price of one second of solver time
 * @param solveTimeLimitSeconds the optimizer agent's time limit
 * @param planInForceFor how long a run's plan stays in force (and its coordinator open to re-plans)
 *        unless a newer run's plan supersedes it
 */
@ConfigurationProperties("smartops.coordinator")
public record CoordinatorProperties(Integer historyMonths, Integer horizon, Boolean external,
		Double approvalMarginChange, String approverGroup, Double computeCostPerSecond, Double solveTimeLimitSeconds,
		java.time.Duration planInForceFor) {

	public CoordinatorProperties {
		historyMonths = historyMonths == null ? Scope.MAX_HISTORY : historyMonths;
		horizon = horizon == null ? 3 : horizon;
		external = external == null || external;
		approvalMarginChange = approvalMarginChange == null ? 0.05 : approvalMarginChange;
		approverGroup = approverGroup == null ? "smartops-planners" : approverGroup;
		computeCostPerSecond = computeCostPerSecond == null ? 0.0001 : computeCostPerSecond;
		solveTimeLimitSeconds = solveTimeLimitSeconds == null ? 20.0 : solveTimeLimitSeconds;
		planInForceFor = planInForceFor == null ? java.time.Duration.ofDays(1) : planInForceFor;
	}

	public Scope defaultScope() {
		return new Scope(historyMonths, horizon, EnumSet.allOf(Scope.Function.class), external);
	}
}
