package io.smartops.agent.llm;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.smartops.core.security.Roles;

/**
 * The named LLM connections of this node, as an agent administrator needs them to declare an
 * agent: name, provider, endpoint, how structured output is asked for, and whether it can be used
 * (or what it lacks). Keys are never shown.
 */
@RestController
class LlmConnectionController {

	/** One connection as shown: no key. */
	record ConnectionView(String name, String provider, String baseUrl, String structuredOutput, boolean usable,
			String problem) {
	}

	private final LlmConnections connections;

	LlmConnectionController(LlmConnections connections) {
		this.connections = connections;
	}

	@GetMapping("/smartops/api/llm/connections")
	@RolesAllowed({ Roles.OPERATORS, Roles.AGENT_ADMINS })
	List<ConnectionView> connections() {
		return connections.properties().connections().entrySet().stream().map(e -> {
			LlmProperties.Connection c = e.getValue();
			return new ConnectionView(e.getKey(), c.provider() == null ? null : c.provider().key(), c.baseUrl(),
					c.provider() == null ? null : c.structuredOutputOrDefault().name().toLowerCase(java.util.Locale.ROOT),
					connections.usable(e.getKey()), connections.problem(e.getKey()));
		}).toList();
	}
}
