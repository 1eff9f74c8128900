package io.smartops.agent;

import java.time.Instant;

import jakarta.validation.constraints.Size;

/**
 * What a worker reports of one agent call, in-server directly and from a standalone or foreign
 * worker over {@code POST /smartops/api/agent-calls}. The server prices it from the library. The
 * length limits are the columns' of the call audit, checked before anything is stored.
 */
public record AgentCallReport(@Size(max = 100) String agentId, @Size(max = 64) String externalTaskId,
		@Size(max = 64) String processInstanceId, @Size(max = 255) String activityId, @Size(max = 100) String workerId,
		Instant startedAt, long latencyMillis, AgentCall.Outcome outcome, Double confidence, @Size(max = 100) String model,
		int modelCalls, long promptTokens, long completionTokens, @Size(max = 100_000) String prompt,
		@Size(max = 100_000) String response, @Size(max = 100) String fallbackAgentId,
		@Size(max = 2000) String errorMessage) {
}
