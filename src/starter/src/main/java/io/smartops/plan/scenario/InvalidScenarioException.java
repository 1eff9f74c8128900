package io.smartops.plan.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.smartops.core.web.ClientError;

/** A scenario that breaks the contract's field rules; each problem names its field and value. */
public class InvalidScenarioException extends RuntimeException implements ClientError {

	private final List<String> problems;

	public InvalidScenarioException(List<String> problems) {
		super(String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return problems;
	}

	@Override
	public int status() {
		return 400;
	}

	/** {@code {"error": "invalid scenario", "problems": [...]}}. */
	@Override
	public Map<String, Object> body() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", "invalid scenario");
		body.put("problems", problems);
		return body;
	}
}
