package io.smartops.plan.model;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;

/**
 * A {@link LinearModel} loaded into an OR-Tools {@link MPSolver} (SCIP for the MIP, GLOP for the
 * LP analyses). Holds native memory: always {@link #close()}.
 */
final class MpSolverModel implements AutoCloseable {

	static {
		Loader.loadNativeLibraries();
	}

	final MPSolver solver;
	final MPVariable[] vars;
	final MPConstraint[] rows;

	/** The MPSolver constraint index of each model row; -1 where the row is left out. */
	private final int[] solverRow;
	/** How many of the model's rows the solver holds. */
	private final int solverRows;

	MpSolverModel(String solverId, LinearModel model, LinearModel.Objective objective, double[] fixIntegers,
			boolean relax) {
		this(solverId, model, objective, fixIntegers, relax, false);
	}

	/**
	 * @param fixIntegers when not null, integer variables are fixed to these (rounded) values and
	 * the model becomes an LP; when null and {@code relax} is false, integers stay integral.
	 * @param omitTightening leaves out the rows marked {@link LinearModel.Row#tightening()}; their
	 * entries in {@link #rows} are null.
	 */
	MpSolverModel(String solverId, LinearModel model, LinearModel.Objective objective, double[] fixIntegers,
			boolean relax, boolean omitTightening) {
		this.solver = MPSolver.createSolver(solverId);
		if (solver == null) {
			throw new IllegalStateException("OR-Tools solver " + solverId + " is not available on this platform");
		}
		int n = model.size();
		vars = new MPVariable[n];
		for (LinearModel.Var v : model.vars()) {
			int i = v.index();
			double lb = model.lower(i);
			double ub = model.upper(i);
			if (v.integer() && fixIntegers != null) {
				lb = ub = Math.rint(fixIntegers[i]);
			}
			boolean integer = v.integer() && fixIntegers == null && !relax;
			vars[i] = solver.makeVar(lb, ub, integer, v.name());
		}
		rows = new MPConstraint[model.rows().size()];
		solverRow = new int[rows.length];
		int made = 0;
		for (LinearModel.Row r : model.rows()) {
			if (omitTightening && r.isTightening()) {
				solverRow[r.index()] = -1;
				continue;
			}
			solverRow[r.index()] = made++;
			MPConstraint c = solver.makeConstraint(r.lower(), r.upper(), r.name());
			for (int k = 0; k < r.size(); k++) {
				c.setCoefficient(vars[r.var(k)], r.coef(k));
			}
			rows[r.index()] = c;
		}
		solverRows = made;
		MPObjective o = solver.objective();
		double[] coefs = objective.coefficients(n);
		for (int i = 0; i < n; i++) {
			if (coefs[i] != 0) {
				o.setCoefficient(vars[i], coefs[i]);
			}
		}
		o.setOffset(objective.constant());
		o.setMaximization();
	}

	/**
	 * GLOP without presolve, so that the basis it ends with belongs to the model as it is: after a
	 * change of bounds (of variables or rows) the next solve starts from it.
	 */
	void glopKeepsItsBasis() {
		glopParameters("use_preprocessing: false");
	}

	/** Re-solves after bound changes with the dual simplex from the last basis (a handful of pivots). */
	void glopWarmStarts() {
		glopParameters("use_preprocessing: false, use_dual_simplex: true");
	}

	/** Lifts the time limit of earlier solves (MPSolver keeps the last one set for every later solve). */
	void noTimeLimit() {
		solver.setTimeLimit(Long.MAX_VALUE);
	}

	private void glopParameters(String parameters) {
		if (!solver.setSolverSpecificParametersAsString(parameters)) {
			throw new IllegalStateException("GLOP rejected " + parameters);
		}
	}

	double[] values() {
		double[] v = new double[vars.length];
		for (int i = 0; i < v.length; i++) {
			v[i] = vars[i].solutionValue();
		}
		return v;
	}

	/**
	 * The activity of every model row in the last solution, indexed like {@link LinearModel#rows()}
	 * (NaN for rows left out); empty when MPSolver holds no solution.
	 */
	double[] activities() {
		double[] solverActivities = solver.computeConstraintActivities();
		if (solverActivities.length < solverRows) {
			return new double[0];
		}
		double[] a = new double[rows.length];
		for (int i = 0; i < a.length; i++) {
			a[i] = solverRow[i] >= 0 ? solverActivities[solverRow[i]] : Double.NaN;
		}
		return a;
	}

	/**
	 * Whether the last solution keeps every row and variable bound to within 1e-7 relative: GLOP
	 * calls solutions optimal that break a bound by its (scaled) tolerance, which matters when a
	 * search walks up to the edge of feasibility.
	 */
	boolean strictlyFeasible() {
		double[] activities = activities();
		if (activities.length != rows.length) {
			// MPSolver holds no solution (it refuses to report values after an unknown status)
			return false;
		}
		for (int i = 0; i < rows.length; i++) {
			if (rows[i] != null && violates(activities[i], rows[i].lb(), rows[i].ub())) {
				return false;
			}
		}
		for (MPVariable v : vars) {
			if (violates(v.solutionValue(), v.lb(), v.ub())) {
				return false;
			}
		}
		return true;
	}

	/** Whether a value lies outside [lb, ub] by more than 1e-7 relative (the tolerance of every feasibility check here). */
	static boolean violates(double value, double lb, double ub) {
		return value < lb - 1e-7 * (1 + Math.abs(lb)) || value > ub + 1e-7 * (1 + Math.abs(ub));
	}

	@Override
	public void close() {
		solver.delete();
	}
}
