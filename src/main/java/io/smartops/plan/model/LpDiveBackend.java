package io.smartops.plan.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.google.ortools.linearsolver.MPSolver;

/**
 * An LP-guided dive on GLOP for models too large for the MIP solvers within their time limit
 * (docs/benchmarks.md): solve the LP relaxation, which bounds the optimum from above (on the
 * generated 30×4×25×6 case only a few dozen of 10,911 binaries are fractional in it); fix to 1
 * the fractional choices the LP leans to (0.5 or more, else the top tenth), lock those at 1, and
 * re-solve until every integer variable is whole. Fixing an on/off choice
 * to 1 never makes the retail model infeasible, so the dive always ends with a plan. The result
 * is {@code OPTIMAL} only when the plan reaches the relaxation's bound within the relative gap;
 * otherwise it is {@code FEASIBLE} with the proven gap to the LP bound.
 */
public final class LpDiveBackend implements MipBackend {

	private static final double INTEGRAL = 1e-6;

	@Override
	public String name() {
		return "dive";
	}

	@Override
	public MipResult maximize(LinearModel model, LinearModel.Objective objective, SolveOptions options) {
		long start = System.nanoTime();
		long deadline = start + options.timeLimit().toNanos();
		try (MpSolverModel lp = new MpSolverModel("GLOP", model, objective, null, true)) {
			MPSolver.ResultStatus status = lp.solver.solve();
			if (status == MPSolver.ResultStatus.INFEASIBLE) {
				return new MipResult(MipResult.Status.INFEASIBLE, null, Double.NaN, Double.NaN, millis(start), name());
			}
			if (status != MPSolver.ResultStatus.OPTIMAL) {
				return new MipResult(MipResult.Status.NOT_SOLVED, null, Double.NaN, Double.NaN, millis(start), name());
			}
			double bound = lp.solver.objective().value();
			options.progress().accept(String.format("dive: LP bound %.2f after %.1f s", bound, (System.nanoTime() - start) / 1e9));
			List<LinearModel.Var> integers = model.vars().stream().filter(LinearModel.Var::integer).toList();
			int round = 0;
			while (true) {
				double[] values = lp.values();
				List<LinearModel.Var> fractional = new ArrayList<>();
				for (LinearModel.Var v : integers) {
					double x = values[v.index()];
					if (Math.abs(x - Math.rint(x)) > INTEGRAL) {
						fractional.add(v);
					}
				}
				if (fractional.isEmpty()) {
					double objectiveValue = lp.solver.objective().value();
					double gap = Math.abs(bound - objectiveValue) / Math.max(1e-9, Math.abs(objectiveValue));
					options.progress().accept(String.format("dive: plan %.2f, bound %.2f, gap %.4f%% after %d rounds, %.1f s",
							objectiveValue, bound, 100 * gap, round, (System.nanoTime() - start) / 1e9));
					double[] rounded = values.clone();
					integers.forEach(v -> rounded[v.index()] = Math.rint(rounded[v.index()]));
					return new MipResult(gap <= options.relativeGap() ? MipResult.Status.OPTIMAL : MipResult.Status.FEASIBLE,
							rounded, objectiveValue, bound, millis(start), name());
				}
				if (System.nanoTime() > deadline) {
					return new MipResult(MipResult.Status.NOT_SOLVED, null, Double.NaN, bound, millis(start), name());
				}
				// lock the choices already made (at 1), which keeps the LP from drifting, and fix to 1
				// what it leans to: every variable at 0.5 or more (at most one option of an entry can
				// be), else the top tenth of the rest; should two choices that exclude each other both
				// be fixed, fix only the top one
				for (LinearModel.Var v : integers) {
					if (values[v.index()] >= 1 - INTEGRAL) {
						lp.vars[v.index()].setBounds(1, 1);
					}
				}
				fractional.sort(Comparator.comparingDouble((LinearModel.Var v) -> values[v.index()]).reversed());
				long leaning = fractional.stream().filter(v -> values[v.index()] >= 0.5).count();
				int batch = (int) Math.max(leaning, Math.max(1, fractional.size() / 10));
				List<LinearModel.Var> fixed = fractional.subList(0, batch);
				fixed.forEach(v -> lp.vars[v.index()].setBounds(1, 1));
				round++;
				options.progress().accept(String.format("dive: round %d fixes %d of %d fractional choices, %.1f s", round,
						batch, fractional.size(), (System.nanoTime() - start) / 1e9));
				if (lp.solver.solve() != MPSolver.ResultStatus.OPTIMAL) {
					fixed.subList(1, fixed.size()).forEach(v -> lp.vars[v.index()].setBounds(0, 1));
					if (lp.solver.solve() != MPSolver.ResultStatus.OPTIMAL) {
						return new MipResult(MipResult.Status.NOT_SOLVED, null, Double.NaN, bound, millis(start), name());
					}
				}
			}
		}
	}

	private static long millis(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}
}
