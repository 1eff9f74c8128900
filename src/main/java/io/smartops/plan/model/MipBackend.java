package io.smartops.plan.model;

/** A mixed-integer solver that maximizes an {@link LinearModel.Objective} over a {@link LinearModel}. */
public interface MipBackend {

	String name();

	MipResult maximize(LinearModel model, LinearModel.Objective objective, SolveOptions options);
}
