package io.smartops.plan.model;

import java.util.function.BiConsumer;

/** A mixed-integer solver that maximizes an {@link LinearModel.Objective} over a {@link LinearModel}. */
public interface MipBackend {

	String name();

	MipResult maximize(LinearModel model, LinearModel.Objective objective, SolveOptions options);

	/**
	 * Solves, then, when a solution was found, hands it with the LP of its integer choices fixed to
	 * {@code analysis} (duals, slacks, ranges) before returning. By default the LP is built afresh;
	 * a backend that holds a warm LP of the model may hand that over instead.
	 */
	default MipResult maximize(LinearModel model, LinearModel.Objective objective, SolveOptions options,
			BiConsumer<MipResult, LpAnalysis> analysis) {
		MipResult result = maximize(model, objective, options);
		analyseAfresh(model, objective, result, analysis);
		return result;
	}

	/** Hands a result that has a solution to {@code analysis} with a fresh LP of its integer choices fixed. */
	static void analyseAfresh(LinearModel model, LinearModel.Objective objective, MipResult result,
			BiConsumer<MipResult, LpAnalysis> analysis) {
		if (result.hasSolution()) {
			try (LpAnalysis lp = new LpAnalysis(model, objective, result.values())) {
				analysis.accept(result, lp);
			}
		}
	}
}
