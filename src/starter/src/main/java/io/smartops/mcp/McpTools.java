package io.smartops.mcp;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import org.camunda.bpm.engine.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.smartops.core.web.ApiError;
import io.smartops.core.web.ClientError;
import io.smartops.core.security.CurrentUser;

/**
 * Runs Smart Ops' tools for MCP clients with the guardrails of the REST API: each call runs as the
 * logged-in caller, only for the groups the tool names, and every problem comes back as a tool
 * error ({@code isError}) whose text is the same JSON as the REST API's error body, naming the
 * field; never a transport failure or a stack trace. A successful call returns its result as
 * structured content and, for clients that read only text, as its JSON text.
 */
final class McpTools {

	private static final Logger log = LoggerFactory.getLogger(McpTools.class);

	private final CallerScope scope;
	private final CurrentUser user;
	private final ObjectMapper json;
	private final McpJsonMapper schemas;
	private final ArgumentSchemas arguments;

	McpTools(CallerScope scope, CurrentUser user, ObjectMapper json, McpJsonMapper schemas) {
		this.scope = scope;
		this.user = user;
		this.json = json;
		this.schemas = schemas;
		this.arguments = new ArgumentSchemas(json);
	}

	SyncToolSpecification specification(McpTool tool) {
		McpSchema.Tool.Builder definition = McpSchema.Tool.builder()
			.name(tool.name())
			.title(tool.title())
			.description(tool.description() + " Groups: " + String.join(", ", tool.roles()) + ".")
			.inputSchema(schemas, tool.inputSchema());
		if (tool.outputSchema() != null) {
			definition.outputSchema(schemas, tool.outputSchema());
		}
		return SyncToolSpecification.builder()
			.tool(definition.build())
			.callHandler((exchange, request) -> call(tool, exchange, request))
			.build();
	}

	private McpSchema.CallToolResult call(McpTool tool, McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
		McpCaller caller = McpCaller.of(exchange.transportContext());
		if (caller == null) {
			return error(new ApiError("log in (HTTP basic) to use this tool"));
		}
		return scope.as(caller, () -> {
			String refusal = user.refusal(tool.roles(), "use the tool " + tool.name());
			if (refusal != null) {
				return error(new ApiError(refusal));
			}
			Map<String, String> problems = arguments.problems(tool, request.arguments());
			if (!problems.isEmpty()) {
				return error(new ApiError("invalid arguments", problems));
			}
			try {
				return success(tool.handler().apply(new Arguments(request.arguments())));
			}
			catch (RuntimeException e) {
				return failure(tool, e);
			}
		});
	}

	private McpSchema.CallToolResult success(Object result) {
		try {
			String text = json.writeValueAsString(result);
			Map<String, Object> structured = json.readValue(text, new TypeReference<Map<String, Object>>() {
			});
			return McpSchema.CallToolResult.builder().structuredContent(structured).addTextContent(text).build();
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("a tool result that is not JSON", e);
		}
	}

	private McpSchema.CallToolResult failure(McpTool tool, RuntimeException e) {
		if (e instanceof ClientError client) {
			return error(client.body());
		}
		if (e instanceof AuthorizationException) {
			return error(new ApiError(e.getMessage()));
		}
		String reference = UUID.randomUUID().toString();
		log.error("MCP tool {} failed (reference {})", tool.name(), reference, e);
		return error(new ApiError("the server could not run " + tool.name()
				+ "; the server log has the details under reference " + reference));
	}

	private McpSchema.CallToolResult error(Object body) {
		String text;
		try {
			text = json.writeValueAsString(body);
		}
		catch (JsonProcessingException e) {
			text = String.valueOf(body);
		}
		return McpSchema.CallToolResult.builder().isError(true).content(List.of(new McpSchema.TextContent(text))).build();
	}
}
