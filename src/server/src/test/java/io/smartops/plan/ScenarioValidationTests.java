package io.smartops.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smartops.plan.scenario.InvalidScenarioException;
import io.smartops.plan.scenario.Scenario;
import io.smartops.plan.scenario.ScenarioJson;

/** One test per field rule of retail-plan.md; each error names the field and the value. */
class ScenarioValidationTests {

	static final ObjectMapper JSON = new ObjectMapper();

	ObjectNode base;

	@BeforeEach
	void load() throws Exception {
		base = (ObjectNode) JSON.readTree("""
				{"name": "tiny", "periods": 4,
				 "products": [{"id": "P1", "holdingCost": 0.2}, {"id": "P2"}],
				 "warehouses": [{"id": "W1", "capacity": 500, "initialInventory": {"P1": 40}}],
				 "stores": [{"id": "S1"}],
				 "carriers": [{"id": "OWN", "capacityPerPeriod": 200}],
				 "lanes": [{"warehouse": "W1", "store": "S1", "carrier": "OWN", "costPerUnit": 0.6}],
				 "supplyOffers": [{"id": "V1-P1", "supplier": "V1", "product": "P1", "warehouse": "W1", "unitCost": 9.5}],
				 "demand": [{"store": "S1", "product": "P1", "period": 1, "priceOptions": [{"price": 14, "quantity": 10}]},
				            {"store": "S1", "product": "P1", "period": 2},
				            {"store": "S1", "product": "P2", "period": 1},
				            {"store": "S1", "product": "P2", "period": 2}],
				 "policy": {}}
				""");
	}

	String rejected(Consumer<ObjectNode> change) {
		change.accept(base);
		return assertThatThrownBy(() -> ScenarioJson.read(base)).isInstanceOf(InvalidScenarioException.class)
			.actual().getMessage();
	}

	ObjectNode at(String list, int i) {
		return (ObjectNode) base.withArray(list).get(i);
	}

	@Test
	void appliesTheDefaultsOfOptionalFields() {
		Scenario s = ScenarioJson.read(base);
		assertThat(s.products().get(1).holdingCost()).isZero();
		assertThat(s.warehouses().get(0).initial("P2")).isZero();
		assertThat(s.carriers().get(0).fixedCostPerPeriod()).isZero();
		assertThat(s.lanes().get(0).co2PerUnit()).isZero();
		assertThat(s.supplyOffers().get(0).maxPerPeriod()).isInfinite();
		assertThat(s.supplyOffers().get(0).leadTime()).isZero();
		assertThat(s.demand().get(1).committed()).isNull();
		assertThat(s.demand().get(1).priceOptions()).isEmpty();
		assertThat(s.policy().co2Cap()).isNull();
		assertThat(s.policy().minCommittedFillRate()).isNull();
	}

	@Test
	void warehouseWithoutCapacityIsUnlimited() {
		at("warehouses", 0).remove("capacity");
		assertThat(ScenarioJson.read(base).warehouses().get(0).hasCapacity()).isFalse();
	}

	@Test
	void periodsMustBeAtLeastOne() {
		assertThat(rejected(s -> s.put("periods", 0))).contains("periods: 0 must be at least 1");
	}

	@Test
	void periodsAreRequiredAndWhole() {
		assertThat(rejected(s -> s.remove("periods"))).contains("periods: is required");
		load0();
		assertThat(rejected(s -> s.put("periods", 2.5))).contains("periods: 2.5 is not a whole number");
	}

	private void load0() {
		try {
			load();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	@Test
	void demandPeriodIsWithinTheHorizon() {
		assertThat(rejected(s -> ((ObjectNode) s.withArray("demand").get(3)).put("period", 5)))
			.contains("demand[3].period: 5 is outside 1..4");
	}

	@Test
	void idsAreNonEmpty() {
		assertThat(rejected(s -> at("products", 0).put("id", ""))).contains("products[0].id: must not be empty");
	}

	@Test
	void idsAreUniqueWithinTheirList() {
		assertThat(rejected(s -> s.withArray("stores").addObject().put("id", "S1")))
			.contains("stores[1].id: \"S1\" is not unique");
	}

	@Test
	void laneReferencesExistingWarehouseStoreAndCarrier() {
		String message = rejected(s -> at("lanes", 0).put("warehouse", "W9").put("store", "S9").put("carrier", "UPS"));
		assertThat(message).contains("lanes[0].warehouse: unknown warehouse \"W9\"")
			.contains("lanes[0].store: unknown store \"S9\"")
			.contains("lanes[0].carrier: unknown carrier \"UPS\"");
	}

	@Test
	void offerReferencesExistingProductAndWarehouse() {
		assertThat(rejected(s -> at("supplyOffers", 0).put("product", "P7").put("warehouse", "W2")))
			.contains("supplyOffers[0].product: unknown product \"P7\"")
			.contains("supplyOffers[0].warehouse: unknown warehouse \"W2\"");
	}

	@Test
	void demandReferencesExistingStoreAndProduct() {
		assertThat(rejected(s -> at("demand", 0).put("store", "S2").put("product", "P3")))
			.contains("demand[0].store: unknown store \"S2\"")
			.contains("demand[0].product: unknown product \"P3\"");
	}

	@Test
	void initialInventoryNamesExistingProducts() {
		assertThat(rejected(s -> ((ObjectNode) at("warehouses", 0).get("initialInventory")).put("P9", 3)))
			.contains("warehouses[0].initialInventory.P9: unknown product \"P9\"");
	}

	@Test
	void numbersAreNotNegative() {
		assertThat(rejected(s -> at("lanes", 0).put("costPerUnit", -0.5)))
			.contains("lanes[0].costPerUnit: -0.5 must be at least 0");
	}

	@Test
	void numbersAreNumbers() {
		assertThat(rejected(s -> at("carriers", 0).put("capacityPerPeriod", "lots")))
			.contains("carriers[0].capacityPerPeriod: \"lots\" is not a number");
	}

	@Test
	void requiredNumbersArePresent() {
		assertThat(rejected(s -> at("supplyOffers", 0).remove("unitCost")))
			.contains("supplyOffers[0].unitCost: is required");
	}

	@Test
	void fillRateFloorIsWithinZeroAndOne() {
		assertThat(rejected(s -> ((ObjectNode) s.get("policy")).put("minCommittedFillRate", 1.5)))
			.contains("policy.minCommittedFillRate: 1.5 is outside [0, 1]");
	}

	@Test
	void atMostOneDemandEntryPerStoreProductAndPeriod() {
		assertThat(rejected(s -> ((ObjectNode) s.withArray("demand").get(1)).put("period", 1)))
			.contains("demand[1]: a second demand entry for store \"S1\", product \"P1\", period 1");
	}

	@Test
	void leadTimeIsAWholeNumberOfPeriods() {
		assertThat(rejected(s -> at("supplyOffers", 0).put("leadTime", 1.5)))
			.contains("supplyOffers[0].leadTime: 1.5 is not a whole number");
	}

	@Test
	void unknownFieldsAreRejected() {
		assertThat(rejected(s -> at("stores", 0).put("colour", "red"))).contains("stores[0].colour: unknown field");
	}

	@Test
	void listsAreRequired() {
		assertThat(rejected(s -> s.remove("lanes"))).contains("lanes: is required");
	}

	@Test
	void everyProblemIsReportedAtOnce() {
		InvalidScenarioException e = (InvalidScenarioException) org.assertj.core.api.Assertions.catchThrowable(() -> {
			base.put("periods", 0);
			((ArrayNode) base.withArray("lanes")).addObject().put("warehouse", "W9");
			ScenarioJson.read(base);
		});
		assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(4);
	}

	@Test
	void textThatIsNotJsonIsRejected() {
		assertThatThrownBy(() -> ScenarioJson.parse("{\"periods\": ")).isInstanceOf(InvalidScenarioException.class)
			.hasMessageStartingWith("scenario: not valid JSON");
	}
}
