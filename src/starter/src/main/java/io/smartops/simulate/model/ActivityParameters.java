package io.smartops.simulate.model;

import io.smartops.core.execution.TaskExecution.ExecutorKind;

/**
 * How one task behaves in a simulation.
 *
 * @param kind who executes it: people (a person of {@code group} works it after {@code delay}),
 * an agent or automation (no queue: it works at once)
 * @param working how long it is worked on
 * @param delay for people: how long the task waits before anyone can take it, apart from waiting for
 * a free person (a person's other commitments, Chapela-Campa et al.'s extraneous delay); null for none
 * @param group the people who work it; null to take the task's candidate group at run time
 * @param errorProbability the share of executions that end in the BPMN error of its boundary event
 * @param costPerExecution what an execution costs, for agents and automation (people cost their
 * working time at their group's hourly rate)
 * @param quality for agents, the share of right outputs (the rest counts as wrong outputs); null otherwise
 * @param agentId the agent that serves it, when one does
 * @param check a person's check of a share of its outputs before the process goes on; null for none
 */
public record ActivityParameters(ExecutorKind kind, Distribution working, Distribution delay, String group,
		double errorProbability, double costPerExecution, Double quality, String agentId, Check check) {

	/**
	 * A person of {@code group} checks {@code share} of the outputs, for {@code working}; a checked
	 * output is right (its error is caught).
	 */
	public record Check(double share, String group, Distribution working) {
	}

	public ActivityParameters withKind(ExecutorKind k, Distribution w, double cost, Double q, String agent) {
		return new ActivityParameters(k, w, k == ExecutorKind.HUMAN ? delay : null, group, errorProbability, cost, q,
				agent, check);
	}

	public ActivityParameters withCheck(Check c) {
		return new ActivityParameters(kind, working, delay, group, errorProbability, costPerExecution, quality, agentId, c);
	}

	public ActivityParameters withoutErrors() {
		return new ActivityParameters(kind, working, delay, group, 0, costPerExecution, quality, agentId, check);
	}
}
