package io.smartops.core.web;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

/**
 * A request record's fields against the bounds declared on them (Jakarta Bean Validation: a
 * length, a range, a size), for the services that take a request from more than the REST API (an
 * MCP tool, a test, the demo): the REST API checks {@code @Valid} bodies before the controller
 * runs, and a service checks the same declaration here, so the bounds are said once.
 */
public final class RequestBounds {

	private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
	private static final Validator VALIDATOR = FACTORY.getValidator();

	private RequestBounds() {
	}

	/** Each field beyond its bounds, named by its path ({@code mcp.tool}), with why; empty when all fit. */
	public static Map<String, String> problems(Object request) {
		Map<String, String> problems = new LinkedHashMap<>();
		if (request == null) {
			return problems;
		}
		VALIDATOR.validate(request).stream()
			.sorted(Comparator.comparing((ConstraintViolation<Object> v) -> v.getPropertyPath().toString()))
			.forEach(v -> problems.putIfAbsent(v.getPropertyPath().toString(), v.getMessage()));
		return problems;
	}
}
