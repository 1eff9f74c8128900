package io.smartops.agent.worker;

import io.smartops.agent.AgentHandler;

/** Workers that serve agents on their topics, and take one more or one fewer while they run. */
public interface AgentServing extends AutoCloseable {

	/** Starts serving one more agent on its topic (an MCP-tool agent registered while the workers run). */
	void serve(AgentHandler handler);

	/** Stops serving an agent (a retired MCP-tool agent); its tasks wait for another worker. */
	void stopServing(String agentId);

	/** The handler of an agent these workers serve, or null (where a declared agent's fallback is found). */
	AgentHandler handler(String agentId);

	@Override
	void close();
}
