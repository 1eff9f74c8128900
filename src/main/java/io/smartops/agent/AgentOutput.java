package io.smartops.agent;

import java.util.Map;

/** An agent's result: output variables and, where the agent can give one, its confidence (0..1). */
public record AgentOutput(Map<String, Object> variables, Double confidence) {

	public static AgentOutput of(Map<String, Object> variables) {
		return new AgentOutput(variables, null);
	}
}
