package io.smartops.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON body of every error of the project's API: what went wrong and, per field, why. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String error, Map<String, String> fields) {

	public ApiError(String error) {
		this(error, Map.of());
	}
}
