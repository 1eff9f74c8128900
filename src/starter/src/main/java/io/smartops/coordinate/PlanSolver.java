package io.smartops.coordinate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import io.smartops.plan.Plan;
import io.smartops.plan.PlanningService;
import io.smartops.plan.RetailModel;
import io.smartops.plan.SiloedPlanner;
import io.smartops.plan.model.LinearModel;
import io.smartops.plan.scenario.Scenario;

/**
 * Solves a run's scenario as the run's agents defined it: the retail model extended with the
 * constraint agent's rows and the objective agent's lines, each function the scope leaves out
 * planning alone (as in the siloed baseline), pinned decisions fixed. Used by the optimizer
 * agent and by re-planning.
 */
@Component
public class PlanSolver {

	private final RunContext context;
	private final PlanningService planning;
	private final CoordinatorProperties properties;

	PlanSolver(RunContext context, PlanningService planning, CoordinatorProperties properties) {
		this.context = context;
		this.planning = planning;
		this.properties = properties;
	}

	public Plan solve(String runId, Scenario scenario, Scope scope, Map<String, Double> pins, boolean ranging) {
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
		Pins.apply(model, pins);
		return planning.optimize(retail, Duration.ofMillis((long) (properties.solveTimeLimitSeconds() * 1000)), ranging);
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
		// a supplier's offers span products: the row links the parts a decomposition solves apart
		LinearModel.Row r = retail.model().row(row.get("group").asText(), row.get("name").asText()).linking();
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
