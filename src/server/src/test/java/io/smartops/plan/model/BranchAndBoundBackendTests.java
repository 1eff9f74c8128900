package io.smartops.plan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.smartops.plan.RetailModel;
import io.smartops.plan.ScenarioGenerator;

class BranchAndBoundBackendTests {

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 1, 2, 3 })
	void withoutTimeToStrengthenTheRootItDivesFromThereAndStillProvesTheOptimum(long seed) {
		// the path a short time limit takes on a large model: a plan by rounding, then the search
		// from the root's LP (not from the LP the rounding left behind)
		RetailModel retail = new RetailModel(new ScenarioGenerator(seed).generate(new ScenarioGenerator.Size(6, 2, 6, 3, 3)));
		MipResult scip = MpSolverBackend.scip().maximize(retail.model(), retail.objective(), SolveOptions.defaults());
		MipResult bnb = new BranchAndBoundBackend(false, false).maximize(retail.model(), retail.objective(),
				SolveOptions.defaults());

		assertThat(scip.status()).isEqualTo(MipResult.Status.OPTIMAL);
		assertThat(bnb.status()).isEqualTo(MipResult.Status.OPTIMAL);
		assertThat(bnb.objective()).isCloseTo(scip.objective(), within(1e-6 * Math.abs(scip.objective())));
	}

	@Test
	void betterPlansFixVariablesByTheRootsReducedCostsWithoutLosingTheOptimum() {
		RetailModel retail = new RetailModel(new ScenarioGenerator(4, ScenarioGenerator.Family.LONG_LEAD_TIMES)
			.generate(new ScenarioGenerator.Size(10, 3, 10, 4, 3)));
		List<String> log = new ArrayList<>();
		SolveOptions options = new SolveOptions(Duration.ofSeconds(60), SolveOptions.DEFAULT_GAP, log::add);
		MipResult scip = MpSolverBackend.scip().maximize(retail.model(), retail.objective(), SolveOptions.defaults());
		MipResult bnb = new BranchAndBoundBackend(true).maximize(retail.model(), retail.objective(), options);

		assertThat(log).anyMatch(line -> line.contains("the root's reduced costs fix"));
		assertThat(bnb.status()).isEqualTo(MipResult.Status.OPTIMAL);
		assertThat(bnb.objective()).isCloseTo(scip.objective(), within(1e-6 * Math.abs(scip.objective())));
	}

	@Test
	void whenRoundingAtTheRootFindsNoPlanTheSearchGoesOnFromTheRootsLp() {
		// max x + w, 2x = 1 + z, z in [-1, 0.5]: the LP has x = 0.75; rounding fixes x = 1, which
		// needs z = 1, so the rounded LP is infeasible; the optimum is x = 0, w = 1 (z = -1)
		LinearModel model = new LinearModel();
		LinearModel.Var x = model.binary("x");
		LinearModel.Var w = model.binary("w");
		LinearModel.Var z = model.continuous("z", -1, 0.5);
		model.row("r", "link").add(x, 2).add(z, -1).eq(1);
		LinearModel.Objective objective = new LinearModel.Objective();
		objective.income("value").add(x, 1).add(w, 1);

		MipResult bnb = new BranchAndBoundBackend().maximize(model, objective, SolveOptions.defaults());

		assertThat(bnb.status()).isEqualTo(MipResult.Status.OPTIMAL);
		assertThat(bnb.objective()).isCloseTo(1, within(1e-9));
		assertThat(bnb.values()[x.index()]).isCloseTo(0, within(1e-9));
		assertThat(bnb.values()[w.index()]).isCloseTo(1, within(1e-9));
	}
}
