package io.smartops.plan.model;

import java.util.ArrayList;
import java.util.List;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;

/**
 * The LP that remains when a MIP solution's integer choices are fixed, solved with GLOP: exact
 * continuous values, dual values, slacks, and right-hand-side ranging of rows. Holds native
 * memory: always {@link #close()}.
 */
public final class LpAnalysis implements AutoCloseable {

	/** How far a row's limit can move, with the integer choices fixed, before the plan changes. */
	public record Range(double low, double high) {
	}

	private final LinearModel model;
	private final MpSolverModel lp;
	private double objective;
	private boolean optimal;
	/** Row duals of the solution of {@link #solve()}; ranging re-solves the LP but never changes them. */
	private double[] duals;

	public LpAnalysis(LinearModel model, LinearModel.Objective objectiveDef, double[] integerValues) {
		this.model = model;
		this.lp = new MpSolverModel("GLOP", model, objectiveDef, integerValues, false);
	}

	/** Solves the fixed LP; false when GLOP does not prove it optimal. */
	public boolean solve() {
		optimal = lp.solver.solve() == MPSolver.ResultStatus.OPTIMAL;
		objective = optimal ? lp.solver.objective().value() : Double.NaN;
		duals = new double[lp.rows.length];
		if (optimal) {
			for (int i = 0; i < duals.length; i++) {
				// a row left out of the LP (implied by the others) is never scarce
				duals[i] = lp.rows[i] == null ? 0 : lp.rows[i].dualValue();
			}
		}
		return optimal;
	}

	public double objective() {
		return objective;
	}

	/** The continuous values of the solution; read before {@link #range}, whose re-solves replace it. */
	public double[] values() {
		return lp.values();
	}

	/** d(objective)/d(limit) of the row's binding side (maximization: positive for a scarce capacity). */
	public double dual(LinearModel.Row row) {
		return duals[row.index()];
	}

	/**
	 * The row's limit net of fixed integer terms: for {@code ship - cap*use <= 0} with {@code use}
	 * fixed to 1 it is {@code cap}.
	 */
	public double effectiveLimit(LinearModel.Row row, double[] integerValues) {
		double fixedPart = 0;
		for (int k = 0; k < row.size(); k++) {
			if (model.vars().get(row.var(k)).integer()) {
				fixedPart += row.coef(k) * Math.rint(integerValues[row.var(k)]);
			}
		}
		double limit = Double.isFinite(row.upper()) ? row.upper() : row.lower();
		return limit - fixedPart;
	}

	/**
	 * Right-hand-side ranging of a row's finite side by parametric re-solves: the interval of
	 * shifts over which the optimal value stays on the line {@code f0 + dual * shift}, i.e. the
	 * current basis (and plan structure) stays optimal. Breakpoints are found by intersecting
	 * tangents of the concave value function (a few GLOP warm re-solves); an end where the LP
	 * turns infeasible is found by bisection. Ends are accurate to GLOP's tolerances (about 1e-6
	 * relative); infinite ends come back as infinities.
	 */
	public Range range(LinearModel.Row row) {
		if (!optimal) {
			throw new IllegalStateException("range needs a solved LP");
		}
		double f0 = objective;
		double d = dual(row);
		double up = breakpoint(row, +1, f0, d);
		double down = breakpoint(row, -1, f0, d);
		return new Range(-down, up);
	}

	private double breakpoint(LinearModel.Row row, int s, double f0, double d) {
		double limit = Double.isFinite(row.upper()) ? row.upper() : row.lower();
		double tol = 1e-7 * (1 + Math.abs(f0));
		double lo = 0;
		double hi = Double.NaN;
		double delta = Math.max(1.0, Math.abs(limit));
		boolean atIntersection = false;
		for (int iter = 0; iter < 60; iter++) {
			double[] at = solveAt(row, s * delta);
			boolean onLine = at != null && Math.abs(at[0] - (f0 + s * d * delta)) <= tol;
			if (onLine) {
				if (atIntersection) {
					// on the line at the intersection of the tangents: exactly the breakpoint
					return delta;
				}
				lo = delta;
				if (Double.isNaN(hi)) {
					if (delta > 1e12) {
						return Double.POSITIVE_INFINITY;
					}
					delta *= 8;
					continue;
				}
			}
			else {
				hi = delta;
				if (at != null && Math.abs(d - at[1]) > 1e-12) {
					// tangents at 0 and at hi meet at: f0 + s d t = f(hi) + s d' (t - hi)
					double next = (at[0] - s * at[1] * hi - f0) / (s * d - s * at[1]);
					if (next <= lo) {
						// the breakpoint lies in [lo, next]: lo passed the on-line test only within tolerance
						return Math.max(0, next);
					}
					if (next < hi) {
						delta = next;
						atIntersection = true;
						continue;
					}
				}
			}
			if (hi - lo <= 1e-9 * (1 + Math.abs(limit))) {
				return lo;
			}
			delta = (lo + hi) / 2;
			atIntersection = false;
		}
		return lo;
	}

	/** Solves with the row's finite side shifted by {@code shift}; {value, dual} or null if infeasible. */
	private double[] solveAt(LinearModel.Row row, double shift) {
		MPConstraint c = lp.rows[row.index()];
		double lower = row.lower();
		double upper = row.upper();
		if (Double.isFinite(upper) && Double.isFinite(lower) && lower == upper) {
			c.setBounds(lower + shift, upper + shift);
		}
		else if (Double.isFinite(upper)) {
			c.setBounds(lower, upper + shift);
		}
		else {
			c.setBounds(lower + shift, upper);
		}
		boolean ok = lp.solver.solve() == MPSolver.ResultStatus.OPTIMAL && (shift == 0 || lp.strictlyFeasible());
		if (shift == 0) {
			c.setBounds(lower, upper);
		}
		double[] result = ok ? new double[] { lp.solver.objective().value(), c.dualValue() } : null;
		if (shift != 0) {
			c.setBounds(lower, upper);
		}
		return result;
	}

	@Override
	public void close() {
		lp.close();
	}

	/** A group of limits that can be relaxed as a whole: rows, and upper bounds of variables. */
	public record Group(String name, List<LinearModel.Row> rows, List<LinearModel.Var> upperBounded) {
	}

	/**
	 * Names a minimal set of groups that cannot hold together, by the deletion filter: every group
	 * is dropped in turn and stays dropped if the rest is still infeasible. Feasibility is checked on
	 * the LP relaxation, which is exact for models whose integer variables only switch capacity
	 * on or select among options (as the retail model's do). Returns an empty list when the model
	 * is feasible with all groups or still infeasible without any.
	 */
	public static List<String> conflict(LinearModel model, List<Group> groups) {
		try (MpSolverModel lp = new MpSolverModel("GLOP", model, new LinearModel.Objective(), null, true)) {
			boolean[] active = new boolean[groups.size()];
			java.util.Arrays.fill(active, true);
			if (feasible(lp)) {
				return List.of();
			}
			for (int g = 0; g < groups.size(); g++) {
				setActive(lp, model, groups.get(g), false);
				if (!feasible(lp)) {
					active[g] = false;
				}
				else {
					setActive(lp, model, groups.get(g), true);
				}
			}
			List<String> names = new ArrayList<>();
			for (int g = 0; g < groups.size(); g++) {
				if (active[g]) {
					names.add(groups.get(g).name());
				}
			}
			return names;
		}
	}

	private static boolean feasible(MpSolverModel lp) {
		MPSolver.ResultStatus status = lp.solver.solve();
		return status == MPSolver.ResultStatus.OPTIMAL || status == MPSolver.ResultStatus.FEASIBLE;
	}

	private static void setActive(MpSolverModel lp, LinearModel model, Group group, boolean active) {
		for (LinearModel.Row r : group.rows()) {
			MPConstraint c = lp.rows[r.index()];
			c.setBounds(active ? r.lower() : Double.NEGATIVE_INFINITY, active ? r.upper() : Double.POSITIVE_INFINITY);
		}
		for (LinearModel.Var v : group.upperBounded()) {
			MPVariable x = lp.vars[v.index()];
			x.setBounds(model.lower(v), active ? model.upper(v) : Double.POSITIVE_INFINITY);
		}
	}
}
