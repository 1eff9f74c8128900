package io.smartops.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.smartops.plan.model.BranchAndBoundBackend;
import io.smartops.plan.model.LinearModel;
import io.smartops.plan.model.MipBackend;
import io.smartops.plan.model.MipResult;
import io.smartops.plan.model.MpSolverBackend;
import io.smartops.plan.model.SolveOptions;
import io.smartops.plan.scenario.Scenario;

/**
 * A plan is verified against the whole model before it is called optimal: a backend whose result
 * is broken (a fractional choice that no longer fits, an objective it does not earn) is not
 * believed; another backend solves the model again, and when that one fails too there is no plan.
 */
class VerifiedPlanTests {

	final Scenario scenario = new ScenarioGenerator(7).generate(new ScenarioGenerator.Size(6, 2, 6, 3, 3));
	final double optimum = new Optimizer(MpSolverBackend.scip(), SolveOptions.defaults()).optimize(scenario).margin();

	/** A real backend whose results are broken on the way out. */
	record Broken(MipBackend real, UnaryOperator<MipResult> breaking) implements MipBackend {
		@Override
		public String name() {
			return "broken-" + real.name();
		}

		@Override
		public MipResult maximize(LinearModel model, LinearModel.Objective objective, SolveOptions options) {
			return breaking.apply(real.maximize(model, objective, options));
		}
	}

	static MipResult overstated(MipResult r) {
		return new MipResult(r.status(), r.values(), r.objective() + 1000, r.bound() + 1000, r.millis(), r.solver());
	}

	@Test
	void aPlanThatDoesNotEarnWhatItsSolverClaimsIsSolvedAgainByAnotherBackend() {
		Plan plan = new Optimizer(new Broken(new BranchAndBoundBackend(), VerifiedPlanTests::overstated), SolveOptions.defaults())
			.optimize(scenario);
		assertThat(plan.status()).isEqualTo(Plan.Status.OPTIMAL);
		assertThat(plan.backend()).isEqualTo("scip");
		assertThat(plan.margin()).isCloseTo(optimum, within(1e-6 * optimum));
	}

	@Test
	void aPlanWhoseChoicesBreakTheModelIsSolvedAgainByAnotherBackend() {
		// every on/off choice switched on at half: rounded and re-solved, or left fractional, it is not the plan claimed
		UnaryOperator<MipResult> halves = r -> {
			double[] values = r.values().clone();
			for (int i = 0; i < values.length; i++) {
				values[i] = values[i] + 0.5;
			}
			return new MipResult(r.status(), values, r.objective(), r.bound(), r.millis(), r.solver());
		};
		Plan plan = new Optimizer(new Broken(new BranchAndBoundBackend(), halves), SolveOptions.defaults()).optimize(scenario);
		assertThat(plan.status()).isEqualTo(Plan.Status.OPTIMAL);
		assertThat(plan.backend()).isEqualTo("scip");
		assertThat(plan.margin()).isCloseTo(optimum, within(1e-6 * optimum));
	}

	@Test
	void whenTheSecondBackendFailsTooThereIsNoPlanButTheViolations() {
		Plan plan = new Optimizer(new Broken(new BranchAndBoundBackend(), VerifiedPlanTests::overstated),
				new Broken(MpSolverBackend.scip(), VerifiedPlanTests::overstated), SolveOptions.defaults(), 5_000).optimize(scenario);
		assertThat(plan.status()).isEqualTo(Plan.Status.NOT_SOLVED);
		assertThat(plan.margin()).isNull();
		assertThat(plan.violations()).isNotEmpty()
			.anySatisfy(v -> assertThat(v).contains("claims an objective of"));
	}
}
