package io.smartops.security;

import java.util.List;

/** The groups Smart Ops creates, one per user role, and the sales teams that act in Tasklist. */
public final class Roles {

	public static final String ADMINS = "camunda-admin";
	public static final String DESIGNERS = "smartops-designers";
	public static final String OPERATORS = "smartops-operators";
	public static final String ACTION_TAKERS = "smartops-action-takers";
	/** Service users of agent workers: they fetch, lock and complete external tasks. */
	public static final String WORKERS = "smartops-workers";

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

	private Roles() {
	}
}
