package io.smartops.agent;

import java.time.Instant;
import java.util.List;

/**
 * An agent as the library shows it over REST and MCP: its contract, prices, status and, for an
 * MCP-tool agent, its tool; for a declared LLM agent, its declaration (no key: keys stay in the
 * node's environment). {@code quality} is what selection uses: measured from its evaluated
 * calls ({@code qualityEvidence} of them, 95% interval {@code qualityLow}..{@code qualityHigh}) with
 * the registered quality ({@code registeredQuality}) as the prior; with no evidence yet it is the
 * registered quality.
 */
public record AgentView(String id, String capability, String name, String version, AgentKind kind, double costPerCall,
		double costPerThousandTokens, long expectedLatencyMillis, double quality, double registeredQuality,
		double qualityEvidence, Double qualityLow, Double qualityHigh, AgentStatus status, Instant stageSince,
		Double canaryShare, boolean available, String topic, List<String> inputs, List<String> outputs,
		String outputSchema, Long dailyCallBudget, Double dailyCostBudget, String evaluation, McpToolBinding mcp,
		LlmDeclaration llm) {

	public static AgentView of(Agent a) {
		return new AgentView(a.getId(), a.getCapability(), a.getName(), a.getVersion(), a.getKind(), a.getCostPerCall(),
				a.getCostPerThousandTokens(), a.getExpectedLatencyMillis(), round(a.effectiveQuality()), a.getQuality(),
				a.getQualityEvidence(), round(a.getQualityLow()), round(a.getQualityHigh()), a.getStatus(),
				a.getStageSince(), a.getCanaryShare(), a.isAvailable(), a.getTopic(), a.inputs(), a.outputs(), a.getOutputSchema(), a.getDailyCallBudget(), a.getDailyCostBudget(),
				a.getEvaluation(), a.getMcpTool(), a.getLlm());
	}

	private static Double round(Double v) {
		return v == null ? null : Math.round(v * 10_000) / 10_000.0;
	}
}
