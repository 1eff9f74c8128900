package io.smartops.sense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.smartops.plan.Optimizer;
import io.smartops.plan.Plan;
import io.smartops.plan.model.MpSolverBackend;
import io.smartops.plan.model.SolveOptions;
import io.smartops.plan.scenario.Scenario;
import io.smartops.plan.scenario.ScenarioJson;

/**
 * Whether a change matters, checked against the optimizer itself on the contract's small example:
 * a change the detector calls absorbed leaves the optimal margin where it was when the scenario is
 * solved again with it; a change it calls triggering is one the plan in force cannot carry as is.
 */
class ChangeDetectorTests {

	static ObjectNode json;
	static Scenario scenario;
	static Plan plan;
	static final Optimizer OPTIMIZER = new Optimizer(MpSolverBackend.scip(), SolveOptions.defaults());

	@BeforeAll
	static void solve() throws IOException {
		try (InputStream in = ChangeDetectorTests.class.getResourceAsStream("/examples/small.json")) {
			json = (ObjectNode) new ObjectMapper().readTree(in);
		}
		scenario = ScenarioJson.read(json);
		plan = OPTIMIZER.optimize(scenario);
	}

	static SensorEvent event(String type, String subject, double value) {
		return new SensorEvent("e", "test", type, subject, value, Instant.now());
	}

	ChangeDetector.Decision decide(SensorEvent e) {
		return new ChangeDetector(scenario, plan).decide(e);
	}

	/** The optimal margin with the change applied. */
	static double resolved(SensorEvent e) {
		ObjectNode copy = json.deepCopy();
		ScenarioPatch.apply(copy, e);
		return OPTIMIZER.optimize(ScenarioJson.read(copy)).margin();
	}

	double used(String carrier, int t) {
		return plan.shipments().stream().filter(s -> s.carrier().equals(carrier) && s.period() == t)
			.mapToDouble(Plan.Shipment::quantity).sum();
	}

	double maxUsed(String carrier) {
		double max = 0;
		for (int t = 1; t <= scenario.periods(); t++) {
			max = Math.max(max, used(carrier, t));
		}
		return max;
	}

	@Test
	void aCapacityCutTheSlackCoversIsAbsorbedAndTheOptimumStays() {
		String carrier = maxUsed("OWN") < 277 ? "OWN" : "3PL-A";
		double old = scenario.carriers().stream().filter(c -> c.id().equals(carrier)).findFirst().orElseThrow()
			.capacityPerPeriod();
		SensorEvent cut = event("carrier-capacity", carrier, (old + maxUsed(carrier)) / 2);
		ChangeDetector.Decision d = decide(cut);
		assertThat(d.triggers()).isFalse();
		assertThat(d.reason()).contains("slack");
		assertThat(resolved(cut)).isCloseTo(plan.margin(), within(1e-6 * Math.abs(plan.margin())));
	}

	@Test
	void aCapacityCutBelowWhatThePlanUsesTriggersAndNamesTheRows() {
		String carrier = maxUsed("OWN") > maxUsed("3PL-A") ? "OWN" : "3PL-A";
		SensorEvent cut = event("carrier-capacity", carrier, maxUsed(carrier) / 2);
		ChangeDetector.Decision d = decide(cut);
		assertThat(d.triggers()).isTrue();
		assertThat(d.touched()).isNotEmpty().allSatisfy(r -> assertThat(r).startsWith("carrier-capacity[" + carrier + ","));
		assertThat(resolved(cut)).isLessThan(plan.margin());
	}

	@Test
	void lessStockThanThePlanLeavesUnusedIsAbsorbedMoreThanThatTriggers() {
		ChangeDetector detector = new ChangeDetector(scenario, plan);
		String w = "W1";
		String p = "P1";
		double[] inv = detector.inventory(w, p);
		double unused = Double.POSITIVE_INFINITY;
		for (int t = 1; t <= scenario.periods(); t++) {
			unused = Math.min(unused, inv[t]);
		}
		double initial = scenario.warehouses().get(0).initial(p);
		if (unused > 1) {
			SensorEvent small = event("stock-level", w + "/" + p, initial - unused / 2);
			assertThat(detector.decide(small).triggers()).isFalse();
			assertThat(resolved(small)).isCloseTo(plan.margin(), within(1e-6 * Math.abs(plan.margin())));
		}
		SensorEvent gone = event("stock-level", w + "/" + p, 0);
		if (initial > unused + 1) {
			assertThat(detector.decide(gone).triggers()).isTrue();
		}
	}

	@Test
	void aCostRiseOnAnOfferThePlanBuysTriggersOnOneItDoesNotBuyItIsAbsorbed() {
		Plan.Purchase bought = plan.purchases().stream().filter(b -> b.quantity() > 1).findFirst().orElseThrow();
		Scenario.SupplyOffer offer = scenario.supplyOffers().stream().filter(o -> o.id().equals(bought.offer())).findFirst()
			.orElseThrow();
		assertThat(decide(event("supplier-cost", offer.id(), offer.unitCost() * 1.5)).triggers()).isTrue();
		Scenario.SupplyOffer idle = scenario.supplyOffers().stream()
			.filter(o -> plan.purchases().stream().noneMatch(b -> b.offer().equals(o.id()) && b.quantity() > 1e-6)).findFirst()
			.orElse(null);
		if (idle != null) {
			SensorEvent dearer = event("supplier-cost", idle.id(), idle.unitCost() * 1.5);
			assertThat(decide(dearer).triggers()).isFalse();
			assertThat(resolved(dearer)).isCloseTo(plan.margin(), within(1e-6 * Math.abs(plan.margin())));
		}
	}

	@Test
	void aLooserPolicyTheSlackAlreadyMeetsIsAbsorbed() {
		SensorEvent carbon = event("policy", "carbon-price", 0);
		ChangeDetector.Decision d = decide(carbon);
		assertThat(d.reason()).isNotBlank();
		SensorEvent cap = event("policy", "co2-cap", (plan.co2() == null ? 0 : plan.co2()) * 2 + 1);
		assertThat(decide(cap).triggers()).isFalse();
		assertThat(resolved(cap)).isCloseTo(plan.margin(), within(1e-6 * Math.abs(plan.margin())));
	}

	@Test
	void unknownSubjectsAreNamed() {
		ChangeDetector detector = new ChangeDetector(scenario, plan);
		assertThat(detector.unknownSubject(event("stock-level", "W9/P1", 1))).isEqualTo("no warehouse W9");
		assertThat(detector.unknownSubject(event("store-demand", "S1/P9", 1))).isEqualTo("no product P9");
		assertThat(detector.unknownSubject(event("supplier-cost", "V9-X", 1))).isEqualTo("no supply offer V9-X");
	}

	@Test
	void anEventNamesEveryBadField() {
		assertThatThrownBy(() -> SensorEvent.from(Map.of("id", "x", "source", "s", "type", "policy", "subject", "fill-rate",
				"value", 1.5, "observedAt", "2026-11-23T10:00:00Z")))
			.isInstanceOf(SensorEvent.InvalidEventException.class)
			.hasMessageContaining("value 1.5 is not a fill rate within 0..1");
		assertThatThrownBy(() -> SensorEvent.from(Map.of("id", "x", "source", "s", "type", "stock-level", "subject", "W1",
				"value", -1, "observedAt", "2026-11-23T10:00:00Z")))
			.hasMessageContaining("value -1.0 is negative");
	}
}
