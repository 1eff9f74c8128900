package io.smartops.plan.model;

import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * The default solver, chosen by measurement (docs/benchmarks.md has the figures, family by
 * family and size by size): {@link BranchAndBoundBackend}, branch and cut on GLOP's warm-started
 * dual simplex, which proves most plans optimal; where the time limit stops it, it returns a
 * plan with a proven gap. A model whose root LP alone would take more than a third of the time
 * limit ({@link #expectedRootLpSeconds}) and that falls apart into parts joined by linking rows
 * goes to the {@link DecompositionBackend} instead, which solves each part's LP on its own and
 * returns a plan with a proven gap in a fraction of that time. Should GLOP fail on an LP
 * (numerical trouble it cannot recover from), SCIP solves the model in the time that is left.
 */
public final class AutoBackend implements MipBackend {

	/**
	 * Branch and cut's root LP on this machine class: 3.4 s for the 165,936 nonzeros of the
	 * generated 30×4×25×6 case, growing about with the square of the nonzeros (31 s for 457,592,
	 * 101 s for 972,780; docs/benchmarks.md).
	 */
	static final double ROOT_LP_SECONDS = 3.4;
	static final double ROOT_LP_NONZEROS = 165_936;

	private final MipBackend primary;
	private final MipBackend large;
	private final MipBackend fallback;

	public AutoBackend(MipBackend primary, MipBackend large, MipBackend fallback) {
		this.primary = primary;
		this.large = large;
		this.fallback = fallback;
	}

	public static AutoBackend standard(boolean solverLog) {
		BranchAndBoundBackend branchAndCut = new BranchAndBoundBackend(solverLog);
		return new AutoBackend(branchAndCut, new DecompositionBackend(solverLog, branchAndCut),
				new MpSolverBackend("SCIP", solverLog, ""));
	}

	@Override
	public String name() {
		return "auto";
	}

	/** How long branch and cut's root LP is expected to take, from the LP's nonzeros. */
	static double expectedRootLpSeconds(LinearModel model) {
		long nonzeros = 0;
		for (LinearModel.Row r : model.rows()) {
			if (!r.isTightening()) {
				nonzeros += r.size();
			}
		}
		double scale = nonzeros / ROOT_LP_NONZEROS;
		return ROOT_LP_SECONDS * scale * scale;
	}

	/**
	 * The backend this model gets: the decomposition for a large model (which hands a model that
	 * does not fall apart to branch and cut itself), else branch and cut.
	 */
	MipBackend choose(LinearModel model, SolveOptions options) {
		double expected = expectedRootLpSeconds(model);
		if (expected > options.timeLimit().toMillis() / 1000.0 / 3) {
			options.progress().accept(String.format(java.util.Locale.ROOT,
					"the root LP would take about %.0f s of the %d s limit: decomposing the model", expected,
					options.timeLimit().toSeconds()));
			return large;
		}
		return primary;
	}

	@Override
	public MipResult maximize(LinearModel model, LinearModel.Objective objective, SolveOptions options) {
		return maximize(model, objective, options, null);
	}

	@Override
	public MipResult maximize(LinearModel model, LinearModel.Objective objective, SolveOptions options,
			BiConsumer<MipResult, LpAnalysis> analysis) {
		long start = System.nanoTime();
		MipBackend chosen = choose(model, options);
		try {
			return analysis == null ? chosen.maximize(model, objective, options)
					: chosen.maximize(model, objective, options, analysis);
		}
		catch (IllegalStateException lpFailure) {
			Duration left = options.timeLimit().minusNanos(System.nanoTime() - start);
			options.progress().accept(chosen.name() + " failed (" + lpFailure.getMessage() + "); solving with "
					+ fallback.name() + " in the " + Math.max(0, left.toMillis()) + " ms left");
			SolveOptions rest = options.withTimeLimit(left.isNegative() ? Duration.ZERO : left);
			return analysis == null ? fallback.maximize(model, objective, rest)
					: fallback.maximize(model, objective, rest, analysis);
		}
	}
}
