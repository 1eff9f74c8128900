package io.smartops.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import io.smartops.plan.model.AutoBackend;
import io.smartops.plan.model.SolveOptions;
import io.smartops.plan.scenario.ScenarioJson;

/**
 * One behaviour of the retail model per test, each on a tiny scenario whose optimum is worked out
 * by hand in the test's comment: one product P sold at store S from warehouse W.
 */
class RetailModelConstraintTests {

	static Plan solve(String json) {
		return new Optimizer(AutoBackend.standard(false), SolveOptions.defaults()).optimize(ScenarioJson.parse(json));
	}

	/** A one-product network; the parts given replace the defaults. */
	static String scenario(int periods, String warehouse, String carriers, String lanes, String offers, String demand,
			String policy) {
		return """
				{"name": "tiny", "periods": %d, "products": [{"id": "P", "holdingCost": 0.5}],
				 "warehouses": [%s], "stores": [{"id": "S"}], "carriers": [%s], "lanes": [%s],
				 "supplyOffers": [%s], "demand": [%s], "policy": {%s}}
				""".formatted(periods, warehouse, carriers, lanes, offers, demand, policy);
	}

	static final String W10 = "{\"id\": \"W\", \"initialInventory\": {\"P\": 10}}";
	static final String OWN = "{\"id\": \"OWN\", \"capacityPerPeriod\": 100}";
	static final String LANE = "{\"warehouse\": \"W\", \"store\": \"S\", \"carrier\": \"OWN\", \"costPerUnit\": 1, \"co2PerUnit\": 1}";
	static final String SELL_8_AT_10 = "{\"store\": \"S\", \"product\": \"P\", \"period\": 1, \"priceOptions\": [{\"price\": 10, \"quantity\": 8}]}";

	@Test
	void sellsWhatItCanShipAtTheOfferedPrice() {
		// 8 units × (10 − 1 transport) = 72; 2 units stay: holding 2 × 0.5 = 1
		Plan plan = solve(scenario(1, W10, OWN, LANE, "", SELL_8_AT_10, ""));
		assertThat(plan.margin()).isCloseTo(71, within(1e-6));
		assertThat(plan.prices().get(0).newUnits()).isEqualTo(8);
		assertThat(plan.pnl().get("holdingCost")).isEqualTo(1);
	}

	@Test
	void storesOnlySellWhatIsShippedToThem() {
		// no lane into S: nothing sold, 10 units held
		Plan plan = solve(scenario(1, W10, OWN, "", "", SELL_8_AT_10, ""));
		assertThat(plan.prices().get(0).newUnits()).isZero();
		assertThat(plan.margin()).isCloseTo(-5, within(1e-6));
	}

	@Test
	void warehousesShipOnlyWhatTheyHold() {
		// demand 20 but stock 10 and no supplier: 10 sold, 10 × 9 = 90
		String demand = "{\"store\": \"S\", \"product\": \"P\", \"period\": 1, \"priceOptions\": [{\"price\": 10, \"quantity\": 20}]}";
		Plan plan = solve(scenario(1, W10, OWN, LANE, "", demand, ""));
		assertThat(plan.prices().get(0).newUnits()).isEqualTo(10);
		assertThat(plan.margin()).isCloseTo(90, within(1e-6));
	}

	@Test
	void purchasesArriveAfterTheirLeadTime() {
		// lead time 1: period-1 demand cannot be met by purchases, period-2 demand can (ordered in period 1)
		String w = "{\"id\": \"W\"}";
		String offer = "{\"id\": \"V\", \"supplier\": \"V\", \"product\": \"P\", \"warehouse\": \"W\", \"unitCost\": 5, \"leadTime\": 1}";
		String demand = "{\"store\": \"S\", \"product\": \"P\", \"period\": 1, \"priceOptions\": [{\"price\": 10, \"quantity\": 5}]},"
				+ "{\"store\": \"S\", \"product\": \"P\", \"period\": 2, \"priceOptions\": [{\"price\": 10, \"quantity\": 20}]}";
		Plan plan = solve(scenario(2, w, OWN, LANE, offer, demand, ""));
		assertThat(plan.prices().get(0).newUnits()).isZero();
		assertThat(plan.prices().get(1).newUnits()).isEqualTo(20);
		assertThat(plan.purchases()).singleElement().satisfies(p -> {
			assertThat(p.period()).isEqualTo(1);
			assertThat(p.arrivalPeriod()).isEqualTo(2);
			assertThat(p.quantity()).isEqualTo(20);
		});
		assertThat(plan.margin()).isCloseTo(20 * (10 - 5 - 1), within(1e-6));
	}

	@Test
	void ordersThatWouldArriveAfterTheHorizonAreNotPlaced() {
		String offer = "{\"id\": \"V\", \"supplier\": \"V\", \"product\": \"P\", \"warehouse\": \"W\", \"unitCost\": 1, \"leadTime\": 1}";
		Plan plan = solve(scenario(1, "{\"id\": \"W\"}", OWN, LANE, offer, SELL_8_AT_10, ""));
		assertThat(plan.purchases()).isEmpty();
		assertThat(plan.margin()).isZero();
	}

	@Test
	void warehouseCapacityLimitsStockCarriedOver() {
		// period 2 demand 30, supplier 20 per period: buying early is capped by capacity 8 → 8 + 20 = 28 sold
		String w = "{\"id\": \"W\", \"capacity\": 8}";
		String offer = "{\"id\": \"V\", \"supplier\": \"V\", \"product\": \"P\", \"warehouse\": \"W\", \"unitCost\": 2, \"maxPerPeriod\": 20}";
		String demand = "{\"store\": \"S\", \"product\": \"P\", \"period\": 2, \"priceOptions\": [{\"price\": 10, \"quantity\": 30}]}";
		Plan plan = solve(scenario(2, w, OWN, LANE, offer, demand, ""));
		assertThat(plan.prices().get(0).newUnits()).isEqualTo(28);
		Plan.ConstraintReport row = row(plan, "warehouse-capacity[W,1]");
		assertThat(row.binding()).isTrue();
		// one more unit of capacity sells one more unit: 10 − 2 − 1 − 0.5 holding
		assertThat(row.dual()).isCloseTo(6.5, within(1e-6));
	}

	@Test
	void carrierCapacityLimitsShipmentsAndIsPricedByItsDual() {
		String carrier = "{\"id\": \"OWN\", \"capacityPerPeriod\": 5}";
		Plan plan = solve(scenario(1, W10, carrier, LANE, "", SELL_8_AT_10, ""));
		assertThat(plan.prices().get(0).newUnits()).isEqualTo(5);
		Plan.ConstraintReport row = row(plan, "carrier-capacity[OWN,1]");
		assertThat(row.binding()).isTrue();
		assertThat(row.slack()).isZero();
		// one more unit of capacity: + 10 − 1 transport + 0.5 holding saved
		assertThat(row.dual()).isCloseTo(9.5, within(1e-6));
	}

	@Test
	void aCarrierWithAFixedCostIsUsedOnlyWhenItPays() {
		String carrier = "{\"id\": \"3PL\", \"capacityPerPeriod\": 100, \"fixedCostPerPeriod\": %s}";
		String lane = LANE.replace("OWN", "3PL");
		Plan worthIt = solve(scenario(1, W10, carrier.formatted(50), lane, "", SELL_8_AT_10, ""));
		assertThat(worthIt.pnl().get("carrierFixedCost")).isEqualTo(50);
		assertThat(worthIt.margin()).isCloseTo(72 - 50 - 1, within(1e-6));
		Plan notWorthIt = solve(scenario(1, W10, carrier.formatted(100), lane, "", SELL_8_AT_10, ""));
		assertThat(notWorthIt.pnl().get("carrierFixedCost")).isZero();
		assertThat(notWorthIt.shipments()).isEmpty();
	}

	@Test
	void atMostOnePriceOptionIsOfferedPerEntry() {
		// capacity 10: option A sells 8 × 9 = 72, option B 10 × 6 = 60; a mix would be worth more but is not allowed
		String carrier = "{\"id\": \"OWN\", \"capacityPerPeriod\": 10}";
		String w = "{\"id\": \"W\", \"initialInventory\": {\"P\": 30}}";
		String demand = "{\"store\": \"S\", \"product\": \"P\", \"period\": 1, \"priceOptions\": [{\"price\": 10, \"quantity\": 8}, {\"price\": 7, \"quantity\": 20}]}";
		Plan plan = solve(scenario(1, w, carrier, LANE, "", demand, ""));
		assertThat(plan.prices().get(0).price()).isEqualTo(10.0);
		assertThat(plan.prices().get(0).newUnits()).isEqualTo(8);
		assertThat(plan.pnl().get("revenue")).isEqualTo(80);
	}

	@Test
	void unmetCommittedDemandPaysItsPenalty() {
		String demand = "{\"store\": \"S\", \"product\": \"P\", \"period\": 1, \"committed\": {\"quantity\": 5, \"price\": 12, \"penaltyPerUnit\": 3}}";
		Plan none = solve(scenario(1, "{\"id\": \"W\"}", OWN, LANE, "", demand, ""));
		assertThat(none.prices().get(0).committedUnits()).isZero();
		assertThat(none.pnl().get("penaltyCost")).isEqualTo(15);
		Plan served = solve(scenario(1, W10, OWN, LANE, "", demand, ""));
		assertThat(served.prices().get(0).committedUnits()).isEqualTo(5);
		assertThat(served.pnl().get("committedRevenue")).isEqualTo(60);
		assertThat(served.pnl().get("penaltyCost")).isZero();
	}

	@Test
	void theFillRateFloorForcesServiceThatDoesNotPay() {
		// committed at price 0.2: with transport 1 and holding 0.5 saved, each unit served loses 0.3; no penalty,
		// so units are served only as far as the floor demands
		String demand = "{\"store\": \"S\", \"product\": \"P\", \"period\": 1, \"committed\": {\"quantity\": 10, \"price\": 0.2, \"penaltyPerUnit\": 0}}";
		Plan plan = solve(scenario(1, W10, OWN, LANE, "", demand, "\"minCommittedFillRate\": 0.5"));
		assertThat(plan.prices().get(0).committedUnits()).isEqualTo(5);
		Plan.ConstraintReport row = row(plan, "fill-rate");
		assertThat(row.binding()).isTrue();
		assertThat(row.dual()).isCloseTo(-0.3, within(1e-6));
	}

	@Test
	void theCo2CapLimitsEmissions() {
		Plan plan = solve(scenario(1, W10, OWN, LANE, "", SELL_8_AT_10, "\"co2Cap\": 3"));
		assertThat(plan.co2()).isEqualTo(3);
		assertThat(plan.prices().get(0).newUnits()).isEqualTo(3);
		assertThat(row(plan, "co2-cap").binding()).isTrue();
	}

	@Test
	void emissionsArePricedAtTheCarbonPrice() {
		Plan plan = solve(scenario(1, W10, OWN, LANE, "", SELL_8_AT_10, "\"carbonPrice\": 0.25"));
		assertThat(plan.pnl().get("carbonCost")).isEqualTo(8 * 0.25);
	}

	@Test
	void stockHeldAtPeriodEndCostsItsHoldingCost() {
		// 10 units held through period 1, sold in period 2: holding 10 × 0.5
		String demand = "{\"store\": \"S\", \"product\": \"P\", \"period\": 2, \"priceOptions\": [{\"price\": 10, \"quantity\": 10}]}";
		Plan plan = solve(scenario(2, W10, OWN, LANE, "", demand, ""));
		assertThat(plan.pnl().get("holdingCost")).isEqualTo(5);
		assertThat(plan.margin()).isCloseTo(90 - 5, within(1e-6));
	}

	@Test
	void aBindingRowsRangeIsWhereItsDualHolds() {
		// carrier capacity 5 binds with dual 9.5 until it reaches 8 units (the demand), and down to 0
		String carrier = "{\"id\": \"OWN\", \"capacityPerPeriod\": 5}";
		Plan plan = solve(scenario(1, W10, carrier, LANE, "", SELL_8_AT_10, ""));
		Plan.ConstraintReport row = row(plan, "carrier-capacity[OWN,1]");
		assertThat(row.limit()).isEqualTo(5);
		assertThat(row.range().low()).isCloseTo(0, within(1e-5));
		assertThat(row.range().high()).isCloseTo(8, within(1e-5));
	}

	@Test
	void aBindingRowThatNeverMattersUpwardsHasAnOpenRange() {
		// an unused carrier with capacity 0 binds (slack 0, dual 0); more capacity never changes the plan
		String carriers = OWN + ", {\"id\": \"SLOW\", \"capacityPerPeriod\": 0}";
		String lanes = LANE + ", {\"warehouse\": \"W\", \"store\": \"S\", \"carrier\": \"SLOW\", \"costPerUnit\": 50}";
		Plan plan = solve(scenario(1, W10, carriers, lanes, "", SELL_8_AT_10, ""));
		Plan.ConstraintReport row = row(plan, "carrier-capacity[SLOW,1]");
		assertThat(row.binding()).isTrue();
		assertThat(row.dual()).isZero();
		assertThat(row.range().high()).isNull();
		// below 0 the LP is infeasible; the end is found to GLOP's feasibility tolerance
		assertThat(row.range().low()).isCloseTo(0, within(1e-5));
	}

	@Test
	void aFloorsRangeEndsWhereItStopsBinding() {
		// fill-rate floor 25 of 50 binds at a loss per unit; lowering it pays until 0, raising it until all 50
		Plan plan = solve(scenario(1, "{\"id\": \"W\", \"initialInventory\": {\"P\": 100}}", OWN, LANE, "",
				"{\"store\": \"S\", \"product\": \"P\", \"period\": 1, \"committed\": {\"quantity\": 50, \"price\": 0, \"penaltyPerUnit\": 0}}",
				"\"minCommittedFillRate\": 0.5"));
		Plan.ConstraintReport row = row(plan, "fill-rate");
		assertThat(row.limit()).isEqualTo(25);
		assertThat(row.range().low()).isCloseTo(0, within(1e-5));
		assertThat(row.range().high()).isCloseTo(50, within(1e-5));
	}

	static Plan.ConstraintReport row(Plan plan, String name) {
		return plan.constraints().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
	}
}
