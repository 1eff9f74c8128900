package io.smartops.coordinate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.smartops.agent.AgentBusinessError;
import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentOutput;
import io.smartops.plan.Plan;
import io.smartops.plan.PlanningService;
import io.smartops.plan.RetailModel;
import io.smartops.plan.SiloedPlanner;
import io.smartops.plan.model.LinearModel;
import io.smartops.plan.scenario.Scenario;
import io.smartops.plan.scenario.ScenarioJson;

/**
 * The optimizer agent: builds the retail model of the run's scenario, extends it with the
 * constraint agent's rows and the objective agent's lines, lets each function the scope leaves out
 * plan alone (as in the siloed baseline), fixes pinned decisions, and solves with OR-Tools. The plan
 * is stored as a document; an infeasible scenario is a BPMN error carrying the conflict and the
 * current policy, for "Relax constraints".
 */
final class OptimizerAgent implements AgentHandler {

	static final String ID = "plan-optimization-ortools";

	private final RunContext context;
	private final PlanningRuns runs;
	private final PlanningService planning;
	private final CoordinatorProperties properties;

	OptimizerAgent(RunContext context, PlanningRuns runs, PlanningService planning, CoordinatorProperties properties) {
		this.context = context;
		this.runs = runs;
		this.planning = planning;
		this.properties = properties;
	}

	@Override
	public String agentId() {
		return ID;
	}

	@Override
	public List<String> inputs() {
		return List.of(CoordinatorProcess.VAR_RUN_ID, CoordinatorProcess.VAR_SCENARIO_DOCUMENT);
	}

	@Override
	public AgentOutput handle(Map<String, Object> in) {
		String runId = (String) in.get(CoordinatorProcess.VAR_RUN_ID);
		String document = (String) in.get(CoordinatorProcess.VAR_SCENARIO_DOCUMENT);
		if (runId == null || document == null) {
			throw new IllegalArgumentException("inputs runId and scenarioDocument are required");
		}
		Scenario scenario = ScenarioJson.parse(context.document(document));
		Plan plan = solve(runId, scenario, context.scope(runId));
		String planDocument = context.store(runId, "plan", RunContext.write(plan));
		double computeCost = plan.solveMillis() / 1000.0 * properties.computeCostPerSecond();
		runs.optimized(runId, planDocument, plan.status().name(), plan.margin(), plan.solveMillis(), computeCost);
		if (plan.status() == Plan.Status.INFEASIBLE) {
			Scenario.Policy policy = scenario.policy() == null ? Scenario.Policy.NONE : scenario.policy();
			Map<String, Object> variables = new LinkedHashMap<>();
			variables.put("conflict", String.join(", ", plan.conflict()));
			variables.put(CoordinatorProcess.VAR_PLAN_DOCUMENT, planDocument);
			variables.put("co2Cap", policy.co2Cap());
			variables.put("minCommittedFillRate", policy.minCommittedFillRate());
			variables.put("carbonPrice", policy.carbonPrice());
			throw new AgentBusinessError(CoordinatorProcess.ERROR_INFEASIBLE,
					"the constraint groups " + plan.conflict() + " cannot hold together", variables);
		}
		if (!plan.hasPlan()) {
			throw new IllegalStateException("no plan within the time limit of " + properties.solveTimeLimitSeconds() + " s");
		}
		Map<String, Object> out = new LinkedHashMap<>();
		out.put(CoordinatorProcess.VAR_PLAN_DOCUMENT, planDocument);
		out.put(CoordinatorProcess.VAR_PLAN_STATUS, plan.status().name());
		out.put(CoordinatorProcess.VAR_MARGIN, plan.margin());
		return AgentOutput.of(out);
	}

	Plan solve(String runId, Scenario scenario, Scope scope) {
		RetailModel retail = new RetailModel(scenario);
		LinearModel model = retail.model();
		JsonNode policy = context.fact(runId, CoordinatorProcess.FACT_POLICY);
		for (JsonNode row : policy.path("rows")) {
			addRow(retail, row);
		}
		JsonNode objective = context.fact(runId, CoordinatorProcess.FACT_OBJECTIVE);
		for (JsonNode line : objective.path("extraLines")) {
			String prefix = switch (line.get("basis").asText()) {
				case "UNIT_SOLD" -> "x[";
				case "UNIT_SHIPPED" -> "ship[";
				case "UNIT_BOUGHT" -> "buy[";
				default -> throw new IllegalStateException("objective fact: unknown basis " + line.get("basis"));
			};
			LinearModel.Objective.Line l = line.get("income").asBoolean() ? retail.objective().income(line.get("line").asText())
					: retail.objective().cost(line.get("line").asText());
			double rate = line.get("rate").asDouble();
			model.vars().stream().filter(v -> v.name().startsWith(prefix) || (prefix.equals("x[") && v.name().startsWith("c[")))
				.forEach(v -> l.add(v, rate));
		}
		if (!scope.includes(Scope.Function.PRICING)) {
			SiloedPlanner.priceAlone(retail);
		}
		if (!scope.includes(Scope.Function.PROCUREMENT)) {
			SiloedPlanner.procureAlone(retail);
		}
		if (!scope.includes(Scope.Function.LOGISTICS)) {
			SiloedPlanner.bookCarriersAlone(retail);
		}
		Pins.apply(context, runId, model);
		return planning.optimize(retail, Duration.ofMillis((long) (properties.solveTimeLimitSeconds() * 1000)));
	}

	/** A row the constraint agent generated: {@code select} names the variables (buy of a supplier's offers). */
	private static void addRow(RetailModel retail, JsonNode row) {
		JsonNode select = row.get("select");
		if (!"buy".equals(select.path("variable").asText())) {
			throw new IllegalStateException("policy fact: row " + row.get("name") + " selects " + select + ", not buy variables");
		}
		String supplier = select.get("supplier").asText();
		Set<String> prefixes = retail.scenario().supplyOffers().stream().filter(o -> o.supplier().equals(supplier))
			.map(o -> "buy[" + o.id() + ",").collect(Collectors.toSet());
		List<LinearModel.Var> vars = new ArrayList<>();
		for (LinearModel.Var v : retail.model().vars()) {
			if (prefixes.stream().anyMatch(v.name()::startsWith)) {
				vars.add(v);
			}
		}
		if (vars.isEmpty()) {
			return;
		}
		LinearModel.Row r = retail.model().row(row.get("group").asText(), row.get("name").asText());
		vars.forEach(v -> r.add(v, 1));
		double rhs = row.get("rhs").asDouble();
		switch (row.get("sense").asText()) {
			case "ge" -> r.ge(rhs);
			case "le" -> r.le(rhs);
			case "eq" -> r.eq(rhs);
			default -> throw new IllegalStateException("policy fact: row " + row.get("name") + " has sense " + row.get("sense"));
		}
	}
}
