package io.smartops.mcp;

import java.util.List;

import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

import io.smartops.coordinate.RunContext;
import io.smartops.core.security.CurrentUser;
import io.smartops.core.security.Roles;

/**
 * Scenario and plan documents as MCP resources, by id: {@code smartops://scenarios/{id}} and
 * {@code smartops://plans/{id}} (the ids a coordinator run, a re-plan or {@code plan_scenario}
 * gives), for the groups that plan. An unknown id is the protocol's "resource not found" error.
 */
final class DocumentResources {

	static final String SCENARIOS = "smartops://scenarios/";
	static final String PLANS = "smartops://plans/";
	static final List<String> ROLES = List.of(Roles.DESIGNERS, Roles.PLANNERS, Roles.OPERATORS);

	private final RunContext documents;
	private final CallerScope scope;
	private final CurrentUser user;

	DocumentResources(RunContext documents, CallerScope scope, CurrentUser user) {
		this.documents = documents;
		this.scope = scope;
		this.user = user;
	}

	List<SyncResourceTemplateSpecification> specifications() {
		return List.of(template(SCENARIOS, "scenario", "Scenario document",
				"A retail scenario as the optimizer read it (docs/plan-format.md)"),
				template(PLANS, "plan", "Plan document",
						"A whole plan: status, margin, P&L, prices, purchases, shipments and every constraint's slack, dual and range"));
	}

	private SyncResourceTemplateSpecification template(String prefix, String kind, String title, String description) {
		McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder()
			.uriTemplate(prefix + "{id}")
			.name(kind)
			.title(title)
			.description(description + ". Groups: " + String.join(", ", ROLES) + ".")
			.mimeType("application/json")
			.build();
		return new SyncResourceTemplateSpecification(template, (exchange, request) -> read(exchange, request, prefix, kind));
	}

	private McpSchema.ReadResourceResult read(McpSyncServerExchange exchange, McpSchema.ReadResourceRequest request,
			String prefix, String kind) {
		McpCaller caller = McpCaller.of(exchange.transportContext());
		if (caller == null) {
			throw error(McpSchema.ErrorCodes.INVALID_REQUEST, "log in (HTTP basic) to read documents");
		}
		return scope.as(caller, () -> {
			String refusal = user.refusal(ROLES, "read documents");
			if (refusal != null) {
				throw error(McpSchema.ErrorCodes.INVALID_REQUEST, refusal);
			}
			String id = request.uri().substring(prefix.length());
			String content = documents.document(id, kind)
				.orElseThrow(() -> error(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND, "no " + kind + " document " + id));
			return new McpSchema.ReadResourceResult(
					List.of(new McpSchema.TextResourceContents(request.uri(), "application/json", content)));
		});
	}

	private static McpError error(int code, String message) {
		return McpError.builder(code).message(message).build();
	}
}
