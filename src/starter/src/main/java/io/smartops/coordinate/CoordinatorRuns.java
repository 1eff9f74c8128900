package io.smartops.coordinate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

import io.smartops.core.web.Fields;
import io.smartops.core.web.InvalidRequestException;
import io.smartops.orchestrate.ActionItem;
import io.smartops.orchestrate.ActionLedger;

/**
 * Coordinator runs as REST and MCP show them: start one with a scope (checked before anything
 * starts), and a run's view (its status, stage times, actions by channel and status, cost), facts
 * and actions.
 */
@Service
public class CoordinatorRuns {

	private final RuntimeService runtime;
	private final PlanningRuns runs;
	private final RunContext context;
	private final ActionLedger ledger;
	private final CoordinatorProperties properties;

	CoordinatorRuns(RuntimeService runtime, PlanningRuns runs, RunContext context, ActionLedger ledger,
			CoordinatorProperties properties) {
		this.runtime = runtime;
		this.runs = runs;
		this.context = context;
		this.ledger = ledger;
		this.properties = properties;
	}

	/**
	 * Starts a run: scope {@code {"historyMonths": 24, "horizon": 3, "functions": ["pricing"], "external": false}},
	 * every field optional; an unknown field or a value out of range starts nothing.
	 */
	public Map<String, Object> start(Map<String, Object> scope) {
		Map<String, Object> request = scope == null ? Map.of() : scope;
		Map<String, String> unknown = new TreeMap<>(Fields.unknown(request.keySet(), Scope.FIELDS, "a scope"));
		if (!unknown.isEmpty()) {
			throw new InvalidRequestException("invalid scope", unknown);
		}
		try {
			Scope.from(request, properties.defaultScope());
		}
		catch (IllegalArgumentException e) {
			throw new InvalidRequestException(e.getMessage(), Map.of());
		}
		// found by its instance, not by the instance's variable: a planner may start runs without
		// Camunda's READ permission on process instances
		ProcessInstance pi = start(runtime, request);
		return view(runs.ofProcessInstance(pi.getId()).orElseThrow());
	}

	/** Starts a run with a scope already checked (the demo's, the benchmarks'). */
	public static ProcessInstance start(RuntimeService runtime, Map<String, Object> scope) {
		return runtime.createMessageCorrelation(CoordinatorProcess.MESSAGE_PLAN_REQUESTED)
			.setVariable(CoordinatorProcess.VAR_SCOPE, RunContext.write(scope))
			.correlateStartMessage();
	}

	public List<Map<String, Object>> latest() {
		return runs.latest().stream().map(this::view).toList();
	}

	/** One run's view; {@link RunContext.NoSuchRunException} for an unknown id. */
	public Map<String, Object> view(String runId) {
		return view(context.run(runId));
	}

	public List<RunFact> facts(String runId) {
		context.run(runId);
		return context.facts(runId);
	}

	public List<ActionItem> actions(String runId) {
		context.run(runId);
		return ledger.ofRun(runId);
	}

	/**
	 * The sphere of optionality as measured: per scope, the newest run that has a plan, with its
	 * margin (its point of optimality), solve time and cost of data and compute.
	 */
	public List<Map<String, Object>> scopes() {
		Map<String, Map<String, Object>> byScope = new TreeMap<>();
		for (PlanningRun run : runs.latest()) {
			if (run.getMargin() != null) {
				byScope.putIfAbsent(run.getScopeLabel(), Map.of("scope", run.getScopeLabel(), "runId", run.getId(), "margin",
						run.getMargin(), "solveMillis", run.getSolveMillis(), "cost", cost(run)));
			}
		}
		return List.copyOf(byScope.values());
	}

	private static double cost(PlanningRun run) {
		return (run.getDataCost() == null ? 0 : run.getDataCost()) + (run.getComputeCost() == null ? 0 : run.getComputeCost());
	}

	Map<String, Object> view(PlanningRun run) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("run", run);
		List<ActionItem> actions = ledger.ofRun(run.getId());
		// the dispatch stage ends when the last of the plan's actions went out (derived, never stored)
		Instant dispatched = actions.isEmpty() || actions.stream().anyMatch(a -> a.getDispatchedAt() == null) ? null
				: actions.stream().map(ActionItem::getDispatchedAt).max(Instant::compareTo).orElse(null);
		Map<String, Long> stages = new LinkedHashMap<>();
		stages.put("gatherMillis", millis(run.getStartedAt(), run.getGatheredAt()));
		stages.put("optimizeMillis", millis(run.getGatheredAt(), run.getOptimizedAt()));
		stages.put("approveMillis", millis(run.getOptimizedAt(), run.getApprovedAt()));
		stages.put("dispatchMillis", millis(run.getApprovedAt(), dispatched));
		view.put("stages", stages);
		Map<String, Long> byStatus = new TreeMap<>();
		actions.forEach(a -> byStatus.merge(a.getChannel() + ":" + a.getStatus(), 1L, Long::sum));
		view.put("actions", byStatus);
		view.put("cost", cost(run));
		return view;
	}

	private static Long millis(Instant from, Instant to) {
		return from == null || to == null ? null : Duration.between(from, to).toMillis();
	}
}
