package io.smartops.plan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
}
