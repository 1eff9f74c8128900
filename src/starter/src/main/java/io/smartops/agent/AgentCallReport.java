package io.smartops.agent;

import java.time.Instant;
import java.util.Map;

import jakarta.validation.constraints.Size;

/**
 * What a worker reports of one agent call, in-server directly and from a standalone or foreign
 * worker over {@code POST /smartops/api/agent-calls}. The server prices it from the library. The
 * length limits are the columns' of the call audit, checked before anything is stored. With
 * {@code outputs} (the variables the call produced) the server checks them against the agent's
 * contract, the validity part of the call's evaluation.
 */
public record AgentCallReport(@Size(max = 100) String agentId, @Size(max = 64) String externalTaskId,
		@Size(max = 64) String processInstanceId, @Size(max = 255) String activityId, @Size(max = 100) String workerId,
		Instant startedAt, long latencyMillis, AgentCall.Outcome outcome, Double confidence, @Size(max = 100) String model,
		int modelCalls, long promptTokens, long completionTokens, @Size(max = 100_000) String prompt,
		@Size(max = 100_000) String response, @Size(max = 100) String fallbackAgentId,
		@Size(max = 2000) String errorMessage, Map<String, Object> outputs) {

	public AgentCallReport(String agentId, String externalTaskId, String processInstanceId, String activityId,
			String workerId, Instant startedAt, long latencyMillis, AgentCall.Outcome outcome, Double confidence,
			String model, int modelCalls, long promptTokens, long completionTokens, String prompt, String response,
			String fallbackAgentId, String errorMessage) {
		this(agentId, externalTaskId, processInstanceId, activityId, workerId, startedAt, latencyMillis, outcome,
				confidence, model, modelCalls, promptTokens, completionTokens, prompt, response, fallbackAgentId,
				errorMessage, null);
	}

	/** The same report about another task instance (a shadow run's, told as the task instance it shadowed). */
	AgentCallReport about(String processInstance, String activity) {
		return new AgentCallReport(agentId, externalTaskId, processInstance, activity, workerId, startedAt, latencyMillis,
				outcome, confidence, model, modelCalls, promptTokens, completionTokens, prompt, response, fallbackAgentId,
				errorMessage, outputs);
	}
}
