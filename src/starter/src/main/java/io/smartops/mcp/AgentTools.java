package io.smartops.mcp;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentTelemetry;
import io.smartops.agent.AgentView;
import io.smartops.core.security.Roles;

/** The agent library over MCP: the agents with their contracts, and one agent's scorecard. */
@Component
class AgentTools implements ToolSet {

	private final AgentLibrary library;
	private final AgentTelemetry telemetry;

	AgentTools(AgentLibrary library, AgentTelemetry telemetry) {
		this.library = library;
		this.telemetry = telemetry;
	}

	@Override
	public List<McpTool> tools() {
		return List.of(new McpTool("list_agents", "List the agent library",
				"Every agent of the library with its capability, kind, status, price per call, expected latency, quality and topic; "
						+ "optionally only those of one capability.",
				List.of(Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS, Roles.AGENT_ADMINS, Roles.WORKERS), """
						{"type":"object","properties":{
						  "capability":{"type":"string","maxLength":60,"description":"only the agents of this capability, e.g. lead-scoring"}},
						 "additionalProperties":false}""", """
						{"type":"object","required":["agents"],"properties":{"agents":{"type":"array","items":{
						  "type":"object","required":["id","capability","kind","status","costPerCall","quality"],
						  "properties":{"id":{"type":"string"},"capability":{"type":"string"},"kind":{"type":"string"},
						    "status":{"type":"string"},"costPerCall":{"type":"number"},"quality":{"type":"number"},
						    "expectedLatencyMillis":{"type":"integer"},"available":{"type":"boolean"},"topic":{"type":"string"}}}}}}""",
				this::list), new McpTool("agent_scorecard", "Read an agent's scorecard",
						"What an agent has done: calls by outcome, success rate, latency p50/p95, cost, tokens, acceptance by people, "
								+ "and its own measured evaluation.",
						List.of(Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS, Roles.AGENT_ADMINS), """
								{"type":"object","required":["agentId"],"properties":{
								  "agentId":{"type":"string","maxLength":100,"description":"the agent's id, as list_agents gives it"}},
								 "additionalProperties":false}""", """
								{"type":"object","required":["agentId","calls","totalCost"],"properties":{
								  "agentId":{"type":"string"},"calls":{"type":"integer"},"totalCost":{"type":"number"},
								  "outcomes":{"type":"object"},"successRate":{"type":["number","null"]},
								  "latencyP50Millis":{"type":["integer","null"]},"latencyP95Millis":{"type":["integer","null"]}}}""",
						this::scorecard));
	}

	private Object list(Arguments args) {
		String capability = args.text("capability", false);
		args.check();
		return Map.of("agents", (capability == null ? library.all() : library.forCapability(capability)).stream()
			.map(AgentView::of)
			.toList());
	}

	private Object scorecard(Arguments args) {
		String id = args.text("agentId", true);
		args.check();
		return telemetry.scorecard(library.find(id).orElseThrow(() -> new AgentLibrary.UnknownAgentException(id)));
	}
}
