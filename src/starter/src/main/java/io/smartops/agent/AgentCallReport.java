package io.smartops.agent;

import java.time.Instant;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What a worker reports of one agent call, in-server directly and from a standalone or foreign
 * worker over {@code POST /smartops/api/agent-calls}. The server prices it from the library. The
 * length limits are the columns' of the call audit, checked before anything is stored. With
 * {@code outputs} (the variables the call produced) the server checks them against the agent's
 * contract, the validity part of the call's evaluation. An LLM call also reports its cached input
 * tokens, how it asked for structured output, how much personal data was redacted from its prompt
 * and the guardrail that fired, if any.
 */
public record AgentCallReport(@NotBlank(message = "is required") @Size(max = 100) String agentId, @Size(max = 64) String externalTaskId,
		@Size(max = 64) String processInstanceId, @Size(max = 255) String activityId, @Size(max = 100) String workerId,
		@NotNull(message = "is required (ISO-8601 instant)") Instant startedAt,
		@Min(value = 0, message = "${validatedValue} must be at least 0")
		@Max(value = 86_400_000, message = "${validatedValue} must be at most 86400000 (a day)") long latencyMillis,
		@NotNull(message = "is required: COMPLETED, BPMN_ERROR, LOW_CONFIDENCE, FAILURE or FALLBACK") AgentCall.Outcome outcome,
		@DecimalMin(value = "0", message = "${validatedValue} is outside [0, 1]")
		@DecimalMax(value = "1", message = "${validatedValue} is outside [0, 1]") Double confidence,
		@Size(max = 100) String model,
		@Min(value = 0, message = "${validatedValue} must be at least 0")
		@Max(value = 10_000, message = "${validatedValue} must be at most 10000") int modelCalls,
		@Min(value = 0, message = "${validatedValue} must be at least 0")
		@Max(value = 100_000_000, message = "${validatedValue} must be at most 100000000") long promptTokens,
		@Min(value = 0, message = "${validatedValue} must be at least 0")
		@Max(value = 100_000_000, message = "${validatedValue} must be at most 100000000") long completionTokens,
		@Size(max = 100_000) String prompt, @Size(max = 100_000) String response, @Size(max = 100) String fallbackAgentId,
		@Size(max = 2000) String errorMessage, @Size(max = 100) Map<String, Object> outputs,
		@Min(value = 0, message = "${validatedValue} must be at least 0")
		@Max(value = 100_000_000, message = "${validatedValue} must be at most 100000000") long cachedTokens,
		@jakarta.validation.constraints.Pattern(regexp = "native|prompt", message = "\"${validatedValue}\" is native or prompt") String structuredOutput,
		@Min(value = 0, message = "${validatedValue} must be at least 0")
		@Max(value = 100_000, message = "${validatedValue} must be at most 100000") int redactions,
		@Size(max = 500) String guardrail) {

	public AgentCallReport(String agentId, String externalTaskId, String processInstanceId, String activityId,
			String workerId, Instant startedAt, long latencyMillis, AgentCall.Outcome outcome, Double confidence,
			String model, int modelCalls, long promptTokens, long completionTokens, String prompt, String response,
			String fallbackAgentId, String errorMessage, Map<String, Object> outputs) {
		this(agentId, externalTaskId, processInstanceId, activityId, workerId, startedAt, latencyMillis, outcome,
				confidence, model, modelCalls, promptTokens, completionTokens, prompt, response, fallbackAgentId,
				errorMessage, outputs, 0, null, 0, null);
	}

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
				errorMessage, outputs, cachedTokens, structuredOutput, redactions, guardrail);
	}
}
