package io.smartops.agent;

import java.util.Map;

/**
 * A business outcome an agent reports as a BPMN error with this code (e.g. {@code NoProfileFound}),
 * optionally with variables the catching path needs (the optimizer's conflict, say).
 */
public class AgentBusinessError extends RuntimeException {

	private final String code;

	private final Map<String, Object> variables;

	public AgentBusinessError(String code, String message) {
		this(code, message, Map.of());
	}

	public AgentBusinessError(String code, String message, Map<String, Object> variables) {
		super(message);
		this.code = code;
		this.variables = Map.copyOf(variables);
	}

	public String code() {
		return code;
	}

	public Map<String, Object> variables() {
		return variables;
	}
}
