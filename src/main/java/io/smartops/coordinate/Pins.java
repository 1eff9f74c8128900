package io.smartops.coordinate;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.smartops.plan.model.LinearModel;

/**
 * Decisions a re-plan must keep: the fact {@code pins} maps model variable names to the value they
 * are fixed at (in-flight atomic work, actions for people inside the stability window).
 */
public final class Pins {

	public static final String FACT = "pins";

	private Pins() {
	}

	/** Fixes every pinned variable the model has; returns how many. */
	static int apply(RunContext context, String runId, LinearModel model) {
		JsonNode pins;
		try {
			pins = context.fact(runId, FACT);
		}
		catch (IllegalStateException none) {
			return 0;
		}
		Map<String, LinearModel.Var> byName = new HashMap<>();
		model.vars().forEach(v -> byName.put(v.name(), v));
		int fixed = 0;
		for (var it = pins.path("fixed").fields(); it.hasNext();) {
			var e = it.next();
			LinearModel.Var v = byName.get(e.getKey());
			if (v != null) {
				double value = e.getValue().asDouble();
				model.bound(v, value, value);
				fixed++;
			}
		}
		return fixed;
	}
}
