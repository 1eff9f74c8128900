package io.smartops.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smartops.plan.model.MpSolverBackend;
import io.smartops.plan.model.SolveOptions;
import io.smartops.plan.scenario.ScenarioJson;

/** The contract's example scenarios give their independently computed optimum. */
class RetailPlanExamplesTests {

	static final ObjectMapper JSON = new ObjectMapper();

	static String example(String name) throws IOException {
		try (InputStream in = RetailPlanExamplesTests.class.getResourceAsStream("/examples/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	static Plan optimize(String json) {
		return new Optimizer(MpSolverBackend.scip(), SolveOptions.defaults()).optimize(ScenarioJson.parse(json));
	}

	@ParameterizedTest(name = "{0} has margin {1}")
	@CsvSource({ "small.json, 16655.26", "medium.json, 47421.19" })
	void examplesReachTheirStatedOptimum(String file, double optimum) throws Exception {
		String scenario = example(file);
		Plan plan = optimize(scenario);

		assertThat(plan.status()).isEqualTo(Plan.Status.OPTIMAL);
		assertThat(plan.margin()).isCloseTo(optimum, within(Math.max(0.01, 1e-6 * optimum)));
		double lines = plan.pnl().get("revenue") + plan.pnl().get("committedRevenue") - plan.pnl().get("purchaseCost")
				- plan.pnl().get("transportCost") - plan.pnl().get("holdingCost") - plan.pnl().get("carrierFixedCost")
				- plan.pnl().get("penaltyCost") - plan.pnl().get("carbonCost");
		assertThat(lines).as("P&L lines sum to the margin").isCloseTo(plan.margin(), within(1e-6));

		JsonNode planJson = JSON.valueToTree(plan);
		JsonNode scenarioJson = JSON.readTree(scenario);
		assertThat(PlanChecker.check(scenarioJson, planJson)).as("independent feasibility check").isEmpty();
		assertThat(PlanChecker.margin(scenarioJson, planJson)).as("margin recomputed from decisions")
			.isCloseTo(plan.margin(), within(1e-4));
	}

	@Test
	void highsReachesTheOptimumToTheContractsPrecision() throws Exception {
		Plan plan = new Optimizer(MpSolverBackend.highs(), SolveOptions.defaults())
			.optimize(ScenarioJson.parse(example("medium.json")));
		assertThat(plan.backend()).isEqualTo("highs");
		assertThat(plan.margin()).isCloseTo(47421.19, within(0.01));
	}

	@Test
	void cpSatWithExactScalingReachesAnIntegralOptimum() {
		// the tiny scenario's optimum sells whole units: 8 × (10 − 1) − 2 units held × 0.5
		String tiny = RetailModelConstraintTests.scenario(1, RetailModelConstraintTests.W10, RetailModelConstraintTests.OWN,
				RetailModelConstraintTests.LANE, "", RetailModelConstraintTests.SELL_8_AT_10, "\"carbonPrice\": 0.25");
		Plan plan = new Optimizer(new io.smartops.plan.model.CpSatBackend(), SolveOptions.defaults())
			.optimize(ScenarioJson.parse(tiny));
		assertThat(plan.backend()).isEqualTo("cpsat");
		assertThat(plan.margin()).isCloseTo(71 - 8 * 0.25, within(1e-9));
	}

	@Test
	void theDiveReturnsAFeasiblePlanWithAProvenGap() throws Exception {
		String json = example("medium.json");
		Plan plan = new Optimizer(new io.smartops.plan.model.LpDiveBackend(), SolveOptions.defaults())
			.optimize(ScenarioJson.parse(json));
		assertThat(plan.backend()).isEqualTo("dive");
		assertThat(plan.status()).isIn(Plan.Status.FEASIBLE, Plan.Status.OPTIMAL);
		assertThat(PlanChecker.check(JSON.readTree(json), JSON.valueToTree(plan))).isEmpty();
		// the gap is to the LP bound, so the true optimum lies between the plan and the bound
		assertThat(plan.margin()).isLessThanOrEqualTo(47421.19 + 0.01);
		assertThat(plan.margin() * (1 + plan.gap())).isGreaterThanOrEqualTo(47421.19 - 0.01);
	}

	@Test
	void infeasibleExampleNamesTheConflictingPolicies() throws Exception {
		Plan plan = optimize(example("infeasible.json"));
		assertThat(plan.status()).isEqualTo(Plan.Status.INFEASIBLE);
		assertThat(plan.exitStatus()).isEqualTo(1);
		assertThat(plan.conflict()).containsExactlyInAnyOrder("co2-cap", "fill-rate");
		assertThat(plan.margin()).isNull();
	}

	@Test
	void everyReportedRowHasSlackDualAndBindingFlag() throws Exception {
		Plan plan = optimize(example("medium.json"));
		assertThat(plan.constraints()).isNotEmpty().allSatisfy(c -> {
			assertThat(c.binding()).isEqualTo(Math.abs(c.slack()) <= 1e-6);
			assertThat(c.name()).matches("(warehouse-capacity|carrier-capacity)\\[.+\\]|co2-cap|fill-rate");
			if (c.binding()) {
				assertThat(c.range()).as("binding rows are ranged: %s", c.name()).isNotNull();
			}
		});
		assertThat(plan.constraints()).anyMatch(Plan.ConstraintReport::binding);
	}
}
