package io.smartops.agent;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.validation.constraints.Size;

/**
 * What an MCP-tool agent calls: the Streamable HTTP endpoint of an MCP server ({@code serverUrl},
 * e.g. {@code http://host:8080/mcp}), the tool's name, which process variable fills each of the
 * tool's arguments ({@code arguments}: argument → variable, the agent's only inputs), which field
 * of the tool's structured result becomes each output variable ({@code outputs}: variable → field)
 * and, optionally, the result field that holds the answer's confidence (0..1).
 */
public record McpToolBinding(@Size(max = 2000) String serverUrl, @Size(max = 128) String tool,
		@Size(max = 50) Map<String, String> arguments, @Size(max = 50) Map<String, String> outputs,
		@Size(max = 200) String confidence) {

	private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
	private static final Pattern TOOL = Pattern.compile("[A-Za-z0-9_.\\-/]{1,128}");

	public McpToolBinding {
		arguments = arguments == null ? Map.of() : new LinkedHashMap<>(arguments);
		outputs = outputs == null ? Map.of() : new LinkedHashMap<>(outputs);
	}

	/** The process variables the arguments take, each once: the agent's only inputs. */
	public List<String> inputs() {
		return List.copyOf(new LinkedHashSet<>(arguments.values()));
	}

	/** Each problem of the binding, by its field as a registration names it ({@code mcp.serverUrl}). */
	Map<String, String> problems() {
		Map<String, String> problems = new LinkedHashMap<>();
		if (serverUrl == null || serverUrl.isBlank()) {
			problems.put("mcp.serverUrl", "is required");
		}
		else {
			try {
				URI uri = URI.create(serverUrl);
				if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
					problems.put("mcp.serverUrl", "\"" + serverUrl + "\" is not an http(s) URL");
				}
			}
			catch (IllegalArgumentException e) {
				problems.put("mcp.serverUrl", "\"" + serverUrl + "\" is not a URL");
			}
		}
		if (tool == null || tool.isBlank()) {
			problems.put("mcp.tool", "is required");
		}
		else if (!TOOL.matcher(tool).matches()) {
			problems.put("mcp.tool", "\"" + tool + "\" is not a tool name (letters, digits, _ . - /, at most 128)");
		}
		arguments.forEach((argument, variable) -> {
			if (argument == null || argument.isBlank()) {
				problems.put("mcp.arguments", "an argument name is empty");
			}
			else if (variable == null || !VARIABLE.matcher(variable).matches()) {
				problems.put("mcp.arguments." + argument, "\"" + variable + "\" is not a process variable name");
			}
		});
		if (outputs.isEmpty()) {
			problems.put("mcp.outputs", "name at least one output variable and the result field it takes");
		}
		outputs.forEach((variable, field) -> {
			if (variable == null || !VARIABLE.matcher(variable).matches()) {
				problems.put("mcp.outputs", "\"" + variable + "\" is not a process variable name");
			}
			else if (field == null || field.isBlank()) {
				problems.put("mcp.outputs." + variable, "name the result field it takes");
			}
		});
		if (confidence != null && confidence.isBlank()) {
			problems.put("mcp.confidence", "name the result field, or leave it out");
		}
		return problems;
	}
}
