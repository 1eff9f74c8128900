package io.smartops.plan.model;

/**
 * The outcome of a MIP solve: {@code values} are indexed like {@link LinearModel#vars()} and are
 * null when no solution was found.
 */
public record MipResult(Status status, double[] values, double objective, double bound, long millis, String solver) {

	public enum Status {
		OPTIMAL, FEASIBLE, INFEASIBLE, NOT_SOLVED
	}

	public boolean hasSolution() {
		return values != null;
	}

	/** Relative gap between the incumbent and the best bound (0 when proven optimal). */
	public double gap() {
		if (status == Status.OPTIMAL) {
			return 0;
		}
		if (!hasSolution() || !Double.isFinite(bound)) {
			return Double.POSITIVE_INFINITY;
		}
		return relativeGap(objective, bound);
	}

	/** The relative gap between an objective value and a bound on it. */
	static double relativeGap(double objective, double bound) {
		return Math.abs(bound - objective) / Math.max(1e-9, Math.abs(objective));
	}
}
