package io.smartops.agent;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.smartops.core.web.ApiError;
import io.smartops.core.web.ForbiddenException;
import io.smartops.core.web.JudgedByItsReader;
import io.smartops.core.security.CurrentUser;
import io.smartops.core.security.Roles;

/**
 * The agent call audit over REST: {@code GET /smartops/api/agent-calls?processInstanceId=…} or
 * {@code ?agentId=…} lists the calls; {@code /cost?processInstanceId=…} attributes an instance's
 * cost to its tasks and agents; {@code POST} takes the report of a call from a standalone or
 * foreign worker (priced from the library, 400 naming each bad field).
 */
@RestController
@RequestMapping("/smartops/api/agent-calls")
class AgentCallController {

	private final AgentTelemetry telemetry;
	private final AgentLibrary library;
	private final CurrentUser user;
	private final AgentQuality quality;

	/** The truth about one call: {@code correct}, or the {@code actual} value its output is judged by. */
	record GroundTruthRequest(Boolean correct,
			@JudgedByItsReader("AgentQuality: what the call's agent's output can be") Object actual) {
	}

	/** A call once the truth judged it, with its agent's quality re-estimated from it. */
	record Judged(long callId, String agentId, AgentCall.Truth groundTruth, double agentQuality,
			double agentQualityEvidence) {
	}

	/**
	 * {@code PUT /smartops/api/agent-calls/{id}/ground-truth}: the truth about a call once it is
	 * known (a lead's outcome, the actual demand, an optimizer's proven gap), as {@code correct} or
	 * as the {@code actual} value its output is judged by. 404 for an unknown call, 400 naming the
	 * problem.
	 */
	@PutMapping("/{id}/ground-truth")
	@RolesAllowed({ Roles.OPERATORS, Roles.AGENT_ADMINS })
	Judged groundTruth(@PathVariable long id, @Valid @RequestBody(required = false) GroundTruthRequest truth) {
		AgentCall call = quality.groundTruth(id,
				truth == null ? null : new AgentQuality.GroundTruth(truth.correct(), truth.actual()));
		Agent agent = library.find(call.getAgentId()).orElseThrow();
		return new Judged(id, agent.getId(), call.getGroundTruth(), agent.effectiveQuality(), agent.getQualityEvidence());
	}

	AgentCallController(AgentTelemetry telemetry, AgentLibrary library, CurrentUser user, AgentQuality quality) {
		this.quality = quality;
		this.telemetry = telemetry;
		this.library = library;
		this.user = user;
	}

	@GetMapping
	@RolesAllowed({ Roles.OPERATORS, Roles.AGENT_ADMINS })
	ResponseEntity<?> list(@RequestParam(required = false) String processInstanceId,
			@RequestParam(required = false) String agentId) {
		if ((processInstanceId == null || processInstanceId.isBlank()) == (agentId == null || agentId.isBlank())) {
			return ResponseEntity.badRequest()
				.body(new ApiError("give exactly one of the query parameters processInstanceId and agentId"));
		}
		List<AgentCall> calls = processInstanceId != null ? telemetry.callsOfProcessInstance(processInstanceId)
				: telemetry.callsOfAgent(agentId);
		return ResponseEntity.ok(calls);
	}

	/**
	 * {@code GET /smartops/api/agent-calls/cost?processInstanceId=…}: what agents cost one process
	 * instance, in all, per task and per agent, with tokens by type ({@link InstanceCost}).
	 */
	@GetMapping("/cost")
	@RolesAllowed({ Roles.OPERATORS, Roles.PLANNERS, Roles.AGENT_ADMINS })
	ResponseEntity<?> cost(@RequestParam(required = false) String processInstanceId) {
		if (processInstanceId == null || processInstanceId.isBlank()) {
			return ResponseEntity.badRequest()
				.body(new ApiError("invalid request", Map.of("processInstanceId", "is required")));
		}
		return ResponseEntity.ok(InstanceCost.of(processInstanceId, telemetry.callsOfProcessInstance(processInstanceId)));
	}

	@PostMapping
	@RolesAllowed({ Roles.WORKERS, Roles.AGENT_ADMINS })
	ResponseEntity<?> report(@Valid @RequestBody AgentCallReport r) {
		// what each field may be is declared on the report; here, what the library says of its agent
		Optional<Agent> agent = library.find(r.agentId());
		if (agent.isEmpty()) {
			return ResponseEntity.badRequest()
				.body(new ApiError("invalid agent call", Map.of("agentId", "no agent with id " + r.agentId())));
		}
		if (!user.hasAnyRole(List.of(Roles.AGENT_ADMINS)) && !agent.get().servedBy(user.userId())) {
			throw new ForbiddenException("user " + user.userId() + " does not serve agent " + r.agentId()
					+ " and may not report its calls");
		}
		telemetry.record(r);
		return ResponseEntity.status(HttpStatus.CREATED).build();
	}
}
