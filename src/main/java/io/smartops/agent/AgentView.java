package io.smartops.agent;

import java.util.List;

/** An agent as the library shows it over REST and MCP: its contract, prices, quality, status and, for an MCP-tool agent, its tool. */
public record AgentView(String id, String capability, String name, String version, AgentKind kind, double costPerCall,
		double costPerThousandTokens, long expectedLatencyMillis, double quality, AgentStatus status, boolean available,
		String topic, List<String> inputs, List<String> outputs, String outputSchema, Long dailyCallBudget,
		Double dailyCostBudget, String evaluation, McpToolBinding mcp) {

	public static AgentView of(Agent a) {
		return new AgentView(a.getId(), a.getCapability(), a.getName(), a.getVersion(), a.getKind(), a.getCostPerCall(),
				a.getCostPerThousandTokens(), a.getExpectedLatencyMillis(), a.getQuality(), a.getStatus(), a.isAvailable(),
				a.getTopic(), split(a.getInputVariables()), split(a.getOutputVariables()), a.getOutputSchema(),
				a.getDailyCallBudget(), a.getDailyCostBudget(), a.getEvaluation(), a.getMcpTool());
	}

	private static List<String> split(String names) {
		return names == null || names.isBlank() ? List.of() : List.of(names.split(","));
	}
}
