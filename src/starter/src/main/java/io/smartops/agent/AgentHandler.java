package io.smartops.agent;

import java.util.List;
import java.util.Map;

/**
 * The work of one agent, engine-free: it sees only the input variables it declares and returns
 * its outputs. Throw {@link AgentBusinessError} for a business outcome the process models (a BPMN
 * error); any other exception is a failure that is retried and, once retries are spent, becomes
 * an incident.
 */
public interface AgentHandler {

	/** The library id of the agent this handler implements. */
	String agentId();

	/** The only process variables this agent receives. */
	List<String> inputs();

	AgentOutput handle(Map<String, Object> inputs) throws Exception;

	/** False when the agent cannot serve here (an LLM agent with no model configured). */
	default boolean available() {
		return true;
	}

	/** The agent's own measured evaluation (held-out AUC, backtest MAPE), shown on its scorecard. */
	default Map<String, Object> evaluation() {
		return Map.of();
	}
}
