package io.smartops.sense;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smartops.plan.scenario.Scenario;

/**
 * Applies a sensed change to a scenario document: the input it maps to takes the event's value.
 * A store's demand scales every price option of that store and product, so that the option at the
 * list price (the middle one of the demand agent's options) sells the sensed units.
 */
public final class ScenarioPatch {

	private ScenarioPatch() {
	}

	public static void apply(ObjectNode scenario, SensorEvent e) {
		String[] parts = e.subject().split("/");
		switch (e.type()) {
			case "stock-level" -> find(scenario, "warehouses", "id", parts[0]).with("initialInventory").put(parts[1], e.value());
			case "warehouse-capacity" -> find(scenario, "warehouses", "id", e.subject()).put("capacity", e.value());
			case "carrier-capacity" -> find(scenario, "carriers", "id", e.subject()).put("capacityPerPeriod", e.value());
			case "supplier-cost" -> find(scenario, "supplyOffers", "id", e.subject()).put("unitCost", e.value());
			case "supplier-lead-time" -> find(scenario, "supplyOffers", "id", e.subject()).put("leadTime", (int) e.value());
			case "store-demand" -> {
				for (JsonNode entry : scenario.path("demand")) {
					if (entry.path("store").asText().equals(parts[0]) && entry.path("product").asText().equals(parts[1])) {
						JsonNode options = entry.path("priceOptions");
						if (options.isEmpty()) {
							continue;
						}
						double base = options.get(options.size() > 1 ? 1 : 0).path("quantity").asDouble();
						double factor = e.value() / Math.max(1e-9, base);
						for (JsonNode o : options) {
							((ObjectNode) o).put("quantity", Math.round(o.path("quantity").asDouble() * factor * 10) / 10.0);
						}
					}
				}
			}
			case "policy" -> {
				ObjectNode policy = scenario.with("policy");
				switch (e.subject()) {
					case "co2-cap" -> policy.put("co2Cap", e.value());
					case "carbon-price" -> policy.put("carbonPrice", e.value());
					case "fill-rate" -> policy.put("minCommittedFillRate", e.value());
					default -> throw new IllegalArgumentException("unknown policy " + e.subject());
				}
			}
			default -> throw new IllegalArgumentException("unknown event type " + e.type());
		}
	}

	/** The quantity of the option at the list price: the middle one of the demand agent's options. */
	static double baseQuantity(Scenario.DemandEntry d) {
		return d.priceOptions().get(d.priceOptions().size() > 1 ? 1 : 0).quantity();
	}

	private static ObjectNode find(ObjectNode scenario, String list, String key, String id) {
		for (JsonNode n : scenario.path(list)) {
			if (n.path(key).asText().equals(id)) {
				return (ObjectNode) n;
			}
		}
		throw new IllegalArgumentException("the scenario has no " + list + " entry " + id);
	}
}
