package io.smartops.simulate.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

import io.smartops.core.execution.TaskExecution.ExecutorKind;
import io.smartops.simulate.model.ActivityParameters;
import io.smartops.simulate.model.Parameters;

/**
 * One replication: a discrete-event simulation in which the engine runs the process and the
 * simulator plays the world around it on a virtual clock. Events — an arrival, a delay that ends,
 * a piece of work that ends, a timer that falls due — are taken in time order; before each the
 * engine's clock is set to its time ({@link ClockUtil}), so timers and due dates are the model's.
 * People are a first-come-first-served queue per group; agents and automation work at once.
 */
final class Replication {

	/** Automated steps expected to take less than this run straight through (their time is not simulated). */
	static final long INSTANT_MILLIS = 1000;

	/** Virtual time 0: a Monday 00:00 UTC, so that the hour of the week of an arrival is its time modulo a week. */
	static final long EPOCH = java.time.Instant.parse("2030-01-07T00:00:00Z").toEpochMilli();


	/** What one replication measured. */
	record Figures(double[] cycleTimes, long windowMillis, long unfinished, double wipArea, Map<String, Double> busy,
			Map<String, Integer> people, Map<String, double[]> waiting, double cost, double wrongOutputs, long slaMet) {
	}

	private enum Kind {
		ARRIVAL, QUEUE, DONE
	}

	private record Event(long time, long seq, Kind kind, Work work) {
	}

	/** A task execution the simulator plays: the engine waits in it until the simulator signals its execution. */
	private static final class Work {
		final String activityInstanceId;
		String executionId;
		final String activityId;
		final String instanceId;
		final ActivityParameters parameters;
		final String group;
		final long created;
		long started = -1;
		boolean canceled;
		/** A person's check of the task's output (after which it ends). */
		boolean checked;

		Work(String activityInstanceId, String executionId, String activityId, String instanceId,
				ActivityParameters parameters, String group, long created) {
			this.activityInstanceId = activityInstanceId;
			this.executionId = executionId;
			this.activityId = activityId;
			this.instanceId = instanceId;
			this.parameters = parameters;
			this.group = group;
			this.created = created;
		}

		String key() {
			return activityInstanceId;
		}
	}

	private static final class Pool {
		final int people;
		int busy;
		final ArrayDeque<Work> queue = new ArrayDeque<>();
		double busyMillis;

		Pool(int people) {
			this.people = people;
		}
	}

	private static final class Instance {
		final long start;
		final boolean measured;
		double cost;
		double wrong;

		Instance(long start, boolean measured) {
			this.start = start;
			this.measured = measured;
		}
	}

	private final RuntimeService runtime;
	private final String definitionId;
	private final ManagementService management;
	private final SimulationHooks hooks;
	private final SimulationBpmn.Shape shape;
	private final Parameters parameters;
	private final SplittableRandom arrivalsRandom;
	private final SplittableRandom workRandom;
	private final Integer instances;
	private final Long horizon;
	private final double warmUpShare;
	private final LongConsumer started;

	private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.time != b.time
			? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
	private final Map<String, Pool> pools = new HashMap<>();
	private final Map<String, Instance> running = new HashMap<>();
	private final Map<String, Work> working = new HashMap<>();
	private final Map<String, double[]> waiting = new HashMap<>();
	private final List<Double> cycleTimes = new ArrayList<>();
	/** The instance being started, until the engine says its id (its first steps may cost already). */
	private Instance starting;
	/** The timer due first, as last looked up (again whenever an activity with a timer began or ended). */
	private Job timer;
	private long seq;
	private long now;
	private long arrived;
	private long measuredRunning;
	private long windowStart = -1;
	private long lastCompletion;
	private long lastChange;
	private double wipArea;
	private double cost;
	private double wrong;
	private long slaMet;

	Replication(ProcessEngine engine, String definitionId, SimulationHooks hooks, SimulationBpmn.Shape shape,
			Parameters parameters, long seed,
			Integer instances, Long horizon, double warmUpShare, LongConsumer started) {
		this.runtime = engine.getRuntimeService();
		this.definitionId = definitionId;
		this.management = engine.getManagementService();
		this.hooks = hooks;
		this.shape = shape;
		this.parameters = parameters;
		SplittableRandom root = new SplittableRandom(seed);
		this.arrivalsRandom = root.split();
		this.workRandom = root.split();
		hooks.clear();
		hooks.use(shape.people(), parameters.branches(), root.split());
		hooks.instant = this::instant;
		this.instances = instances;
		this.horizon = horizon;
		this.warmUpShare = warmUpShare;
		this.started = started;
		parameters.people().forEach((group, n) -> pools.put(group, new Pool(n)));
	}

	Figures run() {
		if (horizon != null) {
			windowStart = Math.round(horizon * warmUpShare);
		}
		schedule(Sampler.nextArrival(parameters.arrivals(), 0, arrivalsRandom), Kind.ARRIVAL, null);
		while (true) {
			Event next = events.peek();
			if (hooks.timersChanged) {
				hooks.timersChanged = false;
				timer = management.createJobQuery().timers().orderByJobDuedate().asc().listPage(0, 1).stream()
					.findFirst().orElse(null);
			}
			long timerAt = timer == null ? Long.MAX_VALUE : timer.getDuedate().getTime() - EPOCH;
			if (next == null && timer == null) {
				break;
			}
			long at = Math.min(next == null ? Long.MAX_VALUE : next.time, timerAt);
			if (horizon != null && at > horizon) {
				break;
			}
			if (instances != null && arrived >= instances && measuredRunning == 0) {
				break;
			}
			advance(Math.max(now, at));
			try {
				if (timer != null && timerAt <= (next == null ? Long.MAX_VALUE : next.time)) {
					management.executeJob(timer.getId());
					hooks.timersChanged = true;
					timer = null;
				}
				else {
					events.poll();
					handle(next);
				}
				drain();
			}
			catch (ProcessEngineException e) {
				throw new SimulationException("the process failed in the simulation after " + arrived
						+ " instances: " + e.getMessage(), e);
			}
		}
		long end = horizon != null ? horizon : lastCompletion;
		advance(Math.max(now, end));
		for (Pool p : pools.values()) {
			p.queue.clear();
		}
		long unfinished = running.values().stream().filter(i -> i.measured).count();
		List<String> ids = runtime.createProcessInstanceQuery().list().stream().map(ProcessInstance::getId).toList();
		if (!ids.isEmpty()) {
			runtime.deleteProcessInstances(ids, "the simulation's replication ended", true, true);
		}
		hooks.clear();
		Map<String, Double> busy = new HashMap<>();
		Map<String, Integer> people = new HashMap<>();
		pools.forEach((g, p) -> {
			busy.put(g, p.busyMillis);
			people.put(g, p.people);
		});
		long window = Math.max(1, end - Math.max(0, windowStart));
		return new Figures(cycleTimes.stream().mapToDouble(Double::doubleValue).toArray(), window, unfinished, wipArea,
				busy, people, waiting, cost, wrong, slaMet);
	}

	private void schedule(long time, Kind kind, Work work) {
		events.add(new Event(time, seq++, kind, work));
	}

	/** Moves the clock, adding the time passed to the work in progress and to the busy people within the window. */
	private void advance(long to) {
		if (windowStart >= 0 && to > windowStart) {
			long from = Math.max(lastChange, windowStart);
			if (to > from) {
				wipArea += (double) measuredRunning * (to - from);
				for (Pool p : pools.values()) {
					p.busyMillis += (double) p.busy * (to - from);
				}
			}
		}
		lastChange = to;
		now = to;
		ClockUtil.setCurrentTime(new Date(EPOCH + now));
	}

	private void handle(Event e) {
		switch (e.kind) {
			case ARRIVAL -> arrive();
			case QUEUE -> enqueue(e.work);
			case DONE -> finish(e.work);
		}
	}

	private void arrive() {
		boolean measured;
		if (instances != null) {
			measured = arrived >= Math.round(instances * warmUpShare);
			if (measured && windowStart < 0) {
				windowStart = now;
			}
		}
		else {
			measured = now >= windowStart;
		}
		arrived++;
		started.accept(1);
		List<Map<String, Object>> sets = parameters.variables();
		Map<String, Object> variables = sets == null || sets.isEmpty() ? new HashMap<>()
				: new HashMap<>(sets.get(arrivalsRandom.nextInt(sets.size())));
		Instance instance = new Instance(now, measured);
		starting = instance;
		ProcessInstance pi = runtime.startProcessInstanceById(definitionId, variables);
		starting = null;
		running.put(pi.getId(), instance);
		if (measured) {
			measuredRunning++;
		}
		if (instances == null || arrived < instances) {
			schedule(Sampler.nextArrival(parameters.arrivals(), now, arrivalsRandom), Kind.ARRIVAL, null);
		}
	}

	/** Takes up what the engine reported: tasks that ended (those the simulator did not end were cancelled), tasks that began, ended instances. */
	private void drain() {
		for (String key : hooks.left) {
			Work w = working.remove(key);
			if (w != null) {
				cancel(w);
			}
		}
		hooks.left.clear();
		for (SimulationHooks.Began b : hooks.began) {
			ActivityParameters a = activity(b.activityId());
			Work w = new Work(b.activityInstanceId(), b.executionId(), b.activityId(), b.instanceId(), a,
					a.group() != null ? a.group() : b.group(), now);
			working.put(w.key(), w);
			begin(w);
		}
		hooks.began.clear();
		for (String id : hooks.ended) {
			end(id);
		}
		hooks.ended.clear();
	}

	/**
	 * An automated step expected to take under {@value #INSTANT_MILLIS} ms runs straight through: its
	 * cost is counted and its BPMN error drawn at once ("" done, else the error code); null for any
	 * other task, which waits.
	 */
	private String instant(String activityId, String instanceId) {
		ActivityParameters a = parameters.activities().get(activityId);
		if (a == null || a.kind() != ExecutorKind.AUTOMATION || a.working().expectedMillis() >= INSTANT_MILLIS) {
			return null;
		}
		Instance i = running.getOrDefault(instanceId, starting);
		if (i != null) {
			i.cost += a.costPerExecution();
		}
		String error = workRandom.nextDouble() < a.errorProbability() ? shape.errorCodes().get(activityId) : null;
		return error == null ? "" : error;
	}

	private ActivityParameters activity(String activityId) {
		ActivityParameters a = parameters.activities().get(activityId);
		if (a == null) {
			throw new SimulationException("no parameters for task '" + activityId + "'");
		}
		return a;
	}

	private void begin(Work w) {
		if (w.parameters.kind() != ExecutorKind.HUMAN) {
			start(w);
			return;
		}
		if (w.group == null) {
			throw new SimulationException("task '" + w.activityId + "' is for people but has no candidate group or"
					+ " assignee to take its people from");
		}
		if (w.parameters.delay() != null) {
			schedule(now + Math.round(Sampler.draw(w.parameters.delay(), workRandom)), Kind.QUEUE, w);
		}
		else {
			enqueue(w);
		}
	}

	private Pool pool(Work w) {
		Pool p = pools.get(w.group);
		if (p == null && parameters.defaultPeople() != null) {
			p = new Pool(parameters.defaultPeople());
			pools.put(w.group, p);
		}
		if (p == null) {
			throw new SimulationException("task '" + w.activityId + "' is for group '" + w.group
					+ "', which has no people in the parameters");
		}
		return p;
	}

	private void enqueue(Work w) {
		if (w.canceled) {
			return;
		}
		Pool p = pool(w);
		if (p.busy < p.people) {
			p.busy++;
			start(w);
		}
		else {
			p.queue.add(w);
		}
	}

	private void start(Work w) {
		w.started = now;
		schedule(now + Math.round(Sampler.draw(w.parameters.working(), workRandom)), Kind.DONE, w);
		if (w.parameters.kind() == ExecutorKind.HUMAN) {
			Instance i = running.get(w.instanceId);
			if (i != null && i.measured) {
				double[] s = waiting.computeIfAbsent(w.activityId, k -> new double[2]);
				s[0] += now - w.created;
				s[1]++;
			}
		}
	}

	private void finish(Work w) {
		if (w.canceled) {
			return;
		}
		ActivityParameters.Check check = w.parameters.check();
		if (check != null && !w.checked && workRandom.nextDouble() < check.share()) {
			// the output goes to a person before the process goes on: the task waits for their check
			account(w, false);
			Work c = new Work(w.activityInstanceId, w.executionId, w.activityId, w.instanceId, new ActivityParameters(
					ExecutorKind.HUMAN, check.working(), null, check.group(), 0, 0, null, null, null), check.group(), now);
			c.checked = true;
			working.put(c.key(), c);
			begin(c);
			return;
		}
		working.remove(w.key());
		if (w.parameters.kind() == ExecutorKind.HUMAN) {
			release(pool(w));
		}
		account(w, !w.checked);
		String error = workRandom.nextDouble() < w.parameters.errorProbability() ? shape.errorCodes().get(w.activityId)
				: null;
		String signal = error == null ? null : SimulationHooks.ERROR_SIGNAL + error;
		try {
			runtime.signal(w.executionId, signal, null, null);
		}
		catch (BadUserRequestException gone) {
			// the engine replaced the task's execution (a non-interrupting event came or its concurrency
			// ended): signal the execution now waiting in it
			runtime.signal(waitingIn(w), signal, null, null);
		}
	}

	private String waitingIn(Work w) {
		return runtime.createExecutionQuery().processInstanceId(w.instanceId).activityId(w.activityId).list().stream()
			.map(Execution::getId).filter(id -> working.values().stream().noneMatch(o -> o.executionId.equals(id)))
			.findFirst().orElseThrow(() -> new SimulationException("task '" + w.activityId
					+ "' of an instance is no longer waiting, yet it was not cancelled"));
	}

	/** Adds the work's cost to its instance, and the agent's expected wrong outputs unless a person checked them. */
	private void account(Work w, boolean unchecked) {
		Instance i = running.get(w.instanceId);
		if (i == null) {
			return;
		}
		ActivityParameters a = w.parameters;
		i.cost += a.kind() == ExecutorKind.HUMAN ? (now - w.started) / 3_600_000.0 * parameters.hourlyRate(w.group)
				: a.costPerExecution();
		if (a.quality() != null && unchecked) {
			i.wrong += 1 - a.quality();
		}
	}

	private void cancel(Work w) {
		w.canceled = true;
		if (w.parameters.kind() != ExecutorKind.HUMAN) {
			return;
		}
		Pool p = pool(w);
		if (w.started >= 0) {
			release(p);
		}
		else {
			p.queue.remove(w);
		}
	}

	private void release(Pool p) {
		p.busy--;
		Work next;
		while ((next = p.queue.poll()) != null) {
			if (!next.canceled) {
				p.busy++;
				start(next);
				return;
			}
		}
	}

	private void end(String instanceId) {
		Instance i = running.remove(instanceId);
		if (i == null || !i.measured) {
			return;
		}
		measuredRunning--;
		long cycle = now - i.start;
		cycleTimes.add((double) cycle);
		cost += i.cost;
		wrong += i.wrong;
		if (parameters.slaMillis() != null && cycle <= parameters.slaMillis()) {
			slaMet++;
		}
		lastCompletion = now;
	}
}
