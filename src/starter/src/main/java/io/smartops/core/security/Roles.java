package io.smartops.core.security;

import java.util.List;

/** The groups Smart Ops creates, one per user role, and the sales teams that act in Tasklist. */
public final class Roles {

	public static final String ADMINS = "camunda-admin";
	public static final String DESIGNERS = "smartops-designers";
	public static final String OPERATORS = "smartops-operators";
	public static final String ACTION_TAKERS = "smartops-action-takers";
	/**
	 * Service users of agent workers: they fetch, lock and complete external tasks, read the agent
	 * library (their topics) and report the calls of the agents they serve, nothing else.
	 */
	public static final String WORKERS = "smartops-workers";
	/** Agent administrators: register foreign agents, change an agent's status, read the call audit. */
	public static final String AGENT_ADMINS = "smartops-agent-admins";
	/** Service users of sensing systems: they post sensor events, nothing else. */
	public static final String SENSOR_FEEDS = "smartops-sensor-feeds";

	/** Sales teams (candidate groups from territory.dmn); their members are action-takers. */
	public static final List<String> SALES_TEAMS = List.of("sales-emea", "sales-emea-enterprise", "sales-americas",
			"sales-americas-enterprise", "sales-apac", "sales-global", "sales-data-stewards", "sales-managers");

	/**
	 * Operations teams of the agentic coordinator: planners approve operating plans; the others
	 * carry out work orders (candidate groups named by each plan action).
	 */
	public static final String PLANNERS = "smartops-planners";
	public static final List<String> OPERATIONS_TEAMS = List.of(PLANNERS, "warehouse-operators", "fleet-dispatchers",
			"procurement-buyers");

	/**
	 * The groups a role named in {@code @RolesAllowed} stands for: {@link #ACTION_TAKERS} stands for
	 * every group whose members act in Tasklist (the sales and operations teams too); every other
	 * role for its own group.
	 */
	public static List<String> groupsOf(String role) {
		if (!role.equals(ACTION_TAKERS)) {
			return List.of(role);
		}
		List<String> groups = new java.util.ArrayList<>(List.of(ACTION_TAKERS));
		groups.addAll(SALES_TEAMS);
		groups.addAll(OPERATIONS_TEAMS);
		return groups;
	}

	private Roles() {
	}
}
