package io.smartops.core.execution;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.smartops.core.security.Roles;

/**
 * {@code GET /smartops/api/node/warm-up}: the warm-ups this node is doing (the demo history), with
 * how far each has come; empty once the node works. The dashboard shows it as a banner.
 */
@RestController
@RequestMapping("/smartops/api/node/warm-up")
class NodeWarmUpController {

	record Progress(String name, String progress, double fraction, Instant startedAt) {
	}

	private final NodeWarmUp warmUp;

	NodeWarmUpController(NodeWarmUp warmUp) {
		this.warmUp = warmUp;
	}

	@GetMapping
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS, Roles.AGENT_ADMINS })
	List<Progress> inProgress() {
		return warmUp.inProgress().stream()
			.map(w -> new Progress(w.name(), w.progress(), w.fraction(), Instant.ofEpochMilli(w.startedAt())))
			.toList();
	}
}
