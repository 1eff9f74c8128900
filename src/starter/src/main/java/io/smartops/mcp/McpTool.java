package io.smartops.mcp;

import java.util.List;
import java.util.function.Function;

/**
 * One tool of Smart Ops' MCP server: its name and description as clients list them, the JSON
 * schemas of its arguments and of its structured result, the Camunda groups that may call it (as
 * on the REST endpoint that does the same, {@link io.smartops.core.security.Roles}) and what it does.
 * The handler returns the structured result (an object) or throws; {@link McpTools} turns
 * exceptions into tool errors that name the field.
 */
public record McpTool(String name, String title, String description, List<String> roles, String inputSchema,
		String outputSchema, Function<Arguments, Object> handler) {
}
