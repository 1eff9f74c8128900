package io.smartops.insight;

/**
 * The process KPIs that have a baseline, a target and an entitlement. Cycle times are in
 * milliseconds, throughput in completed instances per day, cost in the rates' currency, the yield
 * and the SLA attainment as shares (0..1).
 */
public enum Kpi {

	/** Median cycle time of the instances completed in the window. */
	CYCLE_TIME_P50(false, Kpi.TEN_YEARS_MILLIS),
	/** 90th percentile of the same. */
	CYCLE_TIME_P90(false, Kpi.TEN_YEARS_MILLIS),
	/** Instances completed per day. */
	THROUGHPUT_PER_DAY(true, 1e9),
	/** What the completed instances' tasks cost, per instance. */
	COST_PER_INSTANCE(false, 1e9),
	/** Share of completed instances that ran no task twice and met no error, incident or failure. */
	FIRST_PASS_YIELD(true, 1),
	/** Share of completed instances within the owner's SLA (a cycle time). */
	SLA_ATTAINMENT(true, 1);

	/** The longest cycle time a target or an SLA may name: ten years, in milliseconds. */
	public static final double TEN_YEARS_MILLIS = 10 * 365.25 * 24 * 3600 * 1000;

	private final boolean higherIsBetter;
	private final double maximum;

	Kpi(boolean higherIsBetter, double maximum) {
		this.higherIsBetter = higherIsBetter;
		this.maximum = maximum;
	}

	/**
	 * The largest value the KPI can take (a share is at most 1) or that a target for it may name:
	 * ten years for a cycle time, a billion instances a day or money units an instance.
	 */
	public double maximum() {
		return maximum;
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
