package io.smartops.agent;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;

import io.micrometer.core.instrument.MeterRegistry;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.smartops.core.web.ApiError;
import io.smartops.core.security.Roles;

/**
 * The agent library over REST: list, register an agent (foreign, MCP-tool, declared LLM), a new
 * version of a declared LLM agent, change an agent's status, scorecards, and the element template
 * for agent tasks.
 */
@RestController
@RequestMapping("/smartops/api/agents")
class AgentController {

	record StatusChange(AgentStatus status) {
	}

	/** A new version of a declared LLM agent: its name and what changes in its declaration. */
	record NewVersion(@Size(max = 40) String version, @Valid LlmDeclaration llm) {
	}

	private final AgentLibrary library;
	private final AgentTelemetry telemetry;
	private final MeterRegistry meters;
	private final com.fasterxml.jackson.databind.ObjectMapper json;

	AgentController(AgentLibrary library, AgentTelemetry telemetry, MeterRegistry meters,
			com.fasterxml.jackson.databind.ObjectMapper json) {
		this.json = json;
		this.library = library;
		this.telemetry = telemetry;
		this.meters = meters;
	}

	/** Where agent tasks' time goes on this node: pick-up, work and completion per agent ({@link AgentStepTimers}). */
	@GetMapping("/step-latency")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS, Roles.AGENT_ADMINS })
	List<AgentStepTimers.StepLatency> stepLatency() {
		return AgentStepTimers.summary(meters);
	}

	/**
	 * The Modeler element template "Agent task" for any capability of the library as it is now
	 * ({@link AgentTaskTemplate}): save it in the project's {@code .camunda/element-templates}.
	 */
	@GetMapping("/element-template")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.AGENT_ADMINS })
	com.fasterxml.jackson.databind.node.ObjectNode elementTemplate() {
		return AgentTaskTemplate.of(json, AgentTaskTemplate.contracts(AgentTaskTemplate.of(library.all())));
	}

	@GetMapping("/{id}/scorecard")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS, Roles.AGENT_ADMINS })
	Scorecard scorecard(@PathVariable String id) {
		return telemetry.scorecard(library.find(id).orElseThrow(() -> new AgentLibrary.UnknownAgentException(id)));
	}

	@GetMapping("/{id}/changes")
	@RolesAllowed({ Roles.OPERATORS, Roles.AGENT_ADMINS })
	List<AgentChange> changes(@PathVariable String id) {
		library.find(id).orElseThrow(() -> new AgentLibrary.UnknownAgentException(id));
		return library.history(id);
	}

	@GetMapping
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS, Roles.AGENT_ADMINS, Roles.WORKERS })
	List<AgentView> list() {
		return library.all().stream().map(AgentView::of).toList();
	}

	@PostMapping
	@RolesAllowed(Roles.AGENT_ADMINS)
	ResponseEntity<Map<String, String>> register(@Valid @RequestBody AgentLibrary.Registration registration) {
		Agent agent = library.registerForeign(registration);
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", agent.getId(), "topic", agent.getTopic()));
	}

	/**
	 * A new version of a declared LLM agent (a new prompt, model or schema): registered beside the old
	 * one as a SHADOW, so the stage gates decide with evidence.
	 */
	@PostMapping("/{id}/versions")
	@RolesAllowed(Roles.AGENT_ADMINS)
	ResponseEntity<AgentView> newVersion(@PathVariable String id, @Valid @RequestBody NewVersion version) {
		Agent agent = library.newVersion(id, version.version(), version.llm());
		return ResponseEntity.status(HttpStatus.CREATED).body(AgentView.of(agent));
	}

	@PatchMapping("/{id}")
	@RolesAllowed(Roles.AGENT_ADMINS)
	ResponseEntity<?> changeStatus(@PathVariable String id, @Valid @RequestBody StatusChange change) {
		if (change.status() == null) {
			return ResponseEntity.badRequest()
				.body(new ApiError("invalid status change", Map.of("status", "is required: ACTIVE, SHADOW, DEPRECATED or RETIRED")));
		}
		return ResponseEntity.ok(AgentView.of(library.changeStatus(id, change.status())));
	}
}
