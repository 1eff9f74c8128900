package io.smartops.agent;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One call of an agent, the audit and telemetry record: agent and version, the task and process
 * instance it served, latency, cost (per call plus tokens × price for LLMs), outcome, confidence,
 * the model with its prompt and output (or their SHA-256 hashes where configured), and the quality
 * feedback a person gave later (accepted or edited in review). Scorecards aggregate these.
 */
@Entity
@Table(name = "smartops_agent_call", indexes = {
		@Index(name = "idx_agent_call_agent", columnList = "agent_id,started_at"),
		@Index(name = "idx_agent_call_instance", columnList = "process_instance_id") })
public class AgentCall {

	public enum Outcome {
		COMPLETED, BPMN_ERROR, LOW_CONFIDENCE, FAILURE, FALLBACK
	}

	/** A person's verdict on the output: used as is, changed before use, or thrown away. */
	public enum Feedback {
		ACCEPTED, EDITED, REJECTED;

		/** What the verdict says of the output's quality: accepted 1, edited ½, rejected 0. */
		public double score() {
			return switch (this) {
				case ACCEPTED -> 1.0;
				case EDITED -> 0.5;
				case REJECTED -> 0.0;
			};
		}
	}

	/** Whether the output passed the schema and semantic checks of its agent's contract. */
	public enum Validity {
		VALID, INVALID
	}

	/** What the truth, once known, says of the output. */
	public enum Truth {
		CORRECT, WRONG
	}

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "agent_id", nullable = false, length = 100)
	private String agentId;

	@Column(name = "agent_version", nullable = false, length = 40)
	private String agentVersion;

	@Column(name = "external_task_id", length = 64)
	private String externalTaskId;

	@Column(name = "process_instance_id", length = 64)
	private String processInstanceId;

	@Column(name = "activity_id")
	private String activityId;

	@Column(name = "worker_id", length = 100)
	private String workerId;

	@Column(name = "started_at", nullable = false)
	private Instant startedAt;

	@Column(name = "latency_millis", nullable = false)
	private long latencyMillis;

	@Column(nullable = false)
	private double cost;

	@Column(nullable = false, length = 20)
	private String outcome;

	private Double confidence;

	@Column(length = 100)
	private String model;

	@Column(name = "model_calls", nullable = false)
	private int modelCalls;

	@Column(name = "prompt_tokens", nullable = false)
	private long promptTokens;

	@Column(name = "completion_tokens", nullable = false)
	private long completionTokens;

	// a plain long text column, not a LOB: PostgreSQL large objects need a transaction to read
	@Column(name = "prompt", length = 100_000)
	private String prompt;

	@Column(name = "response", length = 100_000)
	private String response;

	@Column(name = "fallback_agent_id", length = 100)
	private String fallbackAgentId;

	@Column(name = "error_message", length = 2000)
	private String errorMessage;

	@Column(length = 10)
	private String feedback;

	/** The output variables as JSON (null for a call without outputs or a report that gave none). */
	@Column(length = 100_000)
	private String outputs;

	/** A shadow run: its outputs reached no process variable; it is evidence only. */
	@Column(nullable = false)
	private boolean shadow;

	@Enumerated(EnumType.STRING)
	@Column(length = 10)
	private Validity validity;

	@Enumerated(EnumType.STRING)
	@Column(name = "ground_truth", length = 10)
	private Truth groundTruth;

	@Column(name = "cached_tokens", nullable = false)
	private long cachedTokens;

	/** How an LLM call asked for structured output: {@code native} (the provider's response format) or {@code prompt}. */
	@Column(name = "structured_output", length = 10)
	private String structuredOutput;

	/** Pieces of personal data redacted from the prompt before it left. */
	@Column(nullable = false)
	private int redactions;

	/** The guardrail that fired on this call (an injection in its inputs, a screened output), if any. */
	@Column(length = 500)
	private String guardrail;

	/** An evaluator's score (0..1) of this call's output, and which evaluator gave it. */
	@Column(name = "judge_score")
	private Double judgeScore;

	@Column(name = "judge_agent_id", length = 100)
	private String judgeAgentId;

	/** For an evaluator's own call: the call it judged. */
	@Column(name = "judged_call_id")
	private Long judgedCallId;

	protected AgentCall() {
	}

	AgentCall(Agent agent, AgentCallReport r, double cost, String prompt, String response) {
		this.agentId = agent.getId();
		this.agentVersion = agent.getVersion();
		this.externalTaskId = r.externalTaskId();
		this.processInstanceId = r.processInstanceId();
		this.activityId = r.activityId();
		this.workerId = r.workerId();
		this.startedAt = r.startedAt();
		this.latencyMillis = r.latencyMillis();
		this.cost = cost;
		this.outcome = r.outcome().name();
		this.confidence = r.confidence();
		this.model = r.model();
		this.modelCalls = r.modelCalls();
		this.promptTokens = r.promptTokens();
		this.completionTokens = r.completionTokens();
		this.prompt = prompt;
		this.response = response;
		this.fallbackAgentId = r.fallbackAgentId();
		this.errorMessage = r.errorMessage() == null ? null
				: r.errorMessage().substring(0, Math.min(2000, r.errorMessage().length()));
		this.cachedTokens = r.cachedTokens();
		this.structuredOutput = r.structuredOutput();
		this.redactions = r.redactions();
		this.guardrail = r.guardrail();
	}

	public long getCachedTokens() {
		return cachedTokens;
	}

	public String getStructuredOutput() {
		return structuredOutput;
	}

	public int getRedactions() {
		return redactions;
	}

	public String getGuardrail() {
		return guardrail;
	}

	/** The guardrail's kind ({@code INJECTION}, {@code OUTPUT_DENIED}, ...), or null. */
	public String guardrailKind() {
		return guardrail == null ? null : guardrail.split(" ", 2)[0];
	}

	public Double getJudgeScore() {
		return judgeScore;
	}

	public String getJudgeAgentId() {
		return judgeAgentId;
	}

	public Long getJudgedCallId() {
		return judgedCallId;
	}

	void judged(String judgeAgent, double score) {
		this.judgeAgentId = judgeAgent;
		this.judgeScore = score;
	}

	void judging(long callId) {
		this.judgedCallId = callId;
	}

	public Long getId() {
		return id;
	}

	public String getAgentId() {
		return agentId;
	}

	public String getAgentVersion() {
		return agentVersion;
	}

	public String getExternalTaskId() {
		return externalTaskId;
	}

	public String getProcessInstanceId() {
		return processInstanceId;
	}

	public String getActivityId() {
		return activityId;
	}

	public String getWorkerId() {
		return workerId;
	}

	public Instant getStartedAt() {
		return startedAt;
	}

	public long getLatencyMillis() {
		return latencyMillis;
	}

	public double getCost() {
		return cost;
	}

	public Outcome getOutcome() {
		return Outcome.valueOf(outcome);
	}

	public Double getConfidence() {
		return confidence;
	}

	public String getModel() {
		return model;
	}

	public int getModelCalls() {
		return modelCalls;
	}

	public long getPromptTokens() {
		return promptTokens;
	}

	public long getCompletionTokens() {
		return completionTokens;
	}

	public String getPrompt() {
		return prompt;
	}

	public String getResponse() {
		return response;
	}

	public String getFallbackAgentId() {
		return fallbackAgentId;
	}

	public String getErrorMessage() {
		return errorMessage;
	}

	public Feedback getFeedback() {
		return feedback == null ? null : Feedback.valueOf(feedback);
	}

	void setFeedback(Feedback feedback) {
		this.feedback = feedback.name();
	}

	public String getOutputs() {
		return outputs;
	}

	public boolean isShadow() {
		return shadow;
	}

	public Validity getValidity() {
		return validity;
	}

	public Truth getGroundTruth() {
		return groundTruth;
	}

	void evaluated(String outputs, Validity validity) {
		this.outputs = outputs;
		this.validity = validity;
	}

	void setShadow(boolean shadow) {
		this.shadow = shadow;
	}

	void setGroundTruth(Truth truth) {
		this.groundTruth = truth;
	}

	/**
	 * What this call says of its agent's quality, the strongest evidence first: the ground truth
	 * (1 or 0), else the person's verdict (accepted 1, edited ½, rejected 0), else an output that
	 * failed its checks (0). A valid output with nothing else known is no evidence of being right:
	 * null. (A trusted evaluator's score is evidence too, of a weight of its own: {@link AgentQuality}.)
	 */
	public Double qualityScore() {
		if (groundTruth != null) {
			return groundTruth == Truth.CORRECT ? 1.0 : 0.0;
		}
		Feedback verdict = getFeedback();
		if (verdict != null) {
			return verdict.score();
		}
		return validity == Validity.INVALID ? 0.0 : null;
	}
}
