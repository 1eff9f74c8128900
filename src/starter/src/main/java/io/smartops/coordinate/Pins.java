package io.smartops.coordinate;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.smartops.plan.model.LinearModel;

/**
 * Decisions a plan must keep: model variable names mapped to the value they are fixed at
 * (in-flight atomic work, actions for people inside the stability window). A run's fact
 * {@code pins} ({@code {"fixed": {name: value}}}) pins its optimizer agent's solve.
 */
public final class Pins {

	public static final String FACT = "pins";

	private Pins() {
	}

	/** The run's pinned decisions, none when it has no pins fact. */
	static Map<String, Double> of(RunContext context, String runId) {
		JsonNode pins;
		try {
			pins = context.fact(runId, FACT);
		}
		catch (IllegalStateException none) {
			return Map.of();
		}
		Map<String, Double> fixed = new LinkedHashMap<>();
		pins.path("fixed").fields().forEachRemaining(e -> fixed.put(e.getKey(), e.getValue().asDouble()));
		return fixed;
	}

	/** Fixes every pinned variable the model has; returns how many. */
	public static int apply(LinearModel model, Map<String, Double> pins) {
		if (pins.isEmpty()) {
			return 0;
		}
		Map<String, LinearModel.Var> byName = new HashMap<>();
		model.vars().forEach(v -> byName.put(v.name(), v));
		int fixed = 0;
		for (Map.Entry<String, Double> e : pins.entrySet()) {
			LinearModel.Var v = byName.get(e.getKey());
			if (v != null) {
				model.bound(v, e.getValue(), e.getValue());
				fixed++;
			}
		}
		return fixed;
	}
}
