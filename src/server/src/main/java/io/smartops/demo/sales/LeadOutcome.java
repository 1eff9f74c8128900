package io.smartops.demo.sales;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import io.smartops.agent.AgentQuality;

/**
 * The lead scorers' ground truth: when a lead's proposal is sent (won) or rejected (lost), every
 * scoring call of that lead — the incumbent's and its shadows' — is judged by it: a score of ½ or
 * more should have been a win. A disqualified lead has no outcome (its score decided its path).
 */
@Component("leadOutcome")
public class LeadOutcome {

	private final AgentQuality quality;

	LeadOutcome(AgentQuality quality) {
		this.quality = quality;
	}

	public void record(DelegateExecution execution) {
		boolean won = SalesProcess.END_PROPOSAL_ACCEPTED.equals(execution.getCurrentActivityId());
		quality.groundTruthOfTask(execution.getProcessInstanceId(), SalesProcess.TASK_SCORE_LEAD, won);
	}
}
