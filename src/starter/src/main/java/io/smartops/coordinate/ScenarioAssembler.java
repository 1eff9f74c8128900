package io.smartops.coordinate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smartops.plan.scenario.Scenario;
import io.smartops.plan.scenario.ScenarioJson;

/**
 * Assembles a run's scenario ({@code retail-plan.md}) from the facts its agents wrote and validates
 * it with the contract's rules; an invalid scenario fails with every problem named.
 */
public final class ScenarioAssembler {

	private ScenarioAssembler() {
	}

	public static ObjectNode assemble(RunContext context, String runId, Scope scope) {
		JsonNode demand = context.fact(runId, CoordinatorProcess.FACT_DEMAND);
		JsonNode inventory = context.fact(runId, CoordinatorProcess.FACT_INVENTORY);
		JsonNode logistics = context.fact(runId, CoordinatorProcess.FACT_LOGISTICS);
		JsonNode policy = context.fact(runId, CoordinatorProcess.FACT_POLICY);
		ObjectNode scenario = GatherAgents.NODES.objectNode();
		scenario.put("name", "run-" + runId);
		scenario.put("periods", scope.horizon());
		scenario.set("products", demand.get("products"));
		scenario.set("warehouses", inventory.get("warehouses"));
		scenario.set("stores", demand.get("stores"));
		scenario.set("carriers", logistics.get("carriers"));
		scenario.set("lanes", logistics.get("lanes"));
		ArrayNode offers = scenario.putArray("supplyOffers");
		for (JsonNode supply : context.factsStartingWith(runId, CoordinatorProcess.FACT_SUPPLY_PREFIX)) {
			supply.get("supplyOffers").forEach(offers::add);
		}
		scenario.set("demand", demand.get("demand"));
		scenario.set("policy", policy.get("policy"));
		return scenario;
	}

	/** Validates with the contract's field rules ({@link io.smartops.plan.scenario.InvalidScenarioException}). */
	public static Scenario validate(ObjectNode scenario) {
		return ScenarioJson.read(scenario);
	}
}
