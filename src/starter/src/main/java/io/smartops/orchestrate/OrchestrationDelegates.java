package io.smartops.orchestrate;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The delegates of {@code orchestrate-action.bpmn}, called by expression
 * ({@code ${orchestration.dispatch(execution)}}): thin, over the ledger and the dispatcher.
 */
@Component("orchestration")
public class OrchestrationDelegates {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final ActionLedger ledger;
	private final ActionDispatcher dispatcher;
	private final OrchestrateProperties properties;

	OrchestrationDelegates(ActionLedger ledger, ActionDispatcher dispatcher, OrchestrateProperties properties) {
		this.ledger = ledger;
		this.dispatcher = dispatcher;
		this.properties = properties;
	}

	/** "Load action": the channel and candidate group the process routes on, and a summary for forms. */
	public void load(DelegateExecution execution) {
		ActionItem action = ledger.get(actionId(execution));
		ledger.started(action.getId(), execution.getProcessInstanceId());
		execution.setVariable(OrchestrateActionProcess.VAR_CHANNEL, action.getChannel().name());
		execution.setVariable(OrchestrateActionProcess.VAR_CANDIDATE_GROUP,
				action.getCandidateGroup() == null ? "smartops-operators" : action.getCandidateGroup());
		execution.setVariable(OrchestrateActionProcess.VAR_ACTION_SUMMARY, ActionSummary.of(action));
		execution.setVariable("idempotencyKey", action.getIdempotencyKey());
		execution.setVariable("ackTimeout", properties.acknowledgementTimeout().toString());
	}

	/** "Dispatch action": a refusal by the channel is the BPMN error {@code ACTION_REJECTED}. */
	public void dispatch(DelegateExecution execution) {
		ActionItem action = ledger.get(actionId(execution));
		try {
			ActionDispatcher.Outcome outcome = dispatcher.dispatch(action);
			if (outcome.acknowledged()) {
				ledger.acknowledged(action.getId(), outcome.reference());
			}
		}
		catch (ActionRejectedException e) {
			execution.setVariable(OrchestrateActionProcess.VAR_ESCALATION_REASON, cap(e.getMessage()));
			throw new BpmnError(OrchestrateActionProcess.ERROR_REJECTED, e.getMessage());
		}
	}

	/** Whether the action's acknowledgement is recorded already (the gateway before the wait). */
	public boolean acknowledged(String actionId) {
		return ledger.get(actionId).getStatus() == ActionItem.Status.ACKNOWLEDGED;
	}

	/** "Record acknowledgement": a person's work order counts as acknowledged by its completion. */
	public void recordAcknowledgement(DelegateExecution execution) {
		String by = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication() == null ? null
				: execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication().getUserId();
		ActionItem action = ledger.get(actionId(execution));
		if (action.getStatus() != ActionItem.Status.ACKNOWLEDGED) {
			ledger.acknowledged(action.getId(), by == null ? action.getReference() : "tasklist:" + by);
		}
	}

	/** "Record why it cannot be done": the action-taker's reason goes with the escalation to the owner. */
	public void refuseWorkOrder(DelegateExecution execution) {
		Object why = execution.getVariable("workOrderProblem");
		String by = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication() == null ? "the team"
				: execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication().getUserId();
		String reason = by + " could not carry it out: " + (why == null || why.toString().isBlank() ? "no reason given" : why);
		execution.setVariable(OrchestrateActionProcess.VAR_ESCALATION_REASON, cap(reason));
		ledger.end(actionId(execution), ActionItem.Status.REJECTED, cap(reason));
	}

	/** "Escalate": the action waits for a person; the reason is on the task. */
	public void escalate(DelegateExecution execution) {
		Object reason = execution.getVariable(OrchestrateActionProcess.VAR_ESCALATION_REASON);
		String text = reason == null ? "no acknowledgement within " + properties.acknowledgementTimeout() : reason.toString();
		execution.setVariable(OrchestrateActionProcess.VAR_ESCALATION_REASON, cap(text));
		ledger.end(actionId(execution), ActionItem.Status.ESCALATED, cap(text));
	}

	/** After "Resolve escalated action": done by hand counts as acknowledged; cancel cancels. */
	public void resolve(DelegateExecution execution) {
		String resolution = String.valueOf(execution.getVariable(OrchestrateActionProcess.VAR_RESOLUTION));
		String id = actionId(execution);
		switch (resolution.toLowerCase(Locale.ROOT)) {
			case "retry" -> ledger.retry(id);
			case "done" -> ledger.acknowledged(id, "resolved by hand");
			case "cancel" -> ledger.end(id, ActionItem.Status.CANCELLED, "cancelled after escalation");
			default -> throw new IllegalArgumentException("resolution '" + resolution + "' is not retry, done or cancel");
		}
	}

	/** "Confirm cancellation with channel": the action was cancelled or superseded by a re-plan. */
	public void cancel(DelegateExecution execution) {
		ActionItem action = ledger.get(actionId(execution));
		Object reason = execution.getVariable("cancelReason");
		String confirmation = dispatcher.cancel(action, reason == null ? "cancelled" : reason.toString());
		execution.setVariable("cancellation", confirmation);
	}

	/** The action items of a run, for the coordinator's multi-instance fan-out. */
	public List<String> actionIds(String runId) {
		return ledger.ofRun(runId).stream().filter(a -> a.getStatus() == ActionItem.Status.PLANNED).map(ActionItem::getId)
			.toList();
	}

	/** Fits a text into a string variable and the ledger's reason column. */
	static String cap(String text) {
		return text == null || text.length() <= 1900 ? text : text.substring(0, 1900) + "…";
	}

	private static String actionId(DelegateExecution execution) {
		Object id = execution.getVariable(OrchestrateActionProcess.VAR_ACTION_ID);
		if (id == null) {
			throw new IllegalStateException("variable actionId is missing");
		}
		return id.toString();
	}
}
