package io.smartops.agent.lifecycle;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.smartops.agent.Agent;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentStatus;
import io.smartops.agent.AgentView;
import io.smartops.core.web.InvalidRequestException;
import io.smartops.core.web.NotFoundException;
import io.smartops.core.security.CurrentUser;
import io.smartops.core.security.Roles;

/**
 * The agent lifecycle over REST: an agent's evidence and its gate's decision, a promotion through
 * the gate (the {@code agent-promotion} process), a canary's share, and per capability its
 * incumbent, candidates, stages and evidence (the dashboard's agents page).
 */
@RestController
class LifecycleController {

	record PromotionRequest(@DecimalMin(value = "0", inclusive = false, message = "${validatedValue} is outside (0, 1]")
	@DecimalMax(value = "1", message = "${validatedValue} is outside (0, 1]") Double canaryShare) {
	}

	record CanaryShare(@DecimalMin(value = "0", inclusive = false, message = "${validatedValue} is outside (0, 1]")
	@DecimalMax(value = "1", message = "${validatedValue} is outside (0, 1]") Double canaryShare) {
	}

	/** A capability's agents by stage, with each candidate's evidence and the gate's decision on it. */
	record CapabilityLifecycle(String capability, List<AgentView> incumbents, List<AgentView> candidates,
			List<AgentView> retiring, List<Evidence> evidence, List<String> approvers) {
	}

	private final AgentLibrary library;
	private final AgentEvidence evidence;
	private final AgentPromotions promotions;
	private final CurrentUser user;

	LifecycleController(AgentLibrary library, AgentEvidence evidence, AgentPromotions promotions, CurrentUser user) {
		this.library = library;
		this.evidence = evidence;
		this.promotions = promotions;
		this.user = user;
	}

	@GetMapping("/smartops/api/agents/{id}/evidence")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS, Roles.AGENT_ADMINS })
	Evidence evidence(@PathVariable String id) {
		return evidence.of(id);
	}

	@PostMapping("/smartops/api/agents/{id}/promotions")
	@RolesAllowed(Roles.AGENT_ADMINS)
	ResponseEntity<AgentPromotions.Started> promote(@PathVariable String id,
			@Valid @RequestBody(required = false) PromotionRequest request) {
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(promotions.start(id, request == null ? null : request.canaryShare(), user.userId()));
	}

	@PutMapping("/smartops/api/agents/{id}/canary-share")
	@RolesAllowed(Roles.AGENT_ADMINS)
	AgentView canaryShare(@PathVariable String id, @Valid @RequestBody CanaryShare share) {
		if (share == null || share.canaryShare() == null) {
			throw new InvalidRequestException("invalid canary share", Map.of("canaryShare", "is required: a number in [0, 1]"));
		}
		return AgentView.of(library.changeCanaryShare(id, share.canaryShare()));
	}

	@GetMapping("/smartops/api/agent-lifecycle")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS, Roles.AGENT_ADMINS })
	List<CapabilityLifecycle> lifecycle() {
		Map<String, List<Agent>> byCapability = new TreeMap<>();
		library.all().forEach(a -> byCapability.computeIfAbsent(a.getCapability(), k -> new java.util.ArrayList<>()).add(a));
		return byCapability.entrySet().stream()
			.filter(e -> e.getValue().stream().anyMatch(a -> a.getStatus() != AgentStatus.ACTIVE))
			.map(e -> of(e.getKey(), e.getValue()))
			.toList();
	}

	@GetMapping("/smartops/api/agent-lifecycle/{capability}")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS, Roles.AGENT_ADMINS })
	CapabilityLifecycle lifecycle(@PathVariable String capability) {
		List<Agent> agents = library.forCapability(capability);
		if (agents.isEmpty()) {
			throw new NotFoundException("no agent serves capability " + capability);
		}
		return of(capability, agents);
	}

	private CapabilityLifecycle of(String capability, List<Agent> agents) {
		List<Agent> sorted = agents.stream().sorted(Comparator.comparing(Agent::getId)).toList();
		return new CapabilityLifecycle(capability,
				sorted.stream().filter(a -> a.getStatus() == AgentStatus.ACTIVE).map(AgentView::of).toList(),
				sorted.stream()
					.filter(a -> a.getStatus() == AgentStatus.SHADOW || a.getStatus() == AgentStatus.CANARY)
					.map(AgentView::of)
					.toList(),
				sorted.stream()
					.filter(a -> a.getStatus() == AgentStatus.DEPRECATED || a.getStatus() == AgentStatus.RETIRED)
					.map(AgentView::of)
					.toList(),
				sorted.stream()
					.filter(a -> a.getStatus() == AgentStatus.SHADOW || a.getStatus() == AgentStatus.CANARY)
					.map(a -> evidence.of(a.getId()))
					.toList(),
				promotions.approvers(capability));
	}
}
