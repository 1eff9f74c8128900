package io.smartops.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smartops.plan.model.MpSolverBackend;
import io.smartops.plan.model.SolveOptions;
import io.smartops.plan.scenario.Scenario;
import io.smartops.plan.scenario.ScenarioJson;

/** The siloed baseline and the scenario generator. */
class SiloedAndGeneratorTests {

	static final ObjectMapper JSON = new ObjectMapper();

	final Optimizer optimizer = new Optimizer(MpSolverBackend.scip(), SolveOptions.defaults());
	final SiloedPlanner siloed = new SiloedPlanner(MpSolverBackend.scip(), SolveOptions.defaults());

	@ParameterizedTest
	@ValueSource(strings = { "small.json", "medium.json" })
	void theCoordinatedOptimumIsNeverBelowTheSiloedPlan(String file) throws Exception {
		Scenario s = ScenarioJson.parse(RetailPlanExamplesTests.example(file));
		Comparison c = Comparison.of(s, optimizer, siloed);
		assertThat(c.siloed().status()).isEqualTo(Plan.Status.FEASIBLE);
		assertThat(c.uplift()).isGreaterThanOrEqualTo(-1e-6);
	}

	@Test
	void theSiloedPlanKeepsThePhysicalConstraintsAndIsValuedWithTheSameObjective() throws Exception {
		String json = RetailPlanExamplesTests.example("small.json");
		Plan plan = siloed.plan(ScenarioJson.parse(json));
		JsonNode planJson = JSON.valueToTree(plan);
		JsonNode scenarioJson = JSON.readTree(json);
		// the baseline ignores no physical limit (policies it may break are listed as violations)
		assertThat(PlanChecker.check(scenarioJson, planJson))
			.allMatch(v -> v.startsWith("CO2") || v.startsWith("fill rate"));
		assertThat(PlanChecker.margin(scenarioJson, planJson)).isCloseTo(plan.margin(),
				org.assertj.core.api.Assertions.within(1e-4));
	}

	@Test
	void pricingAlonePicksTheRevenueMaximizingOption() {
		Scenario.DemandEntry e = new Scenario.DemandEntry("S", "P", 1, null,
				java.util.List.of(new Scenario.PriceOption(10, 8), new Scenario.PriceOption(7, 20), new Scenario.PriceOption(20, 3)));
		assertThat(SiloedPlanner.bestOption(e)).isEqualTo(1);
	}

	@Test
	void theGeneratorIsReproducibleAndValid() {
		ScenarioGenerator.Size size = new ScenarioGenerator.Size(4, 2, 5, 3, 3);
		String a = ScenarioJson.write(new ScenarioGenerator(11).generate(size));
		String b = ScenarioJson.write(new ScenarioGenerator(11).generate(size));
		String c = ScenarioJson.write(new ScenarioGenerator(12).generate(size));
		assertThat(a).isEqualTo(b).isNotEqualTo(c);
		Scenario parsed = ScenarioJson.parse(a);
		assertThat(parsed.products()).hasSize(4);
		assertThat(parsed.warehouses()).hasSize(2);
		assertThat(parsed.stores()).hasSize(5);
		assertThat(parsed.periods()).isEqualTo(3);
		assertThat(parsed.demand()).allSatisfy(d -> assertThat(d.priceOptions()).hasSize(3));
	}

	@Test
	void generatedCapacitiesGrowWithTheNetwork() {
		Scenario small = new ScenarioGenerator(1).generate(new ScenarioGenerator.Size(3, 2, 3, 2, 2));
		Scenario large = new ScenarioGenerator(1).generate(new ScenarioGenerator.Size(12, 2, 12, 2, 2));
		double smallCarrier = small.carriers().stream().mapToDouble(Scenario.Carrier::capacityPerPeriod).sum();
		double largeCarrier = large.carriers().stream().mapToDouble(Scenario.Carrier::capacityPerPeriod).sum();
		assertThat(largeCarrier).isGreaterThan(4 * smallCarrier);
		Plan plan = optimizer.optimize(large);
		assertThat(plan.status()).isEqualTo(Plan.Status.OPTIMAL);
	}
}
