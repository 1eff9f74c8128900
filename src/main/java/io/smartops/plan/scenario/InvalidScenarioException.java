package io.smartops.plan.scenario;

import java.util.List;

/** A scenario that breaks the contract's field rules; each problem names its field and value. */
public class InvalidScenarioException extends RuntimeException {

	private final List<String> problems;

	public InvalidScenarioException(List<String> problems) {
		super(String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return problems;
	}
}
