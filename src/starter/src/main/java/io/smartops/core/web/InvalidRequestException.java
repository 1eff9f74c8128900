package io.smartops.core.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request that breaks a rule, with each field's problem: HTTP 400 with {@link ApiError}'s body
 * over REST, a tool error naming the same fields over MCP.
 */
public class InvalidRequestException extends RuntimeException implements ClientError {

	private final transient Map<String, String> fields;

	public InvalidRequestException(String error, Map<String, String> fields) {
		super(error);
		// in the order the checks named them, as the body lists them
		this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
	}

	public Map<String, String> fields() {
		return fields;
	}

	@Override
	public int status() {
		return 400;
	}

	@Override
	public ApiError body() {
		return new ApiError(getMessage(), fields);
	}
}
