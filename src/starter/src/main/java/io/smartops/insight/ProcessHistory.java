package io.smartops.insight;

import java.util.List;

import io.smartops.agent.AgentCall;
import io.smartops.core.execution.TaskExecution.ExecutorKind;
import io.smartops.core.execution.TaskExecution.Outcome;

/**
 * What the insights read of a process's history over a window: its instances, the executions of
 * their tasks and the calls of the agents that served them. Plain data; {@link HistoryReader}
 * loads it, {@link InsightCalculator} turns it into insights, and tests build it by hand.
 */
public record ProcessHistory(List<Instance> instances, List<Execution> executions, List<AgentCallRecord> calls) {

	/** Whether a task execution failed: it ended in a BPMN error or an incident, or failed at least once. */
	static boolean failed(Outcome outcome, int failures) {
		return outcome == Outcome.BPMN_ERROR || outcome == Outcome.INCIDENT || failures > 0;
	}

	/**
	 * One process instance: started and, unless running, ended ({@code completed} when it reached an
	 * end event, not when it was canceled).
	 */
	public record Instance(String id, long startMillis, Long endMillis, boolean completed) {
	}

	/**
	 * One execution of a task. {@code workingMillis} is how long it was worked on (the rest of its
	 * duration it waited); {@code cost} what its agent calls cost (null for people and automation,
	 * whose cost comes from rates); {@code group} a user task's candidate group; {@code sequence}
	 * orders the tasks of an instance that started in the same millisecond.
	 */
	public record Execution(String instanceId, String activityId, String activityName, ExecutorKind kind,
			long startMillis, long sequence, Long durationMillis, Long workingMillis, Double cost, Outcome outcome,
			int failures, int escalations, String group, String executorId) {

		public boolean ended() {
			return durationMillis != null;
		}

		public boolean failed() {
			return ProcessHistory.failed(outcome, failures);
		}
	}

	/** One agent call on a task: its outcome, the person's verdict on its output, its confidence, when it started. */
	public record AgentCallRecord(String activityId, String agentId, AgentCall.Outcome outcome,
			AgentCall.Feedback feedback, Double confidence, long startMillis) {
	}
}
