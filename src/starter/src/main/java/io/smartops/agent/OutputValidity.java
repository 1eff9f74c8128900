package io.smartops.agent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The validity evaluator: checks one call's outputs against its agent's contract. Schema: every
 * declared output variable is there and not empty (when the call returned any variables: an agent
 * that returns none, like the coordinator's gatherers, writes its results elsewhere). Semantics, by what the output means: a score
 * or probability ({@code …Score}) is a number in [0, 1]; a text ({@code proposal},
 * {@code leadSummary}, {@code companyProfile}, {@code industry}) is not blank; a forecast
 * ({@code …Forecast}) is a JSON array of finite numbers at least 0; any number is finite. Plain
 * code: no engine, no database.
 */
public final class OutputValidity {

	/** The verdict and, for an invalid output, each problem. */
	public record Result(AgentCall.Validity validity, List<String> problems) {
	}

	private final ObjectMapper json;

	public OutputValidity(ObjectMapper json) {
		this.json = json;
	}

	public Result check(Collection<String> declaredOutputs, Map<String, Object> outputs) {
		List<String> problems = new ArrayList<>();
		// an agent that returns no variables at all writes its results elsewhere (the coordinator's gatherers
		// write facts to the run context): only what is returned is checked
		for (String name : outputs.isEmpty() ? List.<String>of() : declaredOutputs) {
			Object value = outputs.get(name);
			if (value == null || (value instanceof String s && s.isBlank())) {
				problems.add(name + " is missing");
			}
		}
		outputs.forEach((name, value) -> {
			String problem = value == null ? null : semantic(name, value);
			if (problem != null) {
				problems.add(name + " " + problem);
			}
		});
		return new Result(problems.isEmpty() ? AgentCall.Validity.VALID : AgentCall.Validity.INVALID, List.copyOf(problems));
	}

	private String semantic(String name, Object value) {
		if (value instanceof Number n && !Double.isFinite(n.doubleValue())) {
			return "is not a finite number";
		}
		if (name.endsWith("Score") || name.equals("agentConfidence")) {
			if (!(value instanceof Number n)) {
				return "is not a number";
			}
			return n.doubleValue() >= 0 && n.doubleValue() <= 1 ? null : "= " + n + " is outside [0, 1]";
		}
		if (name.endsWith("Forecast")) {
			return forecast(value);
		}
		if ((name.equals("proposal") || name.equals("leadSummary") || name.equals("companyProfile")
				|| name.equals("industry")) && value.toString().isBlank()) {
			return "is blank";
		}
		return null;
	}

	private String forecast(Object value) {
		JsonNode node;
		try {
			node = value instanceof String s ? json.readTree(s) : json.valueToTree(value);
		}
		catch (Exception e) {
			return "is not JSON: " + e.getMessage();
		}
		if (!node.isArray() || node.isEmpty()) {
			return "is not a non-empty array";
		}
		for (JsonNode v : node) {
			if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < 0) {
				return "holds " + v + ", not a finite number at least 0";
			}
		}
		return null;
	}
}
