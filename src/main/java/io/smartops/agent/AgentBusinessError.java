package io.smartops.agent;

/** A business outcome an agent reports as a BPMN error with this code (e.g. {@code NoProfileFound}). */
public class AgentBusinessError extends RuntimeException {

	private final String code;

	public AgentBusinessError(String code, String message) {
		super(message);
		this.code = code;
	}

	public String code() {
		return code;
	}
}
