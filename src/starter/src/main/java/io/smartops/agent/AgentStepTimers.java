package io.smartops.agent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;

/**
 * Where an agent task's time goes, as Micrometer timers {@code smartops.agent.step} by agent and
 * step: waiting for a worker to pick it up (from the task's creation), the agent's own work, and
 * completing it on the engine (the call that ends the task and runs the process to its next wait
 * state). Each timer keeps its p50 and p95 (client-side, over a two-minute decaying window) for the
 * dashboard, and its histogram buckets for Prometheus. Recorded where a worker runs: the in-server
 * workers' timers are on the server's {@code /actuator/prometheus}, a standalone worker's on its own.
 */
public final class AgentStepTimers {

	public static final String NAME = "smartops.agent.step";

	/** The steps of an agent task. */
	public enum Step {
		PICKUP, WORK, COMPLETE;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/** One agent's step: how many, p50 and p95 in milliseconds (over the recent window), and the mean. */
	public record StepLatency(String agentId, String step, long count, double p50Millis, double p95Millis,
			double meanMillis) {
	}

	private AgentStepTimers() {
	}

	public static void record(MeterRegistry meters, String agentId, Step step, long nanos) {
		timer(meters, agentId, step).record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
	}

	private static Timer timer(MeterRegistry meters, String agentId, Step step) {
		return Timer.builder(NAME)
			.description("an agent task's pick-up, work and completion")
			.tag("agent", agentId)
			.tag("step", step.tag())
			.publishPercentiles(0.5, 0.95)
			.publishPercentileHistogram()
			.register(meters);
	}

	/** Every agent's steps this node has timed, by agent then step. */
	public static List<StepLatency> summary(MeterRegistry meters) {
		List<StepLatency> all = new ArrayList<>();
		for (Timer t : meters.find(NAME).timers()) {
			double p50 = Double.NaN;
			double p95 = Double.NaN;
			for (ValueAtPercentile v : t.takeSnapshot().percentileValues()) {
				if (v.percentile() == 0.5) {
					p50 = v.value(TimeUnit.MILLISECONDS);
				}
				else if (v.percentile() == 0.95) {
					p95 = v.value(TimeUnit.MILLISECONDS);
				}
			}
			all.add(new StepLatency(t.getId().getTag("agent"), t.getId().getTag("step"), t.count(), p50, p95,
					t.mean(TimeUnit.MILLISECONDS)));
		}
		all.sort(Comparator.comparing(StepLatency::agentId)
			.thenComparing(s -> Step.valueOf(s.step().toUpperCase(Locale.ROOT)).ordinal()));
		return all;
	}
}
