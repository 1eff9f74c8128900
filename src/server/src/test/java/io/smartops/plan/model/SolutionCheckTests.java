package io.smartops.plan.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The check every plan passes before it is called optimal or feasible, with a solution broken in each way. */
class SolutionCheckTests {

	// max 3x + 2y + z, x + y <= 4 (cap), x - z >= 0 (link), x integer in [0, 3], y in [0, 2], z binary
	final LinearModel model = new LinearModel();
	final LinearModel.Var x = model.integer("x", 0, 3);
	final LinearModel.Var y = model.continuous("y", 0, 2);
	final LinearModel.Var z = model.binary("z");
	final LinearModel.Objective objective = new LinearModel.Objective();

	SolutionCheckTests() {
		model.row("cap", "cap").add(x, 1).add(y, 1).le(4);
		model.row("link", "link").add(x, 1).add(z, -1).ge(0);
		objective.income("margin").add(x, 3).add(y, 2).add(z, 1);
	}

	@Test
	void aSoundSolutionPasses() {
		double[] values = { 3, 1, 1 };
		assertThat(SolutionCheck.violations(model, values)).isEmpty();
		assertThat(SolutionCheck.objective(objective, values, 12)).isNull();
	}

	@Test
	void aRowBrokenBeyondTheToleranceIsNamed() {
		assertThat(SolutionCheck.violations(model, new double[] { 3, 1.01, 1 })).containsExactly("cap: 4.01000 is above 4.00000");
		assertThat(SolutionCheck.violations(model, new double[] { 3, 1 + 1e-7, 1 })).as("within the tolerance").isEmpty();
	}

	@Test
	void aValueOutsideItsBoundsIsNamed() {
		assertThat(SolutionCheck.violations(model, new double[] { 3, -0.5, 1 }))
			.containsExactly("y = -0.500000 is below its lower bound 0.00000");
	}

	@Test
	void aFractionalIntegerIsNamed() {
		assertThat(SolutionCheck.violations(model, new double[] { 2.5, 1, 1 }))
			.containsExactly("x = 2.50000 is not a whole number");
	}

	@Test
	void anObjectiveTheSolutionDoesNotEarnIsNamed() {
		assertThat(SolutionCheck.objective(objective, new double[] { 3, 1, 1 }, 13))
			.isEqualTo("the solver claims an objective of 13.0000 but the solution earns 12.0000");
		assertThat(SolutionCheck.objective(objective, new double[] { 3, 1, 1 }, 11)).as("earning more is no problem").isNull();
	}

	@Test
	void aSolutionOfTheWrongLengthOrWithNaNIsRefused() {
		assertThat(SolutionCheck.violations(model, new double[] { 3, 1 })).containsExactly("the solution has 2 values for 3 variables");
		assertThat(SolutionCheck.violations(model, new double[] { 3, Double.NaN, 1 })).contains("y = NaN");
	}
}
