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
		if (result.hasSolution()) {
			try (LpAnalysis lp = new LpAnalysis(model, objective, result.values())) {
				analysis.accept(result, lp);
			}
		}
		return result;
	}
}
