package io.smartops.insight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.smartops.insight.ProcessHistory.AgentCallRecord;
import io.smartops.insight.ProcessHistory.Execution;
import io.smartops.insight.ProcessHistory.Instance;
import io.smartops.core.execution.TaskExecution.ExecutorKind;
import io.smartops.core.execution.TaskExecution.Outcome;

/**
 * A process's history reduced to what the insights compute from: per instance its times, path,
 * first pass and the parts of its cost; per task execution its figures and which run of its task
 * in the instance it was. {@link #of} reduces raw history; the {@link HistoryDigester} keeps the
 * digests of ended instances by day so that a request reads them instead of every raw row.
 */
public record HistoryDigest(List<InstanceDigest> instances, List<ExecutionDigest> executions,
		List<AgentCallRecord> calls) {

	/**
	 * One instance. Its cost is kept in parts, so that it follows the configured rates:
	 * {@code agentCost} what its agents' calls cost, {@code automationExecutions} how many automated
	 * steps ran, {@code humanWorkingMillis} how long people of each candidate group (null: none)
	 * worked on it. {@code path} is its tasks in the order they started.
	 */
	public record InstanceDigest(long startMillis, Long endMillis, boolean completed, boolean firstPass,
			List<String> path, double agentCost, int automationExecutions, Map<String, Long> humanWorkingMillis) {
	}

	/**
	 * One execution of a task; {@code run} counts the executions of the same task in its instance
	 * (1 the first) and {@code repeated} says whether the instance ran the task again after this one.
	 * A duration or working time not known is {@link #NONE}, a cost not known NaN (primitives: a
	 * request reads a million of these).
	 */
	public record ExecutionDigest(String activityId, String activityName, ExecutorKind kind, long startMillis,
			long durationMillis, long workingMillis, double cost, Outcome outcome, int failures, int escalations,
			String group, String executorId, int run, boolean repeated) {

		public static final long NONE = Long.MIN_VALUE;

		public boolean ended() {
			return durationMillis != NONE;
		}

		public boolean worked() {
			return workingMillis != NONE;
		}

		public boolean costed() {
			return !Double.isNaN(cost);
		}
	}

	/** Digests raw history: each instance's executions in the order they started, numbered per task. */
	public static HistoryDigest of(ProcessHistory history) {
		Map<String, List<Execution>> byInstance = new HashMap<>();
		for (Execution e : history.executions()) {
			byInstance.computeIfAbsent(e.instanceId(), k -> new ArrayList<>()).add(e);
		}
		List<InstanceDigest> instances = new ArrayList<>(history.instances().size());
		List<ExecutionDigest> executions = new ArrayList<>(history.executions().size());
		for (Instance i : history.instances()) {
			List<Execution> ordered = byInstance.getOrDefault(i.id(), new ArrayList<>());
			ordered.sort(Comparator.comparingLong(Execution::startMillis).thenComparingLong(Execution::sequence));
			Map<String, Integer> runs = new HashMap<>();
			for (Execution e : ordered) {
				runs.merge(e.activityId(), 1, Integer::sum);
			}
			Map<String, Integer> seen = new HashMap<>();
			List<String> path = new ArrayList<>(ordered.size());
			boolean firstPass = true;
			double agentCost = 0;
			int automation = 0;
			Map<String, Long> human = new HashMap<>();
			for (Execution e : ordered) {
				int run = seen.merge(e.activityId(), 1, Integer::sum);
				firstPass &= run == 1 && !e.failed();
				path.add(e.activityId());
				switch (e.kind()) {
					case AGENT -> agentCost += e.cost() == null ? 0 : e.cost();
					case AUTOMATION -> automation++;
					case HUMAN -> {
						if (e.workingMillis() != null) {
							human.merge(e.group(), e.workingMillis(), Long::sum);
						}
					}
				}
				executions.add(new ExecutionDigest(e.activityId(), e.activityName(), e.kind(), e.startMillis(),
						e.ended() ? e.durationMillis() : ExecutionDigest.NONE,
						e.workingMillis() == null ? ExecutionDigest.NONE : e.workingMillis(),
						e.cost() == null ? Double.NaN : e.cost(), e.outcome(), e.failures(), e.escalations(), e.group(),
						e.executorId(), run, run < runs.get(e.activityId())));
			}
			instances.add(new InstanceDigest(i.startMillis(), i.endMillis(), i.completed(), firstPass, List.copyOf(path),
					agentCost, automation, human));
		}
		return new HistoryDigest(instances, executions, history.calls());
	}
}
