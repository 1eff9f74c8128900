package io.smartops.mcp;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Runs work as an MCP request's caller on the engine's identity service, as the REST filter does
 * for a REST request, and puts back whoever was logged in on the thread before.
 */
final class CallerScope {

	private final IdentityService identity;

	CallerScope(IdentityService identity) {
		this.identity = identity;
	}

	<T> T as(McpCaller caller, Supplier<T> work) {
		Authentication before = identity.getCurrentAuthentication();
		identity.setAuthentication(caller.userId(), caller.groups());
		try {
			return work.get();
		}
		finally {
			if (before == null) {
				identity.clearAuthentication();
			}
			else {
				identity.setAuthentication(before);
			}
		}
	}
}
