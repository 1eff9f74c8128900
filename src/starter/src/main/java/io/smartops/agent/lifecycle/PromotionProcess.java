package io.smartops.agent.lifecycle;

/** Everything that names a part of {@code processes/agent-promotion.bpmn}, in one place. */
public final class PromotionProcess {

	public static final String KEY = "agent-promotion";
	public static final String FORM = "approve-agent-promotion";

	public static final String TASK_GATHER_EVIDENCE = "Task_GatherEvidence";
	public static final String TASK_APPROVE_PROMOTION = "Task_ApprovePromotion";
	public static final String TASK_CHANGE_STAGE = "Task_ChangeStage";
	public static final String TIMER_WAIT_FOR_DRAIN = "Timer_WaitForDrain";
	public static final String END_REFUSED_BY_GATE = "End_RefusedByGate";
	public static final String END_REJECTED_BY_OWNER = "End_RejectedByOwner";
	public static final String END_CANARY_STARTED = "End_CanaryStarted";
	public static final String END_AGENT_PROMOTED = "End_AgentPromoted";

	/** Given at start. */
	public static final String VAR_AGENT_ID = "agentId";
	public static final String VAR_FROM_STAGE = "fromStage";
	public static final String VAR_TARGET_STAGE = "targetStage";
	public static final String VAR_CANARY_SHARE = "canaryShare";
	public static final String VAR_REQUESTED_BY = "requestedBy";
	public static final String VAR_DRAIN_CHECK = "drainCheck";
	/** Set by gathering the evidence (the form shows them). */
	public static final String VAR_AGENT_NAME = "agentName";
	public static final String VAR_PROMOTION = "promotion";
	public static final String VAR_GATE_PASSED = "gatePassed";
	public static final String VAR_GATE_DECISION = "gateDecision";
	public static final String VAR_GATE_REASONS = "gateReasons";
	public static final String VAR_GATE_TESTS = "gateTests";
	public static final String VAR_CANDIDATE_FIGURES = "candidateFigures";
	public static final String VAR_INCUMBENT_FIGURES = "incumbentFigures";
	public static final String VAR_APPROVERS = "promotionApprovers";
	/** Set by the owner in Tasklist. */
	public static final String VAR_APPROVED = "promotionApproved";
	public static final String VAR_APPROVAL_COMMENT = "approvalComment";
	public static final String VAR_APPROVED_BY = "approvedBy";
	/** Set while the incumbent is retired. */
	public static final String VAR_PROMOTED_TO_ACTIVE = "promotedToActive";
	public static final String VAR_INCUMBENTS = "incumbents";
	public static final String VAR_INCUMBENTS_DRAINED = "incumbentsDrained";

	private PromotionProcess() {
	}
}
