package io.smartops.plan.model;

import java.time.Duration;

/**
 * The default solver, chosen by measurement (docs/benchmarks.md): {@link BranchAndBoundBackend}
 * (branch and bound on GLOP's warm-started dual simplex) proves the optimum faster than SCIP at
 * every generated size it can prove (the contract's examples in 0.5 s against 1 to 3 s, the
 * 20×4×15×5 case in 6 s against 36 s) and, where the time limit stops it, returns a plan with a
 * far smaller proven gap than SCIP or the LP dive. Should GLOP fail on a node's LP (numerical
 * trouble it cannot recover from), SCIP solves the model in the time that is left.
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
		long start = System.nanoTime();
		try {
			return primary.maximize(model, objective, options);
		}
		catch (IllegalStateException lpFailure) {
			Duration left = options.timeLimit().minusNanos(System.nanoTime() - start);
			options.progress().accept(primary.name() + " failed (" + lpFailure.getMessage() + "); solving with "
					+ fallback.name() + " in the " + Math.max(0, left.toMillis()) + " ms left");
			return fallback.maximize(model, objective, options.withTimeLimit(left.isNegative() ? Duration.ZERO : left));
		}
	}
}
