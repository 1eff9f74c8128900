package io.smartops.plan;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

import io.smartops.core.security.Roles;
import io.smartops.plan.scenario.ScenarioJson;

/**
 * {@code POST /smartops/api/plans}: the plan of a scenario (200), 422 with the plan and its
 * conflict when infeasible, 400 naming every invalid field.
 */
@RestController
@RequestMapping("/smartops/api/plans")
@RolesAllowed({ Roles.DESIGNERS, Roles.PLANNERS })
class PlanController {

	private final PlanningService planning;

	PlanController(PlanningService planning) {
		this.planning = planning;
	}

	@PostMapping
	ResponseEntity<Plan> plan(@RequestBody JsonNode scenario) {
		Plan plan = planning.optimize(ScenarioJson.read(scenario));
		return ResponseEntity.status(plan.status() == Plan.Status.INFEASIBLE ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.OK)
			.body(plan);
	}

	@PostMapping("/compare")
	Map<String, Object> compare(@RequestBody JsonNode scenario) {
		return planning.compare(ScenarioJson.read(scenario)).summary();
	}
}
