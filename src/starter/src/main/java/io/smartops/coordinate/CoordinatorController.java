package io.smartops.coordinate;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.smartops.core.security.Roles;

/**
 * Coordinator runs over REST: start one on demand with a scope, read runs with their stage times,
 * their context (facts with provenance), scenario and plan documents, and compare the points of
 * optimality of the scopes tried ({@link CoordinatorRuns}).
 */
@RestController
@RequestMapping("/smartops/api/coordinator")
@RolesAllowed({ Roles.PLANNERS, Roles.OPERATORS })
public class CoordinatorController {

	private final CoordinatorRuns runs;
	private final RunContext context;

	CoordinatorController(CoordinatorRuns runs, RunContext context) {
		this.runs = runs;
		this.context = context;
	}

	/** Starts a run: body {@code {"historyMonths": 24, "horizon": 3, "functions": ["pricing"], "external": false}}, all optional. */
	@PostMapping("/runs")
	@RolesAllowed(Roles.PLANNERS)
	public ResponseEntity<Map<String, Object>> start(@RequestBody(required = false) Map<String, Object> body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(runs.start(body));
	}

	@GetMapping("/runs")
	public List<Map<String, Object>> runs() {
		return runs.latest();
	}

	@GetMapping("/runs/{id}")
	public Map<String, Object> run(@PathVariable String id) {
		return runs.view(id);
	}

	@GetMapping("/runs/{id}/facts")
	public List<RunFact> facts(@PathVariable String id) {
		return runs.facts(id);
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

	@GetMapping("/scopes")
	public List<Map<String, Object>> scopes() {
		return runs.scopes();
	}
}
