package io.smartops.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import io.smartops.plan.model.LinearModel;
import io.smartops.plan.model.AutoBackend;
import io.smartops.plan.model.SolveOptions;
import io.smartops.plan.scenario.ScenarioJson;

/** Other agents extend the retail model with rows (constraint generation) and objective terms (objective building). */
class ModelExtensionTests {

	final Optimizer optimizer = new Optimizer(AutoBackend.standard(false), SolveOptions.defaults());

	RetailModel tiny() {
		return new RetailModel(ScenarioJson.parse(RetailModelConstraintTests.scenario(1, RetailModelConstraintTests.W10,
				RetailModelConstraintTests.OWN, RetailModelConstraintTests.LANE, "",
				RetailModelConstraintTests.SELL_8_AT_10, "")));
	}

	@Test
	void anAddedRowConstrainsThePlan() {
		RetailModel retail = tiny();
		LinearModel.Row row = retail.model().row("policy", "max-units-shipped").le(6);
		retail.model().vars().stream().filter(v -> v.name().startsWith("ship[")).forEach(v -> row.add(v, 1));

		Plan plan = optimizer.optimize(retail);

		assertThat(plan.prices().get(0).newUnits()).isEqualTo(6);
		assertThat(plan.margin()).isCloseTo(6 * 9 - 4 * 0.5, within(1e-6));
	}

	@Test
	void anAddedObjectiveLineIsPartOfTheMarginAndThePnl() {
		RetailModel retail = tiny();
		// a handling fee of 2 per unit sold, declared by an objective-builder agent
		LinearModel.Objective.Line fee = retail.objective().cost("handlingCost");
		retail.model().vars().stream().filter(v -> v.name().startsWith("x[")).forEach(v -> fee.add(v, 2));

		Plan plan = optimizer.optimize(retail);

		assertThat(plan.pnl()).containsEntry("handlingCost", 16.0);
		assertThat(plan.margin()).isCloseTo(71 - 16, within(1e-6));
	}
}
