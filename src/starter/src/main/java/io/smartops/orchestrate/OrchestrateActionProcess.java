package io.smartops.orchestrate;

/** The names {@code processes/orchestrate-action.bpmn} uses. */
public final class OrchestrateActionProcess {

	public static final String KEY = "orchestrate-action";
	public static final String MESSAGE_ACKNOWLEDGED = "ActionAcknowledged";
	public static final String MESSAGE_REJECTED = "ActionRejected";
	public static final String MESSAGE_CANCEL = "ActionCancelRequested";
	public static final String ERROR_REJECTED = "ACTION_REJECTED";

	public static final String TASK_DISPATCH = "Task_DispatchAction";
	public static final String TASK_WORK_ORDER = "Task_CarryOutWorkOrder";
	public static final String TASK_RESOLVE = "Task_ResolveEscalation";
	public static final String EVENT_ACK = "Event_AcknowledgementReceived";

	public static final String VAR_ACTION_ID = "actionId";
	public static final String VAR_CHANNEL = "channel";
	public static final String VAR_CANDIDATE_GROUP = "candidateGroup";
	public static final String VAR_ACTION_SUMMARY = "actionSummary";
	public static final String VAR_ESCALATION_REASON = "escalationReason";
	public static final String VAR_RESOLUTION = "resolution";

	private OrchestrateActionProcess() {
	}
}
