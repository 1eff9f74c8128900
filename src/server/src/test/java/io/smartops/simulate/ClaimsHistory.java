package io.smartops.simulate;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;

/**
 * A history of the claims process with known generating parameters, run through the real engine
 * on a controlled clock: claims arrive as a Poisson process; an automated check takes an
 * exponential time; two clerks take the "Handle claim" tasks first come, first served, each worked
 * for a log-normal time; a quarter of the handled claims come back for rework.
 */
final class ClaimsHistory {

	static final String KEY = "sim-claims";
	static final double MINUTE = 60_000;
	static final double ARRIVALS_PER_HOUR = 1.2;
	static final double CHECK_MEAN_MILLIS = 2 * MINUTE;
	/** The handling time's log-normal: a median of 35 minutes, sigma 0.5 (mean about 40 minutes). */
	static final double HANDLE_MU = Math.log(35 * MINUTE);
	static final double HANDLE_SIGMA = 0.5;
	static final double REWORK = 0.25;
	static final List<String> CLERKS = List.of("clara", "carl");
	static final String GROUP = "claims";

	private record Event(long time, long seq, Runnable action) {
	}

	private final ProcessEngine engine;
	private final SplittableRandom random;
	private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.time != b.time
			? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
	private final ArrayDeque<String> queue = new ArrayDeque<>();
	private final ArrayDeque<String> free = new ArrayDeque<>(CLERKS);
	private long seq;
	private long now;

	ClaimsHistory(ProcessEngine engine, long seed) {
		this.engine = engine;
		this.random = new SplittableRandom(seed);
	}

	/** Claims arriving over [from, until), each run to its end; the clock is real again afterwards. */
	int run(Instant from, Instant until) {
		int claims = 0;
		try {
			long t = from.toEpochMilli();
			while (true) {
				t += Math.round(-3_600_000 / ARRIVALS_PER_HOUR * Math.log(1 - random.nextDouble()));
				if (t >= until.toEpochMilli()) {
					break;
				}
				long at = t;
				at(at, this::arrive);
				claims++;
			}
			Event e;
			while ((e = events.poll()) != null) {
				now = e.time;
				ClockUtil.setCurrentTime(new Date(now));
				e.action.run();
			}
			return claims;
		}
		finally {
			ClockUtil.reset();
		}
	}

	private void at(long time, Runnable action) {
		events.add(new Event(time, seq++, action));
	}

	private void arrive() {
		String businessKey = "claim-" + seq;
		String instance = engine.getRuntimeService().startProcessInstanceByKey(KEY, businessKey).getId();
		LockedExternalTask check = engine.getExternalTaskService().fetchAndLock(1, "claims-checker")
			.topic("claims-check", 3_600_000L).businessKey(businessKey).execute().get(0);
		at(now + Math.round(-CHECK_MEAN_MILLIS * Math.log(1 - random.nextDouble())), () -> {
			engine.getExternalTaskService().complete(check.getId(), "claims-checker");
			arrived(instance);
		});
	}

	private void arrived(String instance) {
		Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
		queue.add(task.getId());
		dispatch();
	}

	private void dispatch() {
		while (!queue.isEmpty() && !free.isEmpty()) {
			String task = queue.poll();
			String clerk = free.poll();
			engine.getTaskService().claim(task, clerk);
			long work = Math.round(Math.exp(HANDLE_MU + HANDLE_SIGMA * random.nextGaussian()));
			at(now + work, () -> {
				String instance = engine.getTaskService().createTaskQuery().taskId(task).singleResult()
					.getProcessInstanceId();
				engine.getTaskService().complete(task, Map.of("complete", random.nextDouble() >= REWORK));
				free.add(clerk);
				Task again = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
				if (again != null) {
					queue.add(again.getId());
				}
				dispatch();
			});
		}
	}
}
