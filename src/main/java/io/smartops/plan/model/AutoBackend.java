package io.smartops.plan.model;

import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * The default solver, chosen by measurement (docs/benchmarks.md has the figures, family by
 * family): {@link BranchAndBoundBackend}, branch and cut on GLOP's warm-started dual simplex.
 * Where the time limit stops it, it returns a plan with a proven gap. Should GLOP fail on a node's
 * LP (numerical trouble it cannot recover from), SCIP solves the model in the time that is left.
 */
public final class AutoBackend implements MipBackend {

	private final MipBackend primary;
	private final MipBackend fallback;

	public AutoBackend(MipBackend primary, MipBackend fallback) {
		this.primary = primary;
		this.fallback = fallback;
	}

	public static AutoBackend standard(boolean solverLog) {
		return new AutoBackend(new BranchAndBoundBackend(solverLog), new MpSolverBackend("SCIP", solverLog, ""));
	}

	@Override
	public String name() {
		return "auto";
	}

	@Override
	public MipResult maximize(LinearModel model, LinearModel.Objective objective, SolveOptions options) {
		return maximize(model, objective, options, null);
	}

	@Override
	public MipResult maximize(LinearModel model, LinearModel.Objective objective, SolveOptions options,
			BiConsumer<MipResult, LpAnalysis> analysis) {
		long start = System.nanoTime();
		try {
			return analysis == null ? primary.maximize(model, objective, options)
					: primary.maximize(model, objective, options, analysis);
		}
		catch (IllegalStateException lpFailure) {
			Duration left = options.timeLimit().minusNanos(System.nanoTime() - start);
			options.progress().accept(primary.name() + " failed (" + lpFailure.getMessage() + "); solving with "
					+ fallback.name() + " in the " + Math.max(0, left.toMillis()) + " ms left");
			SolveOptions rest = options.withTimeLimit(left.isNegative() ? Duration.ZERO : left);
			return analysis == null ? fallback.maximize(model, objective, rest)
					: fallback.maximize(model, objective, rest, analysis);
		}
	}
}
