package io.smartops.agent.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpSchema;

import io.smartops.agent.Agent;
import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentOutput;
import io.smartops.agent.McpToolBinding;

/**
 * An agent whose work is one call of a tool of an external MCP server: its declared inputs (the
 * process variables its binding maps to the tool's arguments, and nothing else) become the
 * arguments, the named fields of the tool's structured result (or of its JSON text) become the
 * output variables, and the confidence field, if bound, the answer's confidence. A tool error, a
 * result without a bound field or a confidence outside 0..1 fails the call (retried, then an
 * incident). The call is audited like a model call: the tool as the model, the arguments as the
 * prompt, the result as the response; its price is the agent's cost per call.
 */
public final class McpToolAgent implements AgentHandler {

	private final String agentId;
	private final McpToolBinding binding;
	private final McpToolClients clients;
	private final ObjectMapper json;

	public McpToolAgent(Agent agent, McpToolClients clients, ObjectMapper json) {
		this.agentId = agent.getId();
		this.binding = agent.getMcpTool();
		this.clients = clients;
		this.json = json;
	}

	@Override
	public String agentId() {
		return agentId;
	}

	@Override
	public List<String> inputs() {
		return binding.inputs();
	}

	@Override
	public AgentOutput handle(Map<String, Object> inputs) throws Exception {
		Map<String, Object> arguments = new LinkedHashMap<>();
		binding.arguments().forEach((argument, variable) -> {
			if (inputs.get(variable) != null) {
				arguments.put(argument, inputs.get(variable));
			}
		});
		McpSchema.CallToolResult result = clients.call(binding.serverUrl(), binding.tool(), arguments);
		String text = text(result);
		if (Boolean.TRUE.equals(result.isError())) {
			throw new IllegalStateException("tool " + binding.tool() + " answered an error: " + cut(text));
		}
		Map<String, Object> fields = fields(result, text);
		Map<String, Object> variables = new LinkedHashMap<>();
		List<String> missing = new ArrayList<>();
		binding.outputs().forEach((variable, field) -> {
			if (fields.containsKey(field)) {
				variables.put(variable, fields.get(field));
			}
			else {
				missing.add(field);
			}
		});
		if (!missing.isEmpty()) {
			throw new IllegalStateException("the result of tool " + binding.tool() + " has no field " + String.join(", ", missing)
					+ "; it has " + fields.keySet());
		}
		Double confidence = confidence(fields);
		String prompt = json.writeValueAsString(arguments);
		String response = json.writeValueAsString(fields);
		return new AgentOutput(variables, confidence,
				new AgentOutput.ModelUsage("mcp:" + binding.tool() + "@" + binding.serverUrl(), 1, 0, 0, prompt, response, null));
	}

	private Map<String, Object> fields(McpSchema.CallToolResult result, String text) {
		if (result.structuredContent() instanceof Map<?, ?> structured) {
			Map<String, Object> fields = new LinkedHashMap<>();
			structured.forEach((name, value) -> fields.put(String.valueOf(name), value));
			return fields;
		}
		try {
			return json.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {
			});
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("tool " + binding.tool() + " answered neither structured content nor a JSON object: "
					+ cut(text));
		}
	}

	private Double confidence(Map<String, Object> fields) {
		if (binding.confidence() == null) {
			return null;
		}
		if (!(fields.get(binding.confidence()) instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
			throw new IllegalStateException("the result of tool " + binding.tool() + " has no confidence between 0 and 1 in "
					+ binding.confidence() + ": " + fields.get(binding.confidence()));
		}
		return n.doubleValue();
	}

	private static String text(McpSchema.CallToolResult result) {
		return result.content() == null ? "" : result.content().stream()
			.filter(McpSchema.TextContent.class::isInstance)
			.map(c -> ((McpSchema.TextContent) c).text())
			.collect(Collectors.joining("\n"));
	}

	private static String cut(String text) {
		return text.length() > 300 ? text.substring(0, 300) + "…" : text;
	}
}
