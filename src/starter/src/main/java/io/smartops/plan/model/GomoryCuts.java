package io.smartops.plan.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;


import com.google.ortools.linearsolver.MPConstraint;

/**
 * Gomory mixed-integer cuts read off GLOP's optimal basis.
 * <p>
 * The rows of the simplex tableau are recomputed from the factored basis ({@link Basis}): one
 * solve per fractional basic integer variable, then the row's coefficients over the non-basic
 * variables and slacks. The cuts are
 * globally valid only when derived from the model's own bounds, so they are separated at the root.
 */
final class GomoryCuts {

	/** A cut {@code sum(coefs[i] * x[vars[i]]) >= lower}. */
	record Cut(int[] vars, double[] coefs, double lower, double efficacy) {
	}

	private static final String CUT_PREFIX = "gomory-cut-";
	private static final double AWAY = 0.01;
	private static final double MAX_COEF_RATIO = 1e7;

	private final int n;
	private final boolean[] integer;
	/** Rows in the LP's order (so MPSolver's activities line up): the model's rows in the LP, then the cuts. */
	private final List<int[]> rowVars = new ArrayList<>();
	private final List<double[]> rowCoefs = new ArrayList<>();
	private final List<MPConstraint> rowHandles = new ArrayList<>();
	private final List<double[]> rowBounds = new ArrayList<>();
	/** How many of the rows are the model's; the cuts follow. */
	private final int modelRows;
	/** Scratch of {@link #gmi}: the cut being built over the structural variables, and which of them it holds. */
	private final double[] cut;
	private final boolean[] inCut;
	private final int[] cutVars;
	private int cutSize;

	GomoryCuts(LinearModel model, MpSolverModel lp) {
		n = model.size();
		integer = new boolean[n];
		for (LinearModel.Var v : model.vars()) {
			integer[v.index()] = v.integer();
		}
		for (LinearModel.Row r : model.rows()) {
			if (lp.rows[r.index()] == null) {
				continue; // left out of the LP
			}
			rowVars.add(r.varIndices());
			rowCoefs.add(r.coefficients());
			rowHandles.add(lp.rows[r.index()]);
			rowBounds.add(new double[] { r.lower(), r.upper() });
		}
		modelRows = rowVars.size();
		cut = new double[n];
		inCut = new boolean[n];
		cutVars = new int[n];
	}

	/** Adds a cut to the LP as a row; later separation rounds take it into the basis like any row. */
	void add(MpSolverModel lp, Cut cut) {
		MPConstraint c = lp.solver.makeConstraint(cut.lower(), Double.POSITIVE_INFINITY,
				CUT_PREFIX + rowVars.size());
		for (int k = 0; k < cut.vars().length; k++) {
			c.setCoefficient(lp.vars[cut.vars()[k]], cut.coefs()[k]);
		}
		rowVars.add(cut.vars());
		rowCoefs.add(cut.coefs());
		rowHandles.add(c);
		rowBounds.add(new double[] { cut.lower(), Double.POSITIVE_INFINITY });
	}

	/** Frees every cut row (no bounds): the LP is the model's again, for an analysis of a fixed plan. */
	void release() {
		for (int i = modelRows; i < rowHandles.size(); i++) {
			rowHandles.get(i).setBounds(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
		}
	}

	/**
	 * Separates up to {@code max} cuts from the LP's current optimal basis, most efficacious first;
	 * {@code lower}/{@code upper} are the variables' bounds in the LP now.
	 */
	List<Cut> separate(MpSolverModel lp, double[] x, double[] lower, double[] upper, int max) {
		int m = rowVars.size();
		double[] activity = lp.solver.computeConstraintActivities();
		Basis basis = Basis.read(lp, rowVars, rowCoefs, rowHandles, true);
		if (basis == null) {
			return List.of();
		}
		List<Integer> candidates = new ArrayList<>();
		for (int j : basis.basics) {
			double f = x[j] - Math.floor(x[j]);
			if (integer[j] && f > AWAY && f < 1 - AWAY) {
				candidates.add(j);
			}
		}
		List<Cut> cuts = new ArrayList<>();
		double[] alpha = new double[n];
		double[] slackAlpha = new double[m];
		boolean[] touched = new boolean[n];
		int[] touchedList = new int[n];
		candidates.sort(Comparator.comparingDouble(j -> Math.abs(x[j] - Math.floor(x[j]) - 0.5)));
		for (int j : candidates) {
			double[] z = basis.row(basis.position[j]);
			int touchedCount = 0;
			Arrays.fill(slackAlpha, 0);
			for (int t = 0; t < basis.tight.length; t++) {
				double zi = z[t];
				if (Math.abs(zi) < 1e-12) {
					continue;
				}
				int i = basis.tight[t];
				slackAlpha[i] = -zi;
				int[] vars = rowVars.get(i);
				double[] coefs = rowCoefs.get(i);
				for (int k = 0; k < vars.length; k++) {
					int v = vars[k];
					if (basis.basic[v]) {
						continue;
					}
					if (!touched[v]) {
						touched[v] = true;
						touchedList[touchedCount++] = v;
					}
					alpha[v] += zi * coefs[k];
				}
			}
			Cut cut = gmi(j, x, lower, upper, activity, alpha, touchedList, touchedCount, slackAlpha);
			for (int k = 0; k < touchedCount; k++) {
				alpha[touchedList[k]] = 0;
				touched[touchedList[k]] = false;
			}
			if (cut != null) {
				cuts.add(cut);
			}
		}
		cuts.sort(Comparator.comparingDouble(Cut::efficacy).reversed());
		return cuts.size() > max ? cuts.subList(0, max) : cuts;
	}

	/** The GMI cut of the tableau row of basic variable {@code j}, in the space of the structural variables. */
	private Cut gmi(int j, double[] x, double[] lower, double[] upper, double[] activity, double[] alpha,
			int[] touched, int touchedCount, double[] slackAlpha) {
		// row: x_j + sum(a_k t_k) = beta with t_k >= 0 the distance of non-basic k from its bound
		for (int k = 0; k < cutSize; k++) {
			cut[cutVars[k]] = 0;
			inCut[cutVars[k]] = false;
		}
		cutSize = 0;
		double beta = 0;
		double cutLower = 1;
		// first pass: beta
		for (int k = 0; k < touchedCount; k++) {
			int v = touched[k];
			beta -= alpha[v] * x[v];
		}
		for (int i = 0; i < slackAlpha.length; i++) {
			if (slackAlpha[i] != 0) {
				beta -= slackAlpha[i] * activity[i];
			}
		}
		if (Math.abs(beta - x[j]) > 1e-6 * (1 + Math.abs(x[j]))) {
			return null;
		}
		double f0 = beta - Math.floor(beta);
		if (f0 < AWAY || f0 > 1 - AWAY) {
			return null;
		}
		// t-space coefficients, then back to x: t = x - lb (at lower) or ub - x (at upper)
		for (int k = 0; k < touchedCount; k++) {
			int v = touched[k];
			double ak = alpha[v];
			if (Math.abs(ak) < 1e-11) {
				continue;
			}
			if (upper[v] - lower[v] < 1e-9) {
				continue; // fixed: t is 0
			}
			boolean atUpper = Math.abs(x[v] - upper[v]) < Math.abs(x[v] - lower[v]);
			double bound = atUpper ? upper[v] : lower[v];
			if (!Double.isFinite(bound)) {
				return null; // a free non-basic variable: no cut
			}
			double a = atUpper ? -ak : ak;
			double g = coefficient(a, f0, integer[v] && bound == Math.rint(bound));
			if (g == 0) {
				continue;
			}
			// g * t: t = x - lb, or ub - x
			double sign = atUpper ? -1 : 1;
			if (!inCut[v]) {
				inCut[v] = true;
				cutVars[cutSize++] = v;
			}
			cut[v] += sign * g;
			cutLower += sign * g * bound;
		}
		for (int i = 0; i < slackAlpha.length; i++) {
			double ak = slackAlpha[i];
			if (Math.abs(ak) < 1e-11) {
				continue;
			}
			double[] b = rowBounds.get(i);
			if (b[1] - b[0] < 1e-9) {
				continue; // an equality row: its slack is fixed
			}
			boolean atUpper = Math.abs(activity[i] - b[1]) < Math.abs(activity[i] - b[0]);
			double bound = atUpper ? b[1] : b[0];
			if (!Double.isFinite(bound)) {
				return null;
			}
			double a = atUpper ? -ak : ak;
			double g = coefficient(a, f0, false);
			if (g == 0) {
				continue;
			}
			double sign = atUpper ? -1 : 1;
			// g * t with t = s - lb or ub - s, and s = row activity
			int[] vars = rowVars.get(i);
			double[] coefs = rowCoefs.get(i);
			for (int k = 0; k < vars.length; k++) {
				int v = vars[k];
				if (!inCut[v]) {
					inCut[v] = true;
					cutVars[cutSize++] = v;
				}
				cut[v] += sign * g * coefs[k];
			}
			cutLower += sign * g * bound;
		}
		double max = 0;
		for (int k = 0; k < cutSize; k++) {
			max = Math.max(max, Math.abs(cut[cutVars[k]]));
		}
		if (max == 0) {
			return null;
		}
		int[] vars = new int[cutSize];
		double[] coefs = new double[cutSize];
		int size = 0;
		double norm = 0;
		double act = 0;
		for (int k = 0; k < cutSize; k++) {
			int v = cutVars[k];
			double c = cut[v];
			if (Math.abs(c) < max / MAX_COEF_RATIO) {
				// too small to keep: relax the cut by the term's largest value within the bounds
				double worst = c > 0 ? c * upper[v] : c * lower[v];
				if (!Double.isFinite(worst)) {
					return null;
				}
				cutLower -= Math.max(0, worst);
				continue;
			}
			vars[size] = v;
			coefs[size++] = c;
			norm += c * c;
			act += c * x[v];
		}
		double violation = cutLower - act;
		double efficacy = violation / Math.sqrt(norm);
		if (efficacy < 1e-6) {
			return null;
		}
		return new Cut(Arrays.copyOf(vars, size), Arrays.copyOf(coefs, size), cutLower, efficacy);
	}

	private static double coefficient(double a, double f0, boolean integral) {
		if (integral) {
			double f = a - Math.floor(a);
			if (f < 1e-9 || f > 1 - 1e-9) {
				return 0;
			}
			return f <= f0 ? f / f0 : (1 - f) / (1 - f0);
		}
		return a >= 0 ? a / f0 : -a / (1 - f0);
	}
}
