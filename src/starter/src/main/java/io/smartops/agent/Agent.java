package io.smartops.agent;

import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.impl.util.ClockUtil;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * An agent descriptor in the library: what capability it serves, its contract, what a call costs
 * and takes, how good it is, and the external-task topic its worker serves.
 */
@Entity
@Table(name = "smartops_agent", indexes = @Index(name = "idx_agent_capability", columnList = "capability"))
public class Agent {

	@Id
	@Column(length = 100)
	private String id;

	@Column(nullable = false, length = 100)
	private String capability;

	@Column(nullable = false)
	private String name;

	@Column(nullable = false, length = 40)
	private String version;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 20)
	private AgentKind kind;

	/** Comma-separated input variable names: only these reach the agent. */
	@Column(name = "input_variables", length = 1000)
	private String inputVariables;

	/** Comma-separated output variable names. */
	@Column(name = "output_variables", length = 1000)
	private String outputVariables;

	/** JSON schema of the outputs. */
	@Column(name = "output_schema", length = 4000)
	private String outputSchema;

	@Column(name = "cost_per_call", nullable = false)
	private double costPerCall;

	/** For LLM agents: cost per 1,000 tokens (0 otherwise). */
	@Column(name = "cost_per_1k_tokens", nullable = false)
	private double costPerThousandTokens;

	@Column(name = "expected_latency_millis", nullable = false)
	private long expectedLatencyMillis;

	@Column(nullable = false)
	private double quality;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 20)
	private AgentStatus status;

	/** Calls allowed per day (null: unlimited). */
	@Column(name = "daily_call_budget")
	private Long dailyCallBudget;

	/** Cost allowed per day (null: unlimited). */
	@Column(name = "daily_cost_budget")
	private Double dailyCostBudget;

	@Column(nullable = false, length = 200)
	private String topic;

	/** For wrapped automations: the task it executes, "processKey/activityId" (its measured runs). */
	@Column(name = "activity_ref", length = 300)
	private String activityRef;

	/** False while the agent cannot serve (an LLM agent with no model configured): never selected. */
	@Column(nullable = false)
	private boolean available = true;

	/** The agent's own measured evaluation as JSON (held-out AUC, backtest MAPE), for the scorecard. */
	@Column(length = 2000)
	private String evaluation;

	@Column(name = "registered_at", nullable = false)
	private Instant registeredAt;

	/** For foreign agents: the account their worker logs in as, the only one that may report their calls. */
	@Column(name = "service_user", length = 64)
	private String serviceUser;

	/** For MCP-tool agents: the server, tool and mappings their calls use. */
	@Column(name = "mcp_tool", length = 4000)
	@Convert(converter = McpToolBindingColumn.class)
	private McpToolBinding mcpTool;

	/** For declared LLM agents: the declaration (connection, model, prompt, schema, prices, fallback). */
	@Column(name = "llm", length = 100_000)
	@Convert(converter = LlmDeclarationColumn.class)
	private LlmDeclaration llm;

	/** The share (0..1) of process instances a CANARY serves, sticky per instance. */
	@Column(name = "canary_share")
	private Double canaryShare;

	/** When the agent entered its current stage (the start of its shadow or canary evidence). */
	@Column(name = "stage_since")
	private Instant stageSince;

	/** Quality measured from evaluated calls (the registered quality is its prior); null before any evidence. */
	@Column(name = "measured_quality")
	private Double measuredQuality;

	/** How much evidence the measured quality rests on (evaluated calls, a verdict or truth counting one each). */
	@Column(name = "quality_evidence", nullable = false)
	private double qualityEvidence;

	@Column(name = "quality_low")
	private Double qualityLow;

	@Column(name = "quality_high")
	private Double qualityHigh;

	protected Agent() {
	}

	public Agent(String id, String capability, String name, String version, AgentKind kind, double costPerCall,
			long expectedLatencyMillis, double quality) {
		this.id = id;
		this.capability = capability;
		this.name = name;
		this.version = version;
		this.kind = kind;
		this.costPerCall = costPerCall;
		this.expectedLatencyMillis = expectedLatencyMillis;
		this.quality = quality;
		this.status = AgentStatus.ACTIVE;
		this.topic = topicOf(capability, id);
		this.registeredAt = ClockUtil.now().toInstant();
		this.stageSince = registeredAt;
	}

	/** The external-task topic of one agent: only its worker receives the tasks routed to it. */
	public static String topicOf(String capability, String agentId) {
		return "agent." + capability + "." + agentId;
	}

	public String getId() {
		return id;
	}

	public String getServiceUser() {
		return serviceUser;
	}

	/** True when the account serves this agent: any worker a built-in one, only its service user a foreign one. */
	public boolean servedBy(String userId) {
		return kind != AgentKind.FOREIGN || (userId != null && userId.equals(serviceUser));
	}

	public McpToolBinding getMcpTool() {
		return mcpTool;
	}

	Agent mcpTool(McpToolBinding binding) {
		this.mcpTool = binding;
		return this;
	}

	public LlmDeclaration getLlm() {
		return llm;
	}

	Agent llm(LlmDeclaration declaration) {
		this.llm = declaration;
		return this;
	}

	Agent serviceUser(String user) {
		this.serviceUser = user;
		return this;
	}

	public String getCapability() {
		return capability;
	}

	public String getName() {
		return name;
	}

	public String getVersion() {
		return version;
	}

	public AgentKind getKind() {
		return kind;
	}

	public String getInputVariables() {
		return inputVariables;
	}

	public String getOutputVariables() {
		return outputVariables;
	}

	/** The declared input variables as a list (empty when none are declared, as for a foreign agent). */
	public List<String> inputs() {
		return split(inputVariables);
	}

	/** The declared output variables as a list. */
	public List<String> outputs() {
		return split(outputVariables);
	}

	private static List<String> split(String names) {
		return names == null || names.isBlank() ? List.of() : List.of(names.split(","));
	}

	public String getOutputSchema() {
		return outputSchema;
	}

	public double getCostPerCall() {
		return costPerCall;
	}

	/** Tokens an LLM call is expected to use until its scorecard knows better. */
	public static final int EXPECTED_TOKENS_PER_CALL = 1000;

	/**
	 * The cost the selector expects of one call: per call plus, for LLMs, the expected tokens (a
	 * declared agent's at its prices, three quarters input and one quarter output).
	 */
	public double expectedCost() {
		if (llm != null) {
			return costPerCall + llm.price(EXPECTED_TOKENS_PER_CALL * 3 / 4, EXPECTED_TOKENS_PER_CALL / 4, 0);
		}
		return costPerCall + costPerThousandTokens * EXPECTED_TOKENS_PER_CALL / 1000.0;
	}

	/** The price of one call with these tokens: a declared LLM agent's by type, else the flat price per 1,000. */
	public double price(long inputTokens, long outputTokens, long cachedTokens) {
		if (llm != null) {
			return costPerCall + llm.price(inputTokens, outputTokens, cachedTokens);
		}
		return costPerCall + (inputTokens + outputTokens + cachedTokens) / 1000.0 * costPerThousandTokens;
	}

	public double getCostPerThousandTokens() {
		return costPerThousandTokens;
	}

	public long getExpectedLatencyMillis() {
		return expectedLatencyMillis;
	}

	public double getQuality() {
		return quality;
	}

	public AgentStatus getStatus() {
		return status;
	}

	public Long getDailyCallBudget() {
		return dailyCallBudget;
	}

	public Double getDailyCostBudget() {
		return dailyCostBudget;
	}

	public String getTopic() {
		return topic;
	}

	public String getActivityRef() {
		return activityRef;
	}

	public boolean isAvailable() {
		return available;
	}

	public String getEvaluation() {
		return evaluation;
	}

	public Instant getRegisteredAt() {
		return registeredAt;
	}

	Agent contract(String inputs, String outputs, String schema) {
		this.inputVariables = inputs;
		this.outputVariables = outputs;
		this.outputSchema = schema;
		return this;
	}

	Agent activityRef(String ref) {
		this.activityRef = ref;
		return this;
	}

	Agent budget(Long calls, Double cost) {
		this.dailyCallBudget = calls;
		this.dailyCostBudget = cost;
		return this;
	}

	Agent tokenPrice(double perThousand) {
		this.costPerThousandTokens = perThousand;
		return this;
	}

	void setAvailable(boolean available) {
		this.available = available;
	}

	void setEvaluation(String evaluation) {
		this.evaluation = evaluation;
	}

	void setQuality(double quality) {
		this.quality = quality;
	}

	void setStatus(AgentStatus status) {
		if (status != this.status) {
			// the engine's clock: the real time, or the demo history's while it is seeded
			this.stageSince = ClockUtil.now().toInstant();
		}
		this.status = status;
		if (status != AgentStatus.CANARY) {
			this.canaryShare = null;
		}
	}

	void setCanaryShare(Double share) {
		this.canaryShare = share;
	}

	public Double getCanaryShare() {
		return canaryShare;
	}

	public Instant getStageSince() {
		return stageSince == null ? registeredAt : stageSince;
	}

	/**
	 * The quality selection uses: the measured one once there is evidence (it starts from the
	 * registered quality as its prior, so it moves away from it as evidence grows), else the
	 * registered one.
	 */
	public double effectiveQuality() {
		return measuredQuality == null ? quality : measuredQuality;
	}

	public Double getMeasuredQuality() {
		return measuredQuality;
	}

	public double getQualityEvidence() {
		return qualityEvidence;
	}

	public Double getQualityLow() {
		return qualityLow;
	}

	public Double getQualityHigh() {
		return qualityHigh;
	}

	void measured(QualityEstimate estimate) {
		this.measuredQuality = estimate.evidence() == 0 ? null : estimate.mean();
		this.qualityEvidence = estimate.evidence();
		this.qualityLow = estimate.evidence() == 0 ? null : estimate.low();
		this.qualityHigh = estimate.evidence() == 0 ? null : estimate.high();
	}
}
