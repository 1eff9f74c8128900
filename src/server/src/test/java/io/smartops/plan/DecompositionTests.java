package io.smartops.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.smartops.plan.ScenarioGenerator.Family;
import io.smartops.plan.ScenarioGenerator.Size;
import io.smartops.plan.model.AutoBackend;
import io.smartops.plan.model.DecompositionBackend;
import io.smartops.plan.model.LinearModel;
import io.smartops.plan.model.MipResult;
import io.smartops.plan.model.MpSolverBackend;
import io.smartops.plan.model.SolveOptions;
import io.smartops.plan.scenario.Scenario;
import io.smartops.plan.scenario.ScenarioJson;

/**
 * Networks too large for one LP are decomposed by product: the bound it proves is never below the
 * optimum SCIP proves, its plan is never above it and is a plan of the whole model, and a network
 * ten times the benchmark's gets a plan with a proven gap under 0.1% well inside two minutes.
 */
class DecompositionTests {

	static final ObjectMapper JSON = new ObjectMapper();
	static final SolveOptions MINUTE = SolveOptions.defaults().withTimeLimit(Duration.ofMinutes(1));

	static Stream<Arguments> scenarios() {
		return Stream.of(Arguments.of(Family.STANDARD, new Size(10, 3, 10, 4, 3), 1L),
				Arguments.of(Family.MANY_CARRIERS, new Size(6, 2, 6, 3, 3), 2L),
				Arguments.of(Family.TIGHT_CO2, new Size(8, 3, 8, 4, 3), 3L),
				Arguments.of(Family.HIGH_FILL_RATE, new Size(8, 3, 8, 4, 3), 4L),
				Arguments.of(Family.FULL_WAREHOUSES, new Size(10, 3, 10, 4, 3), 5L),
				Arguments.of(Family.SPARSE_LANES, new Size(10, 3, 10, 4, 3), 6L));
	}

	@ParameterizedTest(name = "{0} {1} seed {2}")
	@MethodSource("scenarios")
	void itsBoundIsNeverBelowTheOptimumAndItsPlanIsAPlanOfTheWholeModel(Family family, Size size, long seed)
			throws Exception {
		Scenario scenario = new ScenarioGenerator(seed, family).generate(size);
		double optimum = new Optimizer(MpSolverBackend.scip(), MINUTE).optimize(scenario).margin();

		RetailModel retail = new RetailModel(scenario);
		MipResult result = new DecompositionBackend(false).maximize(retail.model(), retail.objective(), MINUTE);
		double tolerance = 1e-6 * Math.abs(optimum);
		assertThat(result.hasSolution()).isTrue();
		assertThat(result.bound()).as("the bound").isGreaterThanOrEqualTo(optimum - tolerance);
		assertThat(result.objective()).as("the plan").isLessThanOrEqualTo(optimum + tolerance);
		assertThat(result.gap()).as("the proven gap").isLessThan(0.02);

		Plan plan = new Optimizer(new DecompositionBackend(false), MINUTE).optimize(scenario);
		assertThat(plan.backend()).as("verified, not solved again").isEqualTo("decomposition");
		assertThat(plan.margin()).isCloseTo(result.objective(), within(1e-6 * Math.abs(optimum)));
		JsonNode scenarioJson = JSON.readTree(ScenarioJson.write(scenario));
		JsonNode planJson = JSON.valueToTree(plan);
		assertThat(PlanChecker.check(scenarioJson, planJson)).as("independent feasibility check").isEmpty();
		assertThat(PlanChecker.margin(scenarioJson, planJson)).isCloseTo(plan.margin(), within(1e-4 * plan.margin()));
	}

	@Test
	void theReportedDualsPriceOnlyTheRowsThatBindAndHaveTheSignOfTheirSide() {
		Scenario scenario = new ScenarioGenerator(5, Family.FULL_WAREHOUSES).generate(new Size(10, 3, 10, 4, 3));
		Plan plan = new Optimizer(new DecompositionBackend(false), MINUTE).optimize(scenario);

		assertThat(plan.constraints()).anyMatch(c -> c.binding() && c.dual() != 0);
		for (Plan.ConstraintReport c : plan.constraints()) {
			if (!c.binding()) {
				assertThat(c.dual()).as(c.name() + " has slack").isCloseTo(0, within(1e-6));
			}
			else if (!c.group().equals(RetailModel.FILL_RATE)) {
				assertThat(c.dual()).as(c.name() + ": a capacity is worth something or nothing").isGreaterThanOrEqualTo(-1e-6);
			}
			assertThat(c.range()).as("no ranging without the whole LP").isNull();
		}
	}

	@Test
	void aRowThatJoinsProductsWithoutSayingSoKeepsTheModelWhole() {
		RetailModel retail = new RetailModel(new ScenarioGenerator(1).generate(new Size(6, 2, 6, 3, 3)));
		assertThat(DecompositionBackend.decomposes(retail.model())).isTrue();
		LinearModel.Row volume = retail.model().row("supplier-volume", "volume[V1]").le(1e6);
		retail.model().vars().stream().filter(v -> v.name().startsWith("buy[")).forEach(v -> volume.add(v, 1));
		assertThat(DecompositionBackend.decomposes(retail.model())).isFalse();
		volume.linking();
		assertThat(DecompositionBackend.decomposes(retail.model())).isTrue();
	}

	@Test
	void aModelThatDoesNotFallApartIsSolvedWholeByBranchAndCut() {
		Scenario scenario = new ScenarioGenerator(3).generate(new Size(1, 2, 4, 3, 3));
		Plan plan = new Optimizer(new DecompositionBackend(false), MINUTE).optimize(scenario);
		Plan scip = new Optimizer(MpSolverBackend.scip(), MINUTE).optimize(scenario);

		assertThat(plan.backend()).isEqualTo("bnb");
		assertThat(plan.status()).isEqualTo(Plan.Status.OPTIMAL);
		assertThat(plan.margin()).isCloseTo(scip.margin(), within(1e-6 * Math.abs(scip.margin())));
	}

	@Test
	void aLinkingRowAddedByAnotherAgentHoldsInThePlan() {
		Scenario scenario = new ScenarioGenerator(8).generate(new Size(8, 3, 8, 4, 3));
		RetailModel retail = new RetailModel(scenario);
		double unbounded = buying(retail, new Optimizer(MpSolverBackend.scip(), MINUTE).optimize(retail));

		RetailModel limited = new RetailModel(scenario);
		LinearModel.Row volume = limited.model().row("supplier-volume", "all-purchases").le(unbounded * 0.8).linking();
		limited.model().vars().stream().filter(v -> v.name().startsWith("buy[")).forEach(v -> volume.add(v, 1));
		Plan plan = new Optimizer(new DecompositionBackend(false), MINUTE).optimize(limited);

		assertThat(plan.backend()).isEqualTo("decomposition");
		assertThat(buying(limited, plan)).isLessThanOrEqualTo(unbounded * 0.8 * (1 + 1e-6));
	}

	static double buying(RetailModel retail, Plan plan) {
		return plan.purchases().stream().mapToDouble(Plan.Purchase::quantity).sum();
	}

	@Test
	void aNetworkTenTimesTheBenchmarksGetsAPlanWithAProvenGapUnderOneThousandthWithinTwoMinutes() {
		Scenario scenario = new ScenarioGenerator(1).generate(new Size(100, 6, 40, 8, 3));
		Plan plan = new Optimizer(AutoBackend.standard(false), SolveOptions.defaults().withTimeLimit(Duration.ofMinutes(2)))
			.optimize(scenario);

		assertThat(plan.backend()).isEqualTo("decomposition");
		assertThat(plan.status()).isIn(Plan.Status.OPTIMAL, Plan.Status.FEASIBLE);
		assertThat(plan.gap() == null ? 0 : plan.gap()).isLessThan(1e-3);
		assertThat(plan.violations()).isNull();
	}
}
