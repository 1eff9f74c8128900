package io.smartops.simulate;

import jakarta.validation.Valid;
import jakarta.annotation.security.RolesAllowed;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.smartops.insight.InsightProperties;
import io.smartops.insight.Window;
import io.smartops.core.security.CurrentUser;
import io.smartops.core.security.Roles;

/**
 * {@code /smartops/api/simulations}: start a simulation (202 with its id), then read its progress
 * and, once done, its results; and simulate a process's improvement plan, whose items then show
 * the predicted KPIs in the insights.
 */
@RestController
class SimulationController {

	private final Simulations simulations;
	private final CurrentUser user;
	private final InsightProperties insightProperties;

	SimulationController(Simulations simulations, CurrentUser user, InsightProperties insightProperties) {
		this.simulations = simulations;
		this.user = user;
		this.insightProperties = insightProperties;
	}

	@PostMapping("/smartops/api/simulations")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS })
	ResponseEntity<Simulations.SimulationView> start(@Valid @RequestBody(required = false) SimulationRequest request) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(simulations.submit(request, user.userId()));
	}

	@GetMapping("/smartops/api/simulations/{id}")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS })
	Simulations.SimulationView get(@PathVariable String id) {
		return simulations.get(id);
	}

	@PostMapping("/smartops/api/insights/processes/{key}/improvements/simulation")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS })
	ResponseEntity<Simulations.SimulationView> simulatePlan(@PathVariable String key,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		Window w = Window.of("from", from, "to", to, insightProperties.defaultWindow());
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(simulations.simulatePlan(key, w.from(), w.to(), user.userId()));
	}
}
