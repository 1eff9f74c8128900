package io.smartops.demo.sales;

import java.util.Objects;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import io.smartops.agent.AgentCall;
import io.smartops.agent.AgentTelemetry;

/**
 * Quality feedback for the proposal-drafting agent from the person who reviews its draft: when the
 * review starts the draft is kept on the task; when it completes, an unchanged proposal counts as
 * ACCEPTED and a changed one as EDITED on the agent call that drafted it (its scorecard's
 * acceptance rate).
 */
@Component("proposalFeedback")
public class ProposalFeedback {

	static final String VAR_DRAFT = "proposalAsDrafted";

	private final AgentTelemetry telemetry;

	ProposalFeedback(AgentTelemetry telemetry) {
		this.telemetry = telemetry;
	}

	public void record(DelegateTask task) {
		if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
			task.setVariableLocal(VAR_DRAFT, task.getVariable(SalesProcess.VAR_PROPOSAL));
		}
		else if (TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName())) {
			boolean unchanged = Objects.equals(normalize(task.getVariableLocal(VAR_DRAFT)),
					normalize(task.getVariable(SalesProcess.VAR_PROPOSAL)));
			telemetry.feedback(task.getProcessInstanceId(), SalesProcess.TASK_DRAFT_PROPOSAL,
					unchanged ? AgentCall.Feedback.ACCEPTED : AgentCall.Feedback.EDITED);
		}
	}

	private static String normalize(Object text) {
		return text == null ? null : text.toString().strip().replace("\r\n", "\n");
	}
}
