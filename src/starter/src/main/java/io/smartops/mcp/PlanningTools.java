package io.smartops.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import io.smartops.coordinate.RunContext;
import io.smartops.plan.Plan;
import io.smartops.plan.PlanningService;
import io.smartops.plan.scenario.Scenario;
import io.smartops.plan.scenario.ScenarioJson;
import io.smartops.core.security.Roles;

/**
 * The optimizer over MCP: plan a scenario (the plan's status, margin, P&L and binding constraints
 * with their duals and ranges; the whole plan and the scenario are kept as documents, readable as
 * the resources {@code smartops://plans/{id}} and {@code smartops://scenarios/{id}}), and compare
 * coordinated with siloed planning.
 */
@Component
class PlanningTools implements ToolSet {

	static final String SCENARIO_ARGUMENT = """
			{"type":"object","required":["scenario"],"properties":{
			  "scenario":{"type":"object","x-smartops-document":"the scenario reader bounds every field: numbers 0 to 1e10, ids and names up to 100 characters","description":"a retail scenario as in docs/plan-format.md: periods, products, warehouses, stores, suppliers, offers, carriers, lanes, demand, policy"}},
			 "additionalProperties":false}""";

	private final PlanningService planning;
	private final RunContext documents;
	private final ObjectMapper json;

	PlanningTools(PlanningService planning, RunContext documents, ObjectMapper json) {
		this.planning = planning;
		this.documents = documents;
		this.json = json;
	}

	@Override
	public List<McpTool> tools() {
		return List.of(new McpTool("plan_scenario", "Plan a scenario with the optimizer",
				"Finds the margin-maximising plan of a retail scenario (prices, purchases, shipments) and says how sure it is: "
						+ "status OPTIMAL, FEASIBLE, INFEASIBLE (with the conflicting constraints) or NOT_SOLVED, the margin and proven gap, "
						+ "and each binding constraint with its dual and the range its limit can move in. The full plan is the resource planUri.",
				List.of(Roles.DESIGNERS, Roles.PLANNERS), SCENARIO_ARGUMENT, """
						{"type":"object","required":["status","planId","planUri","scenarioId","scenarioUri","bindingConstraints"],"properties":{
						  "status":{"type":"string","enum":["OPTIMAL","FEASIBLE","INFEASIBLE","NOT_SOLVED"]},
						  "margin":{"type":["number","null"]},"gap":{"type":["number","null"]},"solveMillis":{"type":"integer"},
						  "planId":{"type":"string"},"planUri":{"type":"string"},"scenarioId":{"type":"string"},"scenarioUri":{"type":"string"},
						  "bindingConstraints":{"type":"array","items":{"type":"object","required":["name","dual"],"properties":{
						    "name":{"type":"string"},"group":{"type":"string"},"dual":{"type":"number"},"limit":{"type":"number"},
						    "range":{"type":"object","properties":{"low":{"type":["number","null"]},"high":{"type":["number","null"]}}}}}},
						  "conflict":{"type":["array","null"],"items":{"type":"string"}}}}""",
				this::plan), new McpTool("compare_planning", "Compare coordinated with siloed planning",
						"Plans the scenario twice, coordinated (one model) and siloed (pricing, purchasing and logistics each on its own), "
								+ "and gives both margins, the uplift and what the siloed plan violates.",
						List.of(Roles.DESIGNERS, Roles.PLANNERS), SCENARIO_ARGUMENT, """
								{"type":"object","required":["optimizedStatus"],"properties":{
								  "optimizedStatus":{"type":"string"},"optimizedMargin":{"type":["number","null"]},
								  "siloedMargin":{"type":["number","null"]},"uplift":{"type":["number","null"]},
								  "upliftPercent":{"type":["number","null"]},"siloedViolations":{"type":"array"}}}""",
						this::compare));
	}

	private Scenario scenario(Arguments args) {
		Map<String, Object> scenario = args.object("scenario");
		args.check();
		JsonNode tree = json.valueToTree(scenario);
		return ScenarioJson.read(tree);
	}

	private Object plan(Arguments args) {
		Scenario scenario = scenario(args);
		Plan plan = planning.optimize(scenario);
		String scenarioId = documents.store(null, "scenario", ScenarioJson.write(scenario));
		String planId = documents.store(null, "plan", RunContext.write(plan));
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("scenario", plan.scenario());
		result.put("status", plan.status());
		result.put("margin", plan.margin());
		result.put("gap", plan.gap());
		result.put("solveMillis", plan.solveMillis());
		result.put("backend", plan.backend());
		result.put("pnl", plan.pnl());
		result.put("co2", plan.co2());
		result.put("bindingConstraints", plan.constraints() == null ? List.of()
				: plan.constraints().stream().filter(Plan.ConstraintReport::binding).toList());
		result.put("conflict", plan.conflict());
		result.put("decisions", Map.of("prices", size(plan.prices()), "purchases", size(plan.purchases()), "shipments",
				size(plan.shipments())));
		result.put("planId", planId);
		result.put("planUri", DocumentResources.PLANS + planId);
		result.put("scenarioId", scenarioId);
		result.put("scenarioUri", DocumentResources.SCENARIOS + scenarioId);
		return result;
	}

	private Object compare(Arguments args) {
		return planning.compare(scenario(args)).summary();
	}

	private static int size(List<?> list) {
		return list == null ? 0 : list.size();
	}
}
