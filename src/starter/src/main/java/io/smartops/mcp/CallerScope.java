package io.smartops.mcp;

import java.util.function.Supplier;

import io.smartops.core.security.CurrentUser;

/**
 * Runs work as an MCP request's caller on the engine's identity service, as the REST filter does
 * for a REST request, and puts back whoever was logged in on the thread before.
 */
final class CallerScope {

	private final CurrentUser user;

	CallerScope(CurrentUser user) {
		this.user = user;
	}

	<T> T as(McpCaller caller, Supplier<T> work) {
		return user.as(caller.userId(), caller.groups(), work);
	}
}
