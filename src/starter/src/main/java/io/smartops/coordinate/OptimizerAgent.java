package io.smartops.coordinate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


import io.smartops.agent.AgentBusinessError;
import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentOutput;
import io.smartops.plan.Plan;
import io.smartops.plan.scenario.Scenario;
import io.smartops.plan.scenario.ScenarioJson;

/**
 * The optimizer agent: solves the run's scenario with {@link PlanSolver} (the constraint agent's
 * rows, the objective agent's lines, the scope, pinned decisions) and stores the plan as a
 * document; an infeasible scenario is a BPMN error carrying the conflict and the current policy,
 * for "Relax constraints".
 */
final class OptimizerAgent implements AgentHandler {

	static final String ID = "plan-optimization-ortools";

	private final RunContext context;
	private final PlanningRuns runs;
	private final PlanSolver solver;
	private final CoordinatorProperties properties;

	OptimizerAgent(RunContext context, PlanningRuns runs, PlanSolver solver, CoordinatorProperties properties) {
		this.context = context;
		this.runs = runs;
		this.solver = solver;
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
		Plan plan = solver.solve(runId, scenario, context.scope(runId), Pins.of(context, runId), true);
		String planDocument = context.store(runId, "plan", RunContext.write(plan));
		double computeCost = plan.solveMillis() / 1000.0 * properties.computeCostPerSecond();
		runs.optimized(runId, planDocument, plan.status().name(), plan.margin(), plan.solveMillis(), computeCost);
		if (plan.status() == Plan.Status.INFEASIBLE) {
			Scenario.Policy policy = scenario.policy() == null ? Scenario.Policy.NONE : scenario.policy();
			Map<String, Object> variables = new LinkedHashMap<>();
			variables.put("conflict", String.join(", ", plan.conflict()));
			variables.put("conflictText", io.smartops.plan.RowWords.groups(plan.conflict()) + " cannot all hold together");
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
}
