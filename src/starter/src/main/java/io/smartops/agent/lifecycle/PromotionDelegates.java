package io.smartops.agent.lifecycle;

import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.smartops.agent.AgentStatus;

/**
 * The steps of {@code agent-promotion.bpmn}: thin delegates over {@link AgentPromotions}. Bean
 * names are the BPMN's delegate expressions.
 */
@Configuration(proxyBeanMethods = false)
class PromotionDelegates {

	@Bean
	JavaDelegate gatherAgentEvidenceDelegate(AgentPromotions promotions) {
		return execution -> execution.setVariables(
				promotions.evidenceForForm((String) execution.getVariable(PromotionProcess.VAR_AGENT_ID)));
	}

	@Bean
	JavaDelegate recordGateRefusalDelegate(AgentPromotions promotions) {
		return execution -> promotions.recordRefusal((String) execution.getVariable(PromotionProcess.VAR_AGENT_ID),
				"promotion to " + execution.getVariable(PromotionProcess.VAR_TARGET_STAGE) + " refused by the gate ("
						+ execution.getVariable(PromotionProcess.VAR_GATE_DECISION) + "): "
						+ execution.getVariable(PromotionProcess.VAR_GATE_REASONS));
	}

	/** Who completed the approval: its assignee, else the person logged in. */
	@Bean
	TaskListener promotionApprovalListener() {
		return task -> {
			Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
			String by = task.getAssignee() != null ? task.getAssignee() : current == null ? null : current.getUserId();
			task.setVariable(PromotionProcess.VAR_APPROVED_BY, by == null ? "unknown" : by);
			if (task.getVariable(PromotionProcess.VAR_APPROVED) == null) {
				task.setVariable(PromotionProcess.VAR_APPROVED, false);
			}
		};
	}

	@Bean
	JavaDelegate recordOwnerRejectionDelegate(AgentPromotions promotions) {
		return execution -> promotions.recordRefusal((String) execution.getVariable(PromotionProcess.VAR_AGENT_ID),
				"promotion to " + execution.getVariable(PromotionProcess.VAR_TARGET_STAGE) + " rejected by "
						+ execution.getVariable(PromotionProcess.VAR_APPROVED_BY)
						+ comment(execution.getVariable(PromotionProcess.VAR_APPROVAL_COMMENT)));
	}

	@Bean
	JavaDelegate changeAgentStageDelegate(AgentPromotions promotions) {
		return execution -> {
			AgentStatus to = AgentStatus.valueOf((String) execution.getVariable(PromotionProcess.VAR_TARGET_STAGE));
			Object share = execution.getVariable(PromotionProcess.VAR_CANARY_SHARE);
			Object comment = execution.getVariable(PromotionProcess.VAR_APPROVAL_COMMENT);
			promotions.changeStage((String) execution.getVariable(PromotionProcess.VAR_AGENT_ID), to,
					((Number) share).doubleValue(), (String) execution.getVariable(PromotionProcess.VAR_GATE_DECISION),
					(String) execution.getVariable(PromotionProcess.VAR_GATE_REASONS),
					(String) execution.getVariable(PromotionProcess.VAR_APPROVED_BY), comment == null ? null : comment.toString());
			execution.setVariable(PromotionProcess.VAR_PROMOTED_TO_ACTIVE, to == AgentStatus.ACTIVE);
		};
	}

	@Bean
	JavaDelegate deprecateIncumbentsDelegate(AgentPromotions promotions) {
		return execution -> execution.setVariable(PromotionProcess.VAR_INCUMBENTS,
				String.join(",", promotions.deprecateIncumbents((String) execution.getVariable(PromotionProcess.VAR_AGENT_ID))));
	}

	@Bean
	JavaDelegate checkIncumbentsDrainedDelegate(AgentPromotions promotions) {
		return execution -> execution.setVariable(PromotionProcess.VAR_INCUMBENTS_DRAINED,
				promotions.drained(ids(execution.getVariable(PromotionProcess.VAR_INCUMBENTS))));
	}

	@Bean
	JavaDelegate retireIncumbentsDelegate(AgentPromotions promotions) {
		return execution -> promotions.retire(ids(execution.getVariable(PromotionProcess.VAR_INCUMBENTS)));
	}

	private static List<String> ids(Object csv) {
		return csv == null || csv.toString().isBlank() ? List.of() : Arrays.asList(csv.toString().split(","));
	}

	private static String comment(Object comment) {
		return comment == null || comment.toString().isBlank() ? "" : ": " + comment;
	}
}
