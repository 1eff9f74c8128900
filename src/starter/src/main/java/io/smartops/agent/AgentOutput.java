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
	 * What one agent call used of a model: which model, how many calls, its tokens by type (fresh
	 * input, output, input read from the provider's cache), the last prompt (as sent: redacted) and
	 * response, the agent that answered instead when the model's answers were unusable, how the
	 * structured output was asked for ({@code native} or {@code prompt}), how many pieces of personal
	 * data were redacted, and the guardrail that fired, if any.
	 */
	public record ModelUsage(String model, int modelCalls, long promptTokens, long completionTokens, String prompt,
			String response, String fallbackAgentId, long cachedTokens, String structuredOutput, int redactions,
			String guardrail) {

		public ModelUsage(String model, int modelCalls, long promptTokens, long completionTokens, String prompt,
				String response, String fallbackAgentId) {
			this(model, modelCalls, promptTokens, completionTokens, prompt, response, fallbackAgentId, 0, null, 0, null);
		}

		public long totalTokens() {
			return promptTokens + completionTokens + cachedTokens;
		}
	}
}
