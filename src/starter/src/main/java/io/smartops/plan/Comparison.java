package io.smartops.plan;

import java.util.LinkedHashMap;
import java.util.Map;

import io.smartops.plan.scenario.Scenario;

/** The coordinated optimum against the siloed baseline on one scenario. */
public record Comparison(Plan optimized, Plan siloed) {

	public static Comparison of(Scenario scenario, Optimizer optimizer, SiloedPlanner siloed) {
		return new Comparison(optimizer.optimize(scenario), siloed.plan(scenario));
	}

	/** Margin gained by coordinated planning (NaN when either side has no plan). */
	public double uplift() {
		if (!optimized.hasPlan() || !siloed.hasPlan()) {
			return Double.NaN;
		}
		return optimized.margin() - siloed.margin();
	}

	public double upliftPercent() {
		double base = siloed.hasPlan() ? Math.abs(siloed.margin()) : 0;
		return base == 0 ? Double.NaN : 100 * uplift() / base;
	}

	public Map<String, Object> summary() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("scenario", optimized.scenario());
		m.put("optimizedStatus", optimized.status());
		m.put("optimizedMargin", optimized.margin());
		m.put("siloedMargin", siloed.margin());
		m.put("uplift", Double.isNaN(uplift()) ? null : Optimizer.clean(uplift()));
		m.put("upliftPercent", Double.isNaN(upliftPercent()) ? null : Math.round(upliftPercent() * 100) / 100.0);
		m.put("siloedViolations", siloed.violations() == null ? java.util.List.of() : siloed.violations());
		m.put("optimizedSolveMillis", optimized.solveMillis());
		m.put("siloedSolveMillis", siloed.solveMillis());
		return m;
	}
}
