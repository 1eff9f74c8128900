package io.smartops.insight;

/**
 * The process KPIs that have a baseline, a target and an entitlement. Cycle times are in
 * milliseconds, throughput in completed instances per day, cost in the rates' currency, the yield
 * and the SLA attainment as shares (0..1).
 */
public enum Kpi {

	/** Median cycle time of the instances completed in the window. */
	CYCLE_TIME_P50(false),
	/** 90th percentile of the same. */
	CYCLE_TIME_P90(false),
	/** Instances completed per day. */
	THROUGHPUT_PER_DAY(true),
	/** What the completed instances' tasks cost, per instance. */
	COST_PER_INSTANCE(false),
	/** Share of completed instances that ran no task twice and met no error, incident or failure. */
	FIRST_PASS_YIELD(true),
	/** Share of completed instances within the owner's SLA (a cycle time). */
	SLA_ATTAINMENT(true);

	private final boolean higherIsBetter;

	Kpi(boolean higherIsBetter) {
		this.higherIsBetter = higherIsBetter;
	}

	public boolean higherIsBetter() {
		return higherIsBetter;
	}

	/** How far {@code value} falls short of {@code reference}: positive when worse, 0 or less when as good. */
	public Double shortfall(Double value, Double reference) {
		if (value == null || reference == null) {
			return null;
		}
		return higherIsBetter ? reference - value : value - reference;
	}

	/** The better of two values (either may be null). */
	public Double better(Double a, Double b) {
		if (a == null || b == null) {
			return a == null ? b : a;
		}
		return higherIsBetter ? Math.max(a, b) : Math.min(a, b);
	}
}
