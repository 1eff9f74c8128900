package io.smartops.agent;

import java.util.Map;

/**
 * An agent's result: output variables, where the agent can give one its confidence (0..1), and,
 * for model-backed agents, what the call used (model, tokens, prompt and response for the audit).
 */
public record AgentOutput(Map<String, Object> variables, Double confidence, ModelUsage usage) {

	public AgentOutput(Map<String, Object> variables, Double confidence) {
		this(variables, confidence, null);
	}

	public static AgentOutput of(Map<String, Object> variables) {
		return new AgentOutput(variables, null, null);
	}

	/**
	 * What one agent call used of a model: which model, how many calls and tokens, the last prompt
	 * and response, and the agent that answered instead when the model's answers were unusable.
	 */
	public record ModelUsage(String model, int modelCalls, long promptTokens, long completionTokens, String prompt,
			String response, String fallbackAgentId) {

		public long totalTokens() {
			return promptTokens + completionTokens;
		}
	}
}
