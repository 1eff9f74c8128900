package io.smartops.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.smartops.SmartOpsTest;
import io.smartops.support.McpClients;
import io.smartops.support.RoleUsers;

/**
 * The MCP tools by role: every tool × one user per group (and one in none), against the matrix the
 * README documents, which is the matrix of the REST endpoints that do the same. Each call carries an
 * argument no tool knows, so an allowed call is an argument error and a refused one a role refusal,
 * and none of them starts anything.
 */
@SmartOpsTest
class McpToolRolesTests {

	static final String PASSWORD = "mcp-role-secret";

	static final Map<String, String> USERS = RoleUsers.onePerGroup("mr");

	/** The README's matrix: tool → the users that may call it (administrators may call every one). */
	static final Map<String, Set<String>> MATRIX = Map.ofEntries(
			Map.entry("list_agents", Set.of("mr-designer", "mr-operator", "mr-planner", "mr-agentadmin", "mr-worker")),
			Map.entry("agent_scorecard", Set.of("mr-designer", "mr-operator", "mr-planner", "mr-agentadmin")),
			Map.entry("submit_lead", Set.of("mr-operator", "mr-taker", "mr-warehouse", "mr-planner")),
			Map.entry("plan_scenario", Set.of("mr-designer", "mr-planner")),
			Map.entry("compare_planning", Set.of("mr-designer", "mr-planner")),
			Map.entry("start_coordinator_run", Set.of("mr-planner")),
			Map.entry("get_coordinator_run", Set.of("mr-operator", "mr-planner")),
			Map.entry("get_run_facts", Set.of("mr-operator", "mr-planner")),
			Map.entry("get_run_actions", Set.of("mr-operator", "mr-planner")),
			Map.entry("post_sensor_event", Set.of("mr-operator", "mr-sensor")),
			Map.entry("get_replan_trace", Set.of("mr-operator", "mr-planner")),
			Map.entry("register_agent", Set.of("mr-agentadmin")));

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identity;

	@Autowired
	RuntimeService runtime;

	@Test
	void everyToolAnswersOnlyTheGroupsOfItsRestEndpoint() {
		RoleUsers.ensure(identity, USERS, PASSWORD);
		assertThat(MATRIX.keySet()).containsExactlyInAnyOrderElementsOf(McpServerTests.TOOLS);
		long instances = runtime.createProcessInstanceQuery().count();
		for (String user : USERS.keySet()) {
			McpSyncClient client = McpClients.connect("http://localhost:" + port, "/mcp", user, PASSWORD);
			try {
				for (Map.Entry<String, Set<String>> tool : MATRIX.entrySet()) {
					McpSchema.CallToolResult result = client
						.callTool(new McpSchema.CallToolRequest(tool.getKey(), Map.of("unknownArgument", 1)));
					String text = ((McpSchema.TextContent) result.content().get(0)).text();
					assertThat(result.isError()).as(user + " " + tool.getKey()).isTrue();
					if (tool.getValue().contains(user)) {
						assertThat(text).as(user + " may call " + tool.getKey()).doesNotContain("none of the groups");
					}
					else {
						assertThat(text).as(user + " may not call " + tool.getKey())
							.contains("user " + user + " is in none of the groups");
					}
				}
			}
			finally {
				client.closeGracefully();
			}
		}
		assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instances);
	}
}
