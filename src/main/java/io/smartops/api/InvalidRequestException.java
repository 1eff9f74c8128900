package io.smartops.api;

import java.util.Map;

/**
 * A request that breaks a rule, with each field's problem: HTTP 400 with {@link ApiError}'s body
 * over REST, a tool error naming the same fields over MCP.
 */
public class InvalidRequestException extends RuntimeException {

	private final transient Map<String, String> fields;

	public InvalidRequestException(String error, Map<String, String> fields) {
		super(error);
		this.fields = Map.copyOf(fields);
	}

	public Map<String, String> fields() {
		return fields;
	}

	public ApiError toError() {
		return new ApiError(getMessage(), fields);
	}
}
