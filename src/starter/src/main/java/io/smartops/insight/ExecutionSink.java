package io.smartops.insight;

import io.smartops.core.execution.TaskExecution.ExecutorKind;
import io.smartops.core.execution.TaskExecution.Outcome;

/**
 * Takes task executions one by one as they are read, field by field, so that a request can sum a
 * million of them up without making an object of each ({@link HistoryDigest.ExecutionDigest}'s
 * constructor is one). The fields are those of {@code ExecutionDigest}.
 */
@FunctionalInterface
interface ExecutionSink {

	void accept(String activityId, String activityName, ExecutorKind kind, long startMillis, long durationMillis,
			long workingMillis, double cost, Outcome outcome, int failures, int escalations, String group,
			String executorId, int run, boolean repeated);
}
