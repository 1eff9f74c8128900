package io.smartops.agent;

import java.time.Instant;

/**
 * What a worker reports of one agent call, in-server directly and from a standalone or foreign
 * worker over {@code POST /smartops/api/agent-calls}. The server prices it from the library.
 */
public record AgentCallReport(String agentId, String externalTaskId, String processInstanceId, String activityId,
		String workerId, Instant startedAt, long latencyMillis, AgentCall.Outcome outcome, Double confidence, String model,
		int modelCalls, long promptTokens, long completionTokens, String prompt, String response, String fallbackAgentId,
		String errorMessage) {
}
