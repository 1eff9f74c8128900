package io.smartops.demo.sales;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import io.smartops.agent.AgentCall;
import io.smartops.agent.AgentTelemetry;

/**
 * The person's verdict on an unsure lead score: when the check starts the score is kept on the
 * task (with how sure the agent was, in words, for the form); when it completes, a score left as it was counts as ACCEPTED, one changed but on the same
 * side of the qualifying score as EDITED, and one moved across it (the person overturned the
 * scorer's decision) as REJECTED, on the scoring call.
 */
@Component("leadScoreCheckFeedback")
public class LeadScoreCheckFeedback {

	static final String VAR_SCORED = "leadScoreAsScored";

	private final AgentTelemetry telemetry;

	LeadScoreCheckFeedback(AgentTelemetry telemetry) {
		this.telemetry = telemetry;
	}

	public void record(DelegateTask task) {
		if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
			task.setVariableLocal(VAR_SCORED, task.getVariable(SalesProcess.VAR_LEAD_SCORE));
			Object confidence = task.getVariable("agentConfidence");
			task.setVariableLocal("agentConfidenceText", confidence instanceof Number n
					? String.format(java.util.Locale.ROOT, "%.0f%% sure (the agent asks a person below its confidence floor)",
							n.doubleValue() * 100)
					: "not said");
		}
		else if (TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName())
				&& task.getVariableLocal(VAR_SCORED) instanceof Number scored
				&& task.getVariable(SalesProcess.VAR_LEAD_SCORE) instanceof Number checked) {
			telemetry.feedback(task.getProcessInstanceId(), SalesProcess.TASK_SCORE_LEAD,
					verdict(scored.doubleValue(), checked.doubleValue()));
		}
	}

	static AgentCall.Feedback verdict(double scored, double checked) {
		if (Math.abs(scored - checked) < 0.005) {
			return AgentCall.Feedback.ACCEPTED;
		}
		boolean before = scored >= SalesProcess.QUALIFYING_SCORE;
		boolean after = checked >= SalesProcess.QUALIFYING_SCORE;
		return before == after ? AgentCall.Feedback.EDITED : AgentCall.Feedback.REJECTED;
	}
}
