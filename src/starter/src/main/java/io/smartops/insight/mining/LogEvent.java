package io.smartops.insight.mining;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.smartops.core.execution.TaskExecution.Outcome;
import io.smartops.insight.mining.CaseStream.Case;
import io.smartops.insight.mining.CaseStream.Step;

/**
 * One event of an exported log: a task execution's start, or its end with the XES lifecycle
 * transition that says how it ended ({@code complete}; {@code ate_abort} for a cancelled one). A
 * running task has its start only.
 */
record LogEvent(Step step, String transition, long time, int order) {

	static final String START = "start";
	static final String COMPLETE = "complete";
	static final String ABORT = "ate_abort";

	/** The events of an instance in time order; at the same instant in the order the tasks ran, a start before its end. */
	static List<LogEvent> of(Case c) {
		List<LogEvent> events = new ArrayList<>(c.steps().size() * 2);
		int order = 0;
		for (Step s : c.steps()) {
			events.add(new LogEvent(s, START, s.start(), order++));
			if (s.end() != null) {
				events.add(new LogEvent(s, s.outcome() == Outcome.CANCELED ? ABORT : COMPLETE, s.end(), order++));
			}
		}
		events.sort(Comparator.comparingLong(LogEvent::time).thenComparingInt(LogEvent::order));
		return events;
	}

	/** An id of the event, unique in the log. */
	String id() {
		return step.activityInstanceId() + (transition.equals(START) ? ":start" : ":end");
	}

	String activity() {
		return step.activityName() == null ? step.activityId() : step.activityName();
	}
}
