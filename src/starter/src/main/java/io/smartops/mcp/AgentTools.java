package io.smartops.mcp;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentTelemetry;
import io.smartops.agent.AgentView;
import io.smartops.core.security.Roles;
import io.smartops.core.web.InvalidRequestException;

/**
 * The agent library over MCP: the agents with their contracts, one agent's scorecard, and an agent
 * administrator's registration of an agent (foreign, MCP-tool or declared LLM), checked as over REST.
 */
@Component
class AgentTools implements ToolSet {

	private final AgentLibrary library;
	private final AgentTelemetry telemetry;
	private final ObjectMapper json;

	AgentTools(AgentLibrary library, AgentTelemetry telemetry, ObjectMapper json) {
		this.library = library;
		this.telemetry = telemetry;
		this.json = json;
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
						this::scorecard),
				new McpTool("register_agent", "Register an agent",
						"Registers an agent as POST /smartops/api/agents does: a foreign agent, an MCP-tool agent (mcp) or a declared "
								+ "LLM agent (llm: connection, model, inputs, prompt, outputSchema, checks, prices, fallback; or judge and a "
								+ "rubric for an evaluator). A newcomer to a capability with an active agent enters as a shadow. Every "
								+ "problem is refused naming its field; nothing is stored then.",
						List.of(Roles.AGENT_ADMINS), """
								{"type":"object","required":["capability","name","version","costPerCall","expectedLatencyMillis","quality"],
								 "properties":{
								  "capability":{"type":"string","maxLength":60},"name":{"type":"string","maxLength":100},
								  "version":{"type":"string","maxLength":40},"costPerCall":{"type":"number","minimum":0,"maximum":1000000},
								  "expectedLatencyMillis":{"type":"integer","minimum":0,"maximum":86400000},
								  "quality":{"type":"number","minimum":0,"maximum":1},
								  "dailyCallBudget":{"type":"integer","minimum":0,"maximum":1000000000},
								  "dailyCostBudget":{"type":"number","minimum":0,"maximum":1000000000},
								  "serviceUser":{"type":"string","maxLength":64},"stage":{"type":"string","enum":["ACTIVE","SHADOW"]},
								  "mcp":{"type":"object","description":"an MCP-tool agent: the tool of an MCP server it calls","properties":{
								    "serverUrl":{"type":"string","maxLength":2000},"tool":{"type":"string","maxLength":128},
								    "arguments":{"type":"object","x-smartops-document":"tool argument to process variable, at most 50, names checked"},
								    "outputs":{"type":"object","x-smartops-document":"output variable to result field, at most 50, names checked"},
								    "confidence":{"type":"string","maxLength":200}}},
								  "llm":{"type":"object","description":"a declared LLM agent, as the README shows","properties":{
								    "connection":{"type":"string","maxLength":100},"model":{"type":"string","maxLength":200},
								    "temperature":{"type":"number","minimum":0,"maximum":2},
								    "maxTokens":{"type":"integer","minimum":1,"maximum":200000},
								    "maxModelCalls":{"type":"integer","minimum":1,"maximum":10},
								    "inputs":{"type":"array","maxItems":50,"items":{"type":"string","maxLength":64}},
								    "prompt":{"type":"string","maxLength":20000},
								    "outputSchema":{"type":"object","x-smartops-document":"a JSON schema of an object, checked against the 2020-12 metaschema"},
								    "confidenceField":{"type":"string","maxLength":64},
								    "checks":{"type":"array","maxItems":20,"items":{"type":"object","properties":{
								      "field":{"type":"string","maxLength":64},"mentions":{"type":"string","maxLength":64}}}},
								    "prices":{"type":"object","properties":{"input":{"type":"number","minimum":0,"maximum":1000},
								      "output":{"type":"number","minimum":0,"maximum":1000},"cached":{"type":"number","minimum":0,"maximum":1000}}},
								    "tools":{"type":"object","properties":{"servers":{"type":"array","maxItems":10,"items":{"type":"string","maxLength":2000}},
								      "maxCalls":{"type":"integer","minimum":1,"maximum":20}}},
								    "fallback":{"type":"string","maxLength":100},
								    "denyOutput":{"type":"array","maxItems":50,"items":{"type":"string","maxLength":200}},
								    "judge":{"type":"object","properties":{"capability":{"type":"string","maxLength":60},
								      "share":{"type":"number","exclusiveMinimum":0,"maximum":1}}}}}},
								 "additionalProperties":false}""", """
								{"type":"object","required":["id","topic","status"],"properties":{
								  "id":{"type":"string"},"topic":{"type":"string"},"status":{"type":"string"},"available":{"type":"boolean"}}}""",
						this::register));
	}

	private static final java.util.Set<String> REGISTRATION_FIELDS = java.util.Arrays
		.stream(AgentLibrary.Registration.class.getRecordComponents())
		.map(java.lang.reflect.RecordComponent::getName)
		.collect(java.util.stream.Collectors.toSet());

	private Object register(Arguments args) {
		Map<String, String> unknown = new java.util.LinkedHashMap<>();
		args.all().keySet().stream().filter(k -> !REGISTRATION_FIELDS.contains(k))
			.forEach(k -> unknown.put(k, "is not a field of this tool's arguments"));
		if (!unknown.isEmpty()) {
			throw new InvalidRequestException("invalid agent", unknown);
		}
		AgentLibrary.Registration registration;
		try {
			registration = json.convertValue(args.all(), AgentLibrary.Registration.class);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidRequestException("invalid agent", Map.of("registration", e.getMessage().split("\\n")[0]));
		}
		var agent = library.registerForeign(registration);
		return Map.of("id", agent.getId(), "topic", agent.getTopic(), "status", agent.getStatus().name(), "available",
				agent.isAvailable());
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
