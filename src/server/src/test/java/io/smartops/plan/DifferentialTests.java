package io.smartops.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.smartops.plan.ScenarioGenerator.Family;
import io.smartops.plan.ScenarioGenerator.Size;
import io.smartops.plan.model.AutoBackend;
import io.smartops.plan.model.MpSolverBackend;
import io.smartops.plan.model.SolveOptions;
import io.smartops.plan.scenario.Scenario;
import io.smartops.plan.scenario.ScenarioJson;

/**
 * The default backend against SCIP on generated scenarios of every family and of sizes up to
 * 10×3×10×4, infeasible ones included: the same status and the same margin within 1e-6 relative,
 * and every plan of the default backend feasible and priced right by the independent checker.
 * The cases run in parallel, one per core: each solve is single-threaded.
 */
class DifferentialTests {

	static final ObjectMapper JSON = new ObjectMapper();

	/**
	 * Time enough for both backends to prove every case (the slowest, a many-carriers 10×3×10×4
	 * case, takes the default backend about 45 s here): a status is compared, not a time limit.
	 */
	static final SolveOptions PROVE = SolveOptions.defaults().withTimeLimit(java.time.Duration.ofMinutes(10));

	static final List<Size> SIZES = List.of(new Size(4, 2, 5, 3, 3), new Size(6, 2, 6, 3, 3), new Size(8, 3, 8, 4, 3),
			new Size(10, 3, 10, 4, 3));

	/** Three scenarios of each family (sizes and seeds vary), and four made infeasible. */
	static Stream<Arguments> scenarios() {
		List<Arguments> cases = new ArrayList<>();
		int n = 0;
		for (Family family : Family.values()) {
			for (int i = 0; i < 3; i++, n++) {
				Size size = SIZES.get(n % SIZES.size());
				long seed = 100 + n;
				cases.add(Arguments.of(family + " " + sizeLabel(size) + " seed " + seed,
						new ScenarioGenerator(seed, family).generate(size)));
			}
		}
		for (int i = 0; i < 4; i++) {
			Size size = SIZES.get(i);
			Scenario s = new ScenarioGenerator(200 + i, Family.HIGH_FILL_RATE).generate(size);
			// committed orders must be served, yet almost no CO2 may be emitted: no plan meets both
			Scenario.Policy impossible = new Scenario.Policy(1.0, s.policy().carbonPrice(), 0.98);
			cases.add(Arguments.of("infeasible " + sizeLabel(size) + " seed " + (200 + i),
					new Scenario(s.name() + "-infeasible", s.periods(), s.products(), s.warehouses(), s.stores(), s.carriers(),
							s.lanes(), s.supplyOffers(), s.demand(), impossible)));
		}
		return cases.stream();
	}

	static String sizeLabel(Size s) {
		return s.products() + "x" + s.warehouses() + "x" + s.stores() + "x" + s.periods();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	@Execution(ExecutionMode.CONCURRENT)
	void theDefaultBackendAndScipAgreeOnStatusAndMargin(String label, Scenario scenario) throws Exception {
		Plan auto = new Optimizer(AutoBackend.standard(false), PROVE).optimize(scenario);
		Plan scip = new Optimizer(MpSolverBackend.scip(), PROVE).optimize(scenario);

		assertThat(auto.status()).as(label).isEqualTo(scip.status());
		assertThat(auto.status()).as(label).isIn(Plan.Status.OPTIMAL, Plan.Status.INFEASIBLE);
		if (auto.status() == Plan.Status.OPTIMAL) {
			assertThat(auto.margin()).as(label).isCloseTo(scip.margin(), within(1e-6 * Math.max(1, Math.abs(scip.margin()))));
			JsonNode scenarioJson = JSON.readTree(ScenarioJson.write(scenario));
			JsonNode planJson = JSON.valueToTree(auto);
			assertThat(PlanChecker.check(scenarioJson, planJson)).as(label + ": independent feasibility check").isEmpty();
			assertThat(PlanChecker.margin(scenarioJson, planJson)).as(label + ": margin from the decisions")
				.isCloseTo(auto.margin(), within(1e-4 * Math.max(1, Math.abs(auto.margin()))));
		}
		else {
			assertThat(auto.conflict()).as(label + ": the conflict is named").isNotEmpty();
		}
	}
}
