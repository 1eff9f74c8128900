package io.smartops.insight;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.smartops.insight.HistoryDigest.ExecutionDigest;
import io.smartops.core.execution.TaskExecution.ExecutorKind;
import io.smartops.core.execution.TaskExecution.Outcome;

/**
 * One task's executions in a window, summed up as they are read: counts by executor kind, outcome
 * and run, the cost, each ended execution's duration split into waiting and working time (kept
 * whole for exact percentiles), and which candidate groups and people did the work.
 */
final class ActivityFigures {

	final String activityId;
	String name;
	private final long[] byKind = new long[ExecutorKind.values().length];
	long executions;
	/** Instances whose first run of the task is among these executions; {@code reworked} those that ran it again. */
	long instances;
	long reworked;
	long bpmnErrors;
	long incidents;
	long failures;
	long failed;
	long breaches;
	double totalCost;
	final Longs durations = new Longs();
	final Longs waiting = new Longs();
	final Longs working = new Longs();
	/** People's executions by candidate group, and who worked in each group. */
	final Map<String, Long> groups = new HashMap<>();
	final Map<String, Set<String>> members = new HashMap<>();

	ActivityFigures(String activityId) {
		this.activityId = activityId;
	}

	/** Adds one execution that cost {@code cost}. */
	void add(String activityName, ExecutorKind kind, long durationMillis, long workingMillis, Outcome outcome,
			int failures, int escalations, String group, String executorId, int run, boolean repeated, double cost) {
		name = name == null ? activityName : name;
		byKind[kind.ordinal()]++;
		executions++;
		if (run == 1) {
			instances++;
			reworked += repeated ? 1 : 0;
		}
		bpmnErrors += outcome == Outcome.BPMN_ERROR ? 1 : 0;
		incidents += outcome == Outcome.INCIDENT ? 1 : 0;
		this.failures += failures;
		failed += ProcessHistory.failed(outcome, failures) ? 1 : 0;
		breaches += escalations > 0 ? 1 : 0;
		totalCost += cost;
		if (durationMillis != ExecutionDigest.NONE) {
			// an execution with no record of work (an agent that reported no call) counts as worked throughout
			long worked = workingMillis != ExecutionDigest.NONE
					? Math.max(0, Math.min(workingMillis, durationMillis)) : durationMillis;
			durations.add(durationMillis);
			working.add(worked);
			waiting.add(durationMillis - worked);
		}
		if (kind == ExecutorKind.HUMAN && group != null) {
			groups.merge(group, 1L, Long::sum);
			if (executorId != null) {
				members.computeIfAbsent(group, g -> new HashSet<>()).add(executorId);
			}
		}
	}

	/** The executions by executor kind, the kinds that ran it. */
	Map<ExecutorKind, Long> kinds() {
		Map<ExecutorKind, Long> kinds = new EnumMap<>(ExecutorKind.class);
		for (ExecutorKind kind : ExecutorKind.values()) {
			if (byKind[kind.ordinal()] > 0) {
				kinds.put(kind, byKind[kind.ordinal()]);
			}
		}
		return kinds;
	}

	/** A growing array of longs. */
	static final class Longs {

		private long[] values = new long[64];
		private int size;

		void add(long v) {
			if (size == values.length) {
				values = Arrays.copyOf(values, size * 2);
			}
			values[size++] = v;
		}

		/** The values, in an array of their own. */
		long[] toArray() {
			return Arrays.copyOf(values, size);
		}
	}
}
