package io.smartops.coordinate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.smartops.api.ApiError;
import io.smartops.api.Fields;
import io.smartops.security.Roles;
import io.smartops.orchestrate.ActionItem;
import io.smartops.orchestrate.ActionLedger;

/**
 * Coordinator runs over REST: start one on demand with a scope, read runs with their stage times,
 * their context (facts with provenance), scenario and plan documents, and compare the points of
 * optimality of the scopes tried.
 */
@RestController
@RequestMapping("/smartops/api/coordinator")
@RolesAllowed({ Roles.PLANNERS, Roles.OPERATORS })
public class CoordinatorController {

	private final RuntimeService runtime;
	private final PlanningRuns runs;
	private final RunContext context;
	private final ActionLedger ledger;
	private final CoordinatorProperties properties;

	CoordinatorController(RuntimeService runtime, PlanningRuns runs, RunContext context, ActionLedger ledger,
			CoordinatorProperties properties) {
		this.runtime = runtime;
		this.runs = runs;
		this.context = context;
		this.ledger = ledger;
		this.properties = properties;
	}

	/** Starts a run: body {@code {"historyMonths": 24, "horizon": 3, "functions": ["pricing"], "external": false}}, all optional. */
	@PostMapping("/runs")
	@RolesAllowed(Roles.PLANNERS)
	public ResponseEntity<?> start(@RequestBody(required = false) Map<String, Object> body) {
		Map<String, Object> request = body == null ? Map.of() : body;
		Map<String, String> unknown = new TreeMap<>(Fields.unknown(request.keySet(), Scope.FIELDS, "a scope"));
		if (!unknown.isEmpty()) {
			return ResponseEntity.badRequest().body(new ApiError("invalid scope", unknown));
		}
		try {
			Scope.from(request, properties.defaultScope());
		}
		catch (IllegalArgumentException e) {
			return ResponseEntity.badRequest().body(new ApiError(e.getMessage()));
		}
		ProcessInstance pi = start(runtime, request);
		String runId = (String) runtime.getVariable(pi.getId(), CoordinatorProcess.VAR_RUN_ID);
		return ResponseEntity.status(HttpStatus.CREATED).body(view(runs.find(runId).orElseThrow()));
	}

	static ProcessInstance start(RuntimeService runtime, Map<String, Object> scope) {
		return runtime.createMessageCorrelation(CoordinatorProcess.MESSAGE_PLAN_REQUESTED)
			.setVariable(CoordinatorProcess.VAR_SCOPE, RunContext.write(scope))
			.correlateStartMessage();
	}

	@GetMapping("/runs")
	public List<Map<String, Object>> runs() {
		return runs.latest().stream().map(this::view).toList();
	}

	@GetMapping("/runs/{id}")
	public Map<String, Object> run(@PathVariable String id) {
		return view(context.run(id));
	}

	@GetMapping("/runs/{id}/facts")
	public List<RunFact> facts(@PathVariable String id) {
		context.run(id);
		return context.facts(id);
	}

	@GetMapping(value = "/runs/{id}/scenario", produces = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<String> scenario(@PathVariable String id) {
		PlanningRun run = context.run(id);
		return run.getScenarioDocument() == null ? ResponseEntity.notFound().build()
				: ResponseEntity.ok(context.document(run.getScenarioDocument()));
	}

	@GetMapping(value = "/runs/{id}/plan", produces = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<String> plan(@PathVariable String id) {
		PlanningRun run = context.run(id);
		return run.getPlanDocument() == null ? ResponseEntity.notFound().build()
				: ResponseEntity.ok(context.document(run.getPlanDocument()));
	}

	/**
	 * The sphere of optionality as measured: per scope, the newest run that has a plan, with its
	 * margin (its point of optimality), solve time and cost of data and compute.
	 */
	@GetMapping("/scopes")
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
