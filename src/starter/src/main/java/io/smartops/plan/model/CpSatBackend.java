package io.smartops.plan.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.google.ortools.Loader;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverSolutionCallback;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearArgument;
import com.google.ortools.sat.LinearExpr;

/**
 * CP-SAT with exact integer scaling: every row and the objective are multiplied by the smallest
 * power of ten that makes their coefficients whole, so no coefficient is rounded. CP-SAT has no
 * continuous variables, so quantities are whole units: its optimum can lie below the fractional
 * optimum of the contract (docs/benchmarks.md measures both). Reports every improving solution
 * (incumbent, bound, gap) to the progress sink.
 */
public final class CpSatBackend implements MipBackend {

	static {
		Loader.loadNativeLibraries();
	}

	/** Domain bound for variables the model leaves unbounded. */
	private static final long UNBOUNDED = 10_000_000L;

	private static final int MAX_DECIMALS = 9;

	@Override
	public String name() {
		return "cpsat";
	}

	@Override
	public MipResult maximize(LinearModel model, LinearModel.Objective objective, SolveOptions options) {
		long start = System.nanoTime();
		CpModel cp = new CpModel();
		int n = model.size();
		IntVar[] x = new IntVar[n];
		for (LinearModel.Var v : model.vars()) {
			long lb = (long) Math.ceil(model.lower(v) - 1e-9);
			double ub = model.upper(v);
			long hi = Double.isFinite(ub) ? (long) Math.floor(ub + 1e-9) : UNBOUNDED;
			x[v.index()] = cp.newIntVar(lb, Math.max(lb, hi), v.name());
		}
		for (LinearModel.Row r : model.rows()) {
			double[] coefs = new double[r.size()];
			for (int k = 0; k < r.size(); k++) {
				coefs[k] = r.coef(k);
			}
			long scale = scale(coefs, r.lower(), r.upper());
			long[] c = new long[r.size()];
			IntVar[] vs = new IntVar[r.size()];
			for (int k = 0; k < r.size(); k++) {
				c[k] = Math.round(coefs[k] * scale);
				vs[k] = x[r.var(k)];
			}
			LinearExpr expr = LinearExpr.weightedSum(vs, c);
			long lo = Double.isFinite(r.lower()) ? (long) Math.ceil(r.lower() * scale - 1e-6) : Long.MIN_VALUE;
			long hi = Double.isFinite(r.upper()) ? (long) Math.floor(r.upper() * scale + 1e-6) : Long.MAX_VALUE;
			cp.addLinearConstraint(expr, lo, hi);
		}
		double[] obj = objective.coefficients(n);
		long objScale = scale(obj, 0, 0);
		long[] oc = new long[n];
		for (int i = 0; i < n; i++) {
			oc[i] = Math.round(obj[i] * objScale);
		}
		LinearArgument target = LinearExpr.weightedSum(x, oc);
		cp.maximize(target);

		CpSolver solver = new CpSolver();
		solver.getParameters().setMaxTimeInSeconds(options.timeLimit().toMillis() / 1000.0);
		solver.getParameters().setRelativeGapLimit(options.relativeGap());
		solver.getParameters().setNumWorkers(Math.max(1, Runtime.getRuntime().availableProcessors()));
		double offset = objective.constant();
		CpSolverSolutionCallback callback = new CpSolverSolutionCallback() {
			@Override
			public void onSolutionCallback() {
				double incumbent = objectiveValue() / objScale + offset;
				double bound = bestObjectiveBound() / objScale + offset;
				options.progress()
					.accept(String.format("cp-sat: %.1f s incumbent %.2f bound %.2f gap %.4f%%", wallTime(), incumbent,
							bound, 100 * MipResult.relativeGap(incumbent, bound)));
			}
		};
		CpSolverStatus status = solver.solve(cp, callback);
		long millis = (System.nanoTime() - start) / 1_000_000;
		if (status == CpSolverStatus.OPTIMAL || status == CpSolverStatus.FEASIBLE) {
			double[] values = new double[n];
			for (int i = 0; i < n; i++) {
				values[i] = solver.value(x[i]);
			}
			return new MipResult(status == CpSolverStatus.OPTIMAL ? MipResult.Status.OPTIMAL : MipResult.Status.FEASIBLE,
					values, solver.objectiveValue() / objScale + offset, solver.bestObjectiveBound() / objScale + offset,
					millis, name());
		}
		if (status == CpSolverStatus.INFEASIBLE) {
			return new MipResult(MipResult.Status.INFEASIBLE, null, Double.NaN, Double.NaN, millis, name());
		}
		return new MipResult(MipResult.Status.NOT_SOLVED, null, Double.NaN, Double.NaN, millis, name());
	}

	/** The smallest power of ten that makes every coefficient and finite bound a whole number. */
	static long scale(double[] coefs, double lower, double upper) {
		int decimals = 0;
		for (double c : coefs) {
			decimals = Math.max(decimals, decimals(c));
		}
		decimals = Math.max(decimals, decimals(lower));
		decimals = Math.max(decimals, decimals(upper));
		return (long) Math.pow(10, decimals);
	}

	private static int decimals(double d) {
		if (!Double.isFinite(d) || d == Math.rint(d)) {
			return 0;
		}
		// sums of decimal data carry binary noise (563.5699999999999): decimals beyond the 9th are noise
		BigDecimal exact = new BigDecimal(Double.toString(d));
		BigDecimal rounded = exact.setScale(MAX_DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros();
		if (rounded.subtract(exact).abs().doubleValue() > 1e-9 * Math.max(1, Math.abs(d))) {
			throw new IllegalArgumentException("coefficient " + d + " needs more than " + MAX_DECIMALS
					+ " decimals: CP-SAT cannot represent it exactly; use the scip backend");
		}
		return Math.max(0, rounded.scale());
	}
}
