package io.smartops.agent;

/** Where workers send the record of each agent call: the library's database, or the server over REST. */
@FunctionalInterface
public interface AgentCallSink {

	void record(AgentCallReport report);
}
