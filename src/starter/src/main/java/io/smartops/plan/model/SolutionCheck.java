package io.smartops.plan.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a solution against the whole model before a plan is called optimal or feasible: every
 * row (including those a search leaves out of its LPs), every variable's bounds and integrality,
 * and the objective the solver claims against the one the solution earns. Tolerances: a row's
 * activity or a value may pass its bound by {@value #FEASIBILITY} × max(1, |bound|); an integer
 * variable may be {@value #INTEGRALITY} from a whole number; the solution may earn
 * {@value #OBJECTIVE} × max(1, |claim|) less than claimed (never more is a problem).
 */
public final class SolutionCheck {

	public static final double FEASIBILITY = 1e-6;
	public static final double INTEGRALITY = 1e-6;
	public static final double OBJECTIVE = 1e-6;

	/** At most this many problems are listed; the count says how many there were. */
	private static final int LISTED = 20;

	private SolutionCheck() {
	}

	/** Every way the values break the model, in words naming the row or variable; empty when none. */
	public static List<String> violations(LinearModel model, double[] values) {
		List<String> problems = new ArrayList<>();
		if (values == null || values.length != model.size()) {
			problems.add("the solution has " + (values == null ? 0 : values.length) + " values for " + model.size()
					+ " variables");
			return problems;
		}
		int found = 0;
		for (LinearModel.Var v : model.vars()) {
			double x = values[v.index()];
			String problem = null;
			if (!Double.isFinite(x)) {
				problem = v.name() + " = " + x;
			}
			else if (x < model.lower(v) - FEASIBILITY * Math.max(1, Math.abs(model.lower(v)))) {
				problem = v.name() + " = " + format(x) + " is below its lower bound " + format(model.lower(v));
			}
			else if (x > model.upper(v) + FEASIBILITY * Math.max(1, Math.abs(model.upper(v)))) {
				problem = v.name() + " = " + format(x) + " is above its upper bound " + format(model.upper(v));
			}
			else if (v.integer() && Math.abs(x - Math.rint(x)) > INTEGRALITY) {
				problem = v.name() + " = " + format(x) + " is not a whole number";
			}
			if (problem != null && found++ < LISTED) {
				problems.add(problem);
			}
		}
		for (LinearModel.Row row : model.rows()) {
			double activity = row.activity(values);
			String problem = null;
			if (activity < row.lower() - FEASIBILITY * Math.max(1, Math.abs(row.lower()))) {
				problem = row.name() + ": " + format(activity) + " is below " + format(row.lower());
			}
			else if (activity > row.upper() + FEASIBILITY * Math.max(1, Math.abs(row.upper()))) {
				problem = row.name() + ": " + format(activity) + " is above " + format(row.upper());
			}
			if (problem != null && found++ < LISTED) {
				problems.add(problem);
			}
		}
		if (found > LISTED) {
			problems.add("… " + (found - LISTED) + " more");
		}
		return problems;
	}

	/** Null when the values earn what the solver claims (within {@link #OBJECTIVE}); else what is wrong. */
	public static String objective(LinearModel.Objective objective, double[] values, double claimed) {
		double earned = objective.value(values);
		if (!Double.isFinite(earned) || earned < claimed - OBJECTIVE * Math.max(1, Math.abs(claimed))) {
			return "the solver claims an objective of " + format(claimed) + " but the solution earns " + format(earned);
		}
		return null;
	}

	private static String format(double v) {
		return String.format(Locale.ROOT, "%.6g", v);
	}
}
