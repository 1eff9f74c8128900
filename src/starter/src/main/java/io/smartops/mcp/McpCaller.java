package io.smartops.mcp;

import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.common.McpTransportContext;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who sent an MCP request: the user and groups that the REST authentication filter logged in for
 * the HTTP request that carried it, kept in the MCP transport context so that a tool runs as that
 * user (role checks, Camunda authorizations, audit) whatever thread executes it.
 */
record McpCaller(String userId, List<String> groups) {

	private static final String KEY = "smartops.caller";

	static McpTransportContext context(Authentication authentication) {
		if (authentication == null || authentication.getUserId() == null) {
			return McpTransportContext.EMPTY;
		}
		List<String> groups = authentication.getGroupIds() == null ? List.of() : List.copyOf(authentication.getGroupIds());
		return McpTransportContext.create(Map.of(KEY, new McpCaller(authentication.getUserId(), groups)));
	}

	/** The caller of the request, or null when the request carried nobody (never past the filter). */
	static McpCaller of(McpTransportContext context) {
		return context == null ? null : context.get(KEY) instanceof McpCaller caller ? caller : null;
	}
}
