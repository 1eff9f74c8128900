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
	private final boolean owns;
	/** Whether {@link #solve()} ran; it solves once, later calls return its first answer. */
	private boolean solved;
	private double objective;
	private boolean optimal;
	/**
	 * The solution of {@link #solve()}: values, row duals and every model row's activity (rows left
	 * out of the LP too), indexed like the model; ranging re-solves the LP but never changes them.
	 */
	private double[] values;
	private double[] duals;
	private double[] activities;
	/**
	 * Its optimal basis, factored, for the ranging; null where GLOP reported no usable basis. Each
	 * model row's index among the basis's rows (the LP's), -1 for a row left out of the LP.
	 */
	private Basis basis;
	private int[] lpRowIndex;

	/**
	 * Over a fresh GLOP model of the LP with the integer variables fixed. The rows that only tighten
	 * the relaxation are left out, as branch and cut's LP leaves them out: they are implied once the
	 * integers are fixed, and without them the LP is the contract's, whose duals the plan reports
	 * (a carrier not used keeps the dual on its capacity row). The ranging takes them into account.
	 */
	public LpAnalysis(LinearModel model, LinearModel.Objective objectiveDef, double[] integerValues) {
		this(model, new MpSolverModel("GLOP", model, objectiveDef, integerValues, false, true), true);
	}

	/**
	 * Over an LP that already holds the model with its integer variables fixed (a MIP backend's
	 * warm LP, which re-solves in a few dual simplex pivots); {@code owns} says whether
	 * {@link #close()} releases it.
	 */
	LpAnalysis(LinearModel model, MpSolverModel lp, boolean owns) {
		this.model = model;
		this.lp = lp;
		this.owns = owns;
	}

	/**
	 * A solution known without an LP of the whole model (a decomposition's plan and its master's
	 * duals): {@link #solve()} answers it, and rows cannot be ranged ({@link #canRange()}).
	 */
	static LpAnalysis known(LinearModel model, double[] values, double[] duals) {
		LpAnalysis a = new LpAnalysis(model, null, false);
		a.solved = true;
		a.optimal = true;
		a.values = values.clone();
		a.duals = duals.clone();
		a.activities = new double[model.rows().size()];
		for (LinearModel.Row r : model.rows()) {
			a.activities[r.index()] = r.activity(values);
		}
		return a;
	}

	/** Whether {@link #range} can range rows (not for a solution known without an LP). */
	public boolean canRange() {
		return lp != null;
	}

	/** Solves the fixed LP, once; false when GLOP does not prove it optimal. */
	public boolean solve() {
		if (solved) {
			return optimal;
		}
		solved = true;
		optimal = lp.solver.solve() == MPSolver.ResultStatus.OPTIMAL;
		objective = optimal ? lp.solver.objective().value() : Double.NaN;
		duals = new double[lp.rows.length];
		if (optimal) {
			for (int i = 0; i < duals.length; i++) {
				// a row left out of the LP (implied by the others) is never scarce
				duals[i] = lp.rows[i] == null ? 0 : lp.rows[i].dualValue();
			}
			readBasis();
		}
		return optimal;
	}

	private void readBasis() {
		values = lp.values();
		activities = new double[lp.rows.length];
		lpRowIndex = new int[lp.rows.length];
		List<int[]> rowVars = new ArrayList<>();
		List<double[]> rowCoefs = new ArrayList<>();
		List<MPConstraint> handles = new ArrayList<>();
		for (LinearModel.Row r : model.rows()) {
			activities[r.index()] = r.activity(values);
			if (lp.rows[r.index()] == null) {
				lpRowIndex[r.index()] = -1;
				continue;
			}
			lpRowIndex[r.index()] = handles.size();
			rowVars.add(r.varIndices());
			rowCoefs.add(r.coefficients());
			handles.add(lp.rows[r.index()]);
		}
		basis = nonBasicAtBounds() ? Basis.read(lp, rowVars, rowCoefs, handles, false) : null;
	}

	/** Whether every non-basic variable sits at one of its bounds, as in a simplex basis. */
	private boolean nonBasicAtBounds() {
		for (int j = 0; j < values.length; j++) {
			if (lp.vars[j].basisStatus() != MPSolver.BasisStatus.BASIC) {
				double x = values[j];
				double lb = lp.vars[j].lb();
				double ub = lp.vars[j].ub();
				boolean free = Double.isInfinite(lb) && Double.isInfinite(ub);
				if (free ? MpSolverModel.violates(x, 0, 0) : MpSolverModel.violates(x, lb, lb) && MpSolverModel.violates(x, ub, ub)) {
					return false;
				}
			}
		}
		return true;
	}

	public double objective() {
		return objective;
	}

	/** The values of the solution of {@link #solve()} (a copy; GLOP's current ones if it found no optimum). */
	public double[] values() {
		return values != null ? values.clone() : lp.values();
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
	 * Right-hand-side ranging of a row's finite side: the interval of shifts over which the
	 * optimal basis stays optimal, so the plan adjusts along the same variables and the value
	 * moves on the line {@code f0 + dual * shift} (the ranging of commercial solvers). Read off the
	 * factored basis by a ratio test ({@link #basisRange}), no re-solve needed. Where GLOP gave no
	 * usable basis, parametric re-solves find the interval over which the value stays on that line:
	 * breakpoints by intersecting tangents of the concave value function, an end where the LP turns
	 * infeasible by bisection, accurate to GLOP's tolerances (about 1e-6 relative). Infinite ends
	 * come back as infinities.
	 */
	public Range range(LinearModel.Row row) {
		if (!optimal) {
			throw new IllegalStateException("range needs a solved LP");
		}
		double f0 = objective;
		double d = dual(row);
		double[] basisRange = basisRange(row);
		if (basisRange != null) {
			return new Range(-basisRange[0], basisRange[1]);
		}
		double up = breakpoint(row, +1, f0, d);
		double down = breakpoint(row, -1, f0, d);
		return new Range(-down, up);
	}

	/**
	 * How far the row's limit can move down and up while the optimal basis of {@link #solve()}
	 * stays feasible ({down, up}, both non-negative), by the ratio test over the basic variables'
	 * bounds and the other rows' limits; over that interval the value moves exactly with the dual.
	 * Null when no basis was read.
	 */
	double[] basisRange(LinearModel.Row row) {
		boolean ranged = Double.isFinite(row.lower()) && Double.isFinite(row.upper()) && row.lower() != row.upper();
		if (basis == null || lpRowIndex[row.index()] < 0 || ranged) {
			return null;
		}
		int t = basis.tightPosition[lpRowIndex[row.index()]];
		if (t < 0) {
			// its slack is basic: a shift moves only the slack, until the row's activity meets the limit
			if (row.lower() == row.upper()) {
				return new double[] { 0, 0 };
			}
			double act = activities[row.index()];
			return Double.isFinite(row.upper()) ? new double[] { Math.max(0, row.upper() - act), Double.POSITIVE_INFINITY }
					: new double[] { Double.POSITIVE_INFINITY, Math.max(0, act - row.lower()) };
		}
		double[] z = basis.column(t);
		double[] range = { Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY };
		// the basic variables move by z per unit, within the LP's bounds (integer variables are fixed there)
		double[] zByVar = new double[model.size()];
		for (int p = 0; p < z.length; p++) {
			int j = basis.basics[p];
			zByVar[j] = z[p];
			narrow(range, z[p], values[j] - lp.vars[j].lb(), lp.vars[j].ub() - values[j]);
		}
		// the rows whose slack is basic move with them, and must keep their limits; so do the rows the
		// LP left out: with their slacks basic, the basis is one of the whole model
		for (LinearModel.Row other : model.rows()) {
			int inLp = lpRowIndex[other.index()];
			if (inLp >= 0 && basis.tightPosition[inLp] >= 0) {
				continue;
			}
			double g = 0;
			for (int k = 0; k < other.size(); k++) {
				g += other.coef(k) * zByVar[other.var(k)];
			}
			double act = activities[other.index()];
			narrow(range, g, act - other.lower(), other.upper() - act);
		}
		return range;
	}

	/**
	 * Narrows {down, up} by a quantity that moves {@code rate} per unit of shift and is
	 * {@code toLower}/{@code toUpper} away from its bounds (its ratio test).
	 */
	private static void narrow(double[] range, double rate, double toLower, double toUpper) {
		if (Math.abs(rate) < 1e-11) {
			return;
		}
		double lowerRoom = Math.max(0, toLower);
		double upperRoom = Math.max(0, toUpper);
		range[0] = Math.min(range[0], rate > 0 ? lowerRoom / rate : upperRoom / -rate);
		range[1] = Math.min(range[1], rate > 0 ? upperRoom / rate : lowerRoom / -rate);
	}

	/** The largest shift in direction {@code s} over which the value stays on the dual's line. */
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
		if (owns) {
			lp.close();
		}
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
