package io.smartops.agent.lifecycle;

import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import io.smartops.agent.AgentStatus;

/**
 * The steps of {@code agent-promotion.bpmn}: thin methods over {@link AgentPromotions}, named by the
 * BPMN's expressions ({@code ${agentPromotion.gatherEvidence(execution)}}).
 */
@Component("agentPromotion")
public class PromotionDelegates {

	private final AgentPromotions promotions;

	PromotionDelegates(AgentPromotions promotions) {
		this.promotions = promotions;
	}

	public void gatherEvidence(DelegateExecution execution) {
		execution.setVariables(promotions.evidenceForForm(agentId(execution)));
	}

	public void recordGateRefusal(DelegateExecution execution) {
		promotions.recordRefusal(agentId(execution),
				"promotion to " + execution.getVariable(PromotionProcess.VAR_TARGET_STAGE) + " refused by the gate ("
						+ execution.getVariable(PromotionProcess.VAR_GATE_DECISION) + "): "
						+ execution.getVariable(PromotionProcess.VAR_GATE_REASONS));
	}

	/** On completing the approval: who completed it (its assignee, else the person logged in). */
	public void recordApprover(DelegateTask task) {
		Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		String by = task.getAssignee() != null ? task.getAssignee() : current == null ? null : current.getUserId();
		task.setVariable(PromotionProcess.VAR_APPROVED_BY, by == null ? "unknown" : by);
		if (task.getVariable(PromotionProcess.VAR_APPROVED) == null) {
			task.setVariable(PromotionProcess.VAR_APPROVED, false);
		}
	}

	public void recordOwnerRejection(DelegateExecution execution) {
		promotions.recordRefusal(agentId(execution),
				"promotion to " + execution.getVariable(PromotionProcess.VAR_TARGET_STAGE) + " rejected by "
						+ execution.getVariable(PromotionProcess.VAR_APPROVED_BY)
						+ comment(execution.getVariable(PromotionProcess.VAR_APPROVAL_COMMENT)));
	}

	public void changeStage(DelegateExecution execution) {
		AgentStatus to = AgentStatus.valueOf((String) execution.getVariable(PromotionProcess.VAR_TARGET_STAGE));
		Object share = execution.getVariable(PromotionProcess.VAR_CANARY_SHARE);
		Object comment = execution.getVariable(PromotionProcess.VAR_APPROVAL_COMMENT);
		promotions.changeStage(agentId(execution), to, ((Number) share).doubleValue(),
				(String) execution.getVariable(PromotionProcess.VAR_GATE_DECISION),
				(String) execution.getVariable(PromotionProcess.VAR_GATE_REASONS),
				(String) execution.getVariable(PromotionProcess.VAR_APPROVED_BY), comment == null ? null : comment.toString());
		execution.setVariable(PromotionProcess.VAR_PROMOTED_TO_ACTIVE, to == AgentStatus.ACTIVE);
	}

	public void deprecateIncumbents(DelegateExecution execution) {
		execution.setVariable(PromotionProcess.VAR_INCUMBENTS,
				String.join(",", promotions.deprecateIncumbents(agentId(execution))));
	}

	public void checkIncumbentsDrained(DelegateExecution execution) {
		execution.setVariable(PromotionProcess.VAR_INCUMBENTS_DRAINED,
				promotions.drained(ids(execution.getVariable(PromotionProcess.VAR_INCUMBENTS))));
	}

	public void retireIncumbents(DelegateExecution execution) {
		promotions.retire(ids(execution.getVariable(PromotionProcess.VAR_INCUMBENTS)));
	}

	private static String agentId(DelegateExecution execution) {
		return (String) execution.getVariable(PromotionProcess.VAR_AGENT_ID);
	}

	private static List<String> ids(Object csv) {
		return csv == null || csv.toString().isBlank() ? List.of() : Arrays.asList(csv.toString().split(","));
	}

	private static String comment(Object comment) {
		return comment == null || comment.toString().isBlank() ? "" : ": " + comment;
	}
}
