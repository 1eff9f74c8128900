package io.smartops.simulate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.smartops.agent.Agent;
import io.smartops.agent.AgentLibrary;
import io.smartops.insight.InsightProperties;
import io.smartops.insight.ProcessHistory;
import io.smartops.insight.ProcessHistory.Execution;
import io.smartops.insight.ProcessInsights;
import io.smartops.core.execution.TaskExecution.ExecutorKind;
import io.smartops.core.execution.TaskExecution.Outcome;
import io.smartops.simulate.engine.SimulationBpmn;
import io.smartops.simulate.model.ActivityParameters;
import io.smartops.simulate.model.Arrivals;
import io.smartops.simulate.model.Distribution;
import io.smartops.simulate.model.Parameters;

/**
 * Fits a simulation model to a process's history over a window — the same history the insights
 * read: the arrivals (their rate and, over two weeks or more, their pattern by hour of the week);
 * each task's executor kind, its working times (empirical) and, for people, the delay before
 * anyone could take it apart from the queue (the time between the task's creation, or the
 * person's previous task's end, and the person's start); the share of executions that end in the
 * task's BPMN error; each gateway's branch frequencies (from the engine's activity history); the
 * people of each group (those who worked its tasks); start variables of recent instances; the SLA
 * and the hourly rates. What it has to assume for lack of history it says.
 */
@Component
class SimulationFitter {

	private static final Logger log = LoggerFactory.getLogger(SimulationFitter.class);

	static final long WEEK = 7 * 86_400_000L;
	/** The most values a fitted empirical distribution keeps (the most recent). */
	static final int SAMPLES = 5000;
	/** Arrivals follow an hour-of-week pattern only when a chi-square test finds them this unlikely to be even. */
	static final double PATTERN_SIGNIFICANCE = 0.001;
	/** The variable types taken as start variables: plain values, never objects or files. */
	static final Set<String> PLAIN_TYPES = Set.of("string", "integer", "long", "short", "double", "boolean");
	/** A user task with no history is taken to be worked for this long on average. */
	static final double UNSEEN_HUMAN_MILLIS = 30 * 60_000.0;
	/** An automated task with no history is taken to take this long. */
	static final double UNSEEN_AUTOMATION_MILLIS = 100;

	/** A fitted model and what it had to assume. */
	record Fitted(Parameters parameters, List<String> assumptions, int instances, Instant from, Instant to) {
	}

	private final ProcessInsights insights;
	private final InsightProperties rates;
	private final AgentLibrary library;
	private final HistoryService history;
	private final JdbcTemplate jdbc;
	private final SimulationProperties properties;

	SimulationFitter(ProcessInsights insights, InsightProperties rates, AgentLibrary library, HistoryService history,
			JdbcTemplate jdbc, SimulationProperties properties) {
		this.insights = insights;
		this.rates = rates;
		this.library = library;
		this.history = history;
		this.jdbc = jdbc;
		this.properties = properties;
	}

	Fitted fit(String processKey, SimulationBpmn.Shape shape, Instant from, Instant to) {
		long started = System.nanoTime();
		ProcessHistory all = insights.rawHistory(processKey, from, to);
		List<String> assumptions = new ArrayList<>();
		List<ProcessHistory.Instance> instances = all.instances().stream()
			.filter(i -> i.startMillis() >= from.toEpochMilli())
			.sorted(Comparator.comparingLong(ProcessHistory.Instance::startMillis)).toList();
		Arrivals arrivals = arrivals(instances, assumptions);
		List<ProcessHistory.Instance> recent = instances.subList(Math.max(0, instances.size() - properties.fitInstances()),
				instances.size());
		Set<String> ids = recent.stream().map(ProcessHistory.Instance::id).collect(Collectors.toSet());
		List<Execution> executions = all.executions().stream().filter(e -> ids.contains(e.instanceId()) && e.ended())
			.sorted(Comparator.comparingLong(Execution::startMillis)).toList();
		Map<String, List<Execution>> byActivity = executions.stream()
			.collect(Collectors.groupingBy(Execution::activityId, LinkedHashMap::new, Collectors.toList()));
		Map<String, Double> delays = delays(executions);
		Map<String, ActivityParameters> activities = new LinkedHashMap<>();
		Map<String, Set<String>> members = new TreeMap<>();
		shape.tasks().forEach((activityId, name) -> activities.put(activityId, activity(activityId, name, shape,
				byActivity.getOrDefault(activityId, List.of()), delays, members, assumptions)));
		Map<String, Integer> people = new TreeMap<>();
		members.forEach((group, who) -> people.put(group, Math.max(1, who.size())));
		Integer defaultPeople = people.isEmpty() ? 1
				: people.values().stream().sorted().toList().get(people.size() / 2);
		assumptions.add("a group the history does not show has " + defaultPeople + " people (the median group)");
		Map<String, Map<String, Double>> branches = branches(shape, recent, assumptions);
		Double sla = insights.targets(processKey).get(ProcessInsights.SLA_CYCLE_TIME);
		Parameters parameters = new Parameters(arrivals, activities, branches, people, defaultPeople,
				new TreeMap<>(rates.hourlyRates()), rates.defaultHourlyRate(), sla == null ? null : Math.round(sla),
				variables(recent));
		log.info("simulation model of {} fitted on {} instances and {} task executions of {} to {} in {} ms", processKey,
				recent.size(), executions.size(), from, to, (System.nanoTime() - started) / 1_000_000);
		return new Fitted(parameters, assumptions, recent.size(), from, to);
	}

	private static Arrivals arrivals(List<ProcessHistory.Instance> instances, List<String> assumptions) {
		if (instances.size() < 2) {
			assumptions.add("too few instances to fit arrivals: give parameters.arrivalRatePerHour");
			return null;
		}
		long first = instances.get(0).startMillis();
		long last = instances.get(instances.size() - 1).startMillis();
		double mean = Math.max(1, (last - first) / (double) (instances.size() - 1));
		if (last - first < 2 * WEEK || instances.size() < 200) {
			return new Arrivals(mean, null);
		}
		// counts per hour of the week (Monday 00:00 UTC first), over as many whole weeks as the history spans
		double[] counts = new double[168];
		long monday = java.time.LocalDate.of(2024, 1, 1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
		for (ProcessHistory.Instance i : instances) {
			counts[(int) (Math.floorMod(i.startMillis() - monday, WEEK) / 3_600_000L)]++;
		}
		double perHour = instances.size() / 168.0;
		double[] expected = new double[168];
		java.util.Arrays.fill(expected, perHour);
		long[] observed = java.util.Arrays.stream(counts).mapToLong(Math::round).toArray();
		double p = new org.apache.commons.math3.stat.inference.ChiSquareTest().chiSquareTest(expected, observed);
		if (p >= PATTERN_SIGNIFICANCE) {
			// as even over the week as chance would leave it: a constant rate, not a pattern of noise
			return new Arrivals(mean, null);
		}
		assumptions.add(String.format("arrivals follow the history's pattern by hour of the week (uneven beyond chance,"
				+ " p = %.1g)", p));
		double[] factors = new double[168];
		for (int h = 0; h < 168; h++) {
			factors[h] = counts[h] / perHour;
		}
		return new Arrivals(mean, factors);
	}

	/**
	 * Each person's delay before a task, by activity instance key: when the person started it, less
	 * the later of the task's creation and the end of their previous task — what kept the task from
	 * them other than their own work.
	 */
	private static Map<String, Double> delays(List<Execution> executions) {
		Map<String, Double> delays = new HashMap<>();
		Map<String, List<Execution>> byPerson = executions.stream()
			.filter(e -> e.kind() == ExecutorKind.HUMAN && e.executorId() != null && e.workingMillis() != null)
			.collect(Collectors.groupingBy(Execution::executorId));
		for (List<Execution> work : byPerson.values()) {
			List<Execution> sorted = new ArrayList<>(work);
			sorted.sort(Comparator.comparingLong(SimulationFitter::workStart));
			long free = Long.MIN_VALUE;
			for (Execution e : sorted) {
				long start = workStart(e);
				delays.put(key(e), (double) Math.max(0, start - Math.max(e.startMillis(), free)));
				free = Math.max(free, e.startMillis() + e.durationMillis());
			}
		}
		return delays;
	}

	private static long workStart(Execution e) {
		return e.startMillis() + e.durationMillis() - e.workingMillis();
	}

	private static String key(Execution e) {
		return e.instanceId() + "/" + e.activityId() + "/" + e.startMillis() + "/" + e.sequence();
	}

	private ActivityParameters activity(String activityId, String name, SimulationBpmn.Shape shape, List<Execution> runs,
			Map<String, Double> delays, Map<String, Set<String>> members, List<String> assumptions) {
		if (runs.isEmpty()) {
			boolean user = shape.userTasks().contains(activityId);
			assumptions.add("no history of '" + name + "' (" + activityId + "): taken as "
					+ (user ? "people's work of 30 minutes on average (exponential)" : "automation of 100 ms")
					+ "; give parameters.activities." + activityId + " to say otherwise");
			return user
					? new ActivityParameters(ExecutorKind.HUMAN, Distribution.exponential(UNSEEN_HUMAN_MILLIS), null, null, 0, 0,
							null, null, null)
					: new ActivityParameters(ExecutorKind.AUTOMATION, Distribution.fixed(UNSEEN_AUTOMATION_MILLIS), null, null,
							0, rates.automationCostPerExecution(), null, null, null);
		}
		ExecutorKind kind = runs.stream().collect(Collectors.groupingBy(Execution::kind, Collectors.counting())).entrySet()
			.stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
		List<Execution> own = runs.stream().filter(e -> e.kind() == kind).toList();
		double errors = shape.errorCodes().containsKey(activityId)
				? own.stream().filter(e -> e.outcome() == Outcome.BPMN_ERROR).count() / (double) own.size() : 0;
		if (kind == ExecutorKind.HUMAN) {
			for (Execution e : own) {
				members.computeIfAbsent(e.group() != null ? e.group() : e.executorId() != null ? e.executorId() : "people",
						g -> new HashSet<>()).add(e.executorId() == null ? "someone" : e.executorId());
			}
			Distribution working = empirical(own, e -> e.workingMillis() != null ? e.workingMillis()
					: e.durationMillis());
			Distribution delay = empirical(own, e -> delays.getOrDefault(key(e),
					e.workingMillis() == null ? 0.0 : (double) (e.durationMillis() - e.workingMillis())));
			return new ActivityParameters(kind, working, delay, null, errors, 0, null, null, null);
		}
		Distribution working = empirical(own, e -> e.durationMillis().doubleValue());
		if (kind == ExecutorKind.AGENT) {
			double cost = own.stream().filter(e -> e.cost() != null).mapToDouble(Execution::cost).average().orElse(0);
			String agentId = own.stream().filter(e -> e.executorId() != null)
				.collect(Collectors.groupingBy(Execution::executorId, Collectors.counting())).entrySet().stream()
				.max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
			Double quality = agentId == null ? null : library.find(agentId).map(Agent::getQuality).orElse(null);
			return new ActivityParameters(kind, working, null, null, errors, cost, quality, agentId, null);
		}
		return new ActivityParameters(kind, working, null, null, errors, rates.automationCostPerExecution(), null, null,
				null);
	}

	private static Distribution empirical(List<Execution> runs, Function<Execution, Number> value) {
		List<Execution> last = runs.subList(Math.max(0, runs.size() - SAMPLES), runs.size());
		return Distribution.empirical(last.stream().mapToDouble(e -> Math.max(0, value.apply(e).doubleValue())).toArray());
	}

	/**
	 * Each branching gateway's frequencies: for each time an instance passed it (the engine's
	 * activity history), the next of the gateway's targets the instance went to.
	 */
	private Map<String, Map<String, Double>> branches(SimulationBpmn.Shape shape, List<ProcessHistory.Instance> recent,
			List<String> assumptions) {
		Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
		shape.branches().forEach((g, flows) -> {
			Map<String, Long> c = new LinkedHashMap<>();
			flows.keySet().forEach(f -> c.put(f, 0L));
			counts.put(g, c);
		});
		List<String> ids = recent.stream().map(ProcessHistory.Instance::id).toList();
		for (int k = 0; k < ids.size(); k += 500) {
			List<String> chunk = ids.subList(k, Math.min(ids.size(), k + 500));
			Map<String, List<String>> paths = new LinkedHashMap<>();
			jdbc.query("select PROC_INST_ID_, ACT_ID_ from ACT_HI_ACTINST where PROC_INST_ID_ in ("
					+ String.join(",", Collections.nCopies(chunk.size(), "?"))
					+ ") order by PROC_INST_ID_, START_TIME_, SEQUENCE_COUNTER_", rs -> {
						paths.computeIfAbsent(rs.getString(1), i -> new ArrayList<>()).add(rs.getString(2));
					}, chunk.toArray());
			for (List<String> path : paths.values()) {
				for (int i = 0; i < path.size(); i++) {
					Map<String, String> flows = shape.branches().get(path.get(i));
					if (flows == null) {
						continue;
					}
					for (int j = i + 1; j < path.size(); j++) {
						String next = path.get(j);
						String flow = flows.entrySet().stream().filter(f -> f.getValue().equals(next)).map(Map.Entry::getKey)
							.findFirst().orElse(null);
						if (flow != null) {
							counts.get(path.get(i)).merge(flow, 1L, Long::sum);
							break;
						}
					}
				}
			}
		}
		Map<String, Map<String, Double>> branches = new LinkedHashMap<>();
		counts.forEach((gateway, c) -> {
			long n = c.values().stream().mapToLong(Long::longValue).sum();
			Map<String, Double> p = new LinkedHashMap<>();
			c.forEach((flow, k) -> p.put(flow, n == 0 ? 1.0 / c.size() : k / (double) n));
			if (n == 0) {
				assumptions.add("no history of gateway " + gateway + ": its branches are taken as equally likely;"
						+ " give parameters.branches." + gateway + " to say otherwise");
			}
			branches.put(gateway, p);
		});
		return branches;
	}

	/** The start variables of the most recent instances: plain values only (text up to 256 characters). */
	private List<Map<String, Object>> variables(List<ProcessHistory.Instance> recent) {
		List<String> ids = recent.subList(Math.max(0, recent.size() - properties.variableSets()), recent.size()).stream()
			.map(ProcessHistory.Instance::id).toList();
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<String, Map<String, Object>> sets = new LinkedHashMap<>();
		ids.forEach(id -> sets.put(id, new TreeMap<>()));
		for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
			.processInstanceIdIn(ids.toArray(String[]::new)).disableBinaryFetching().disableCustomObjectDeserialization()
			.list()) {
			if (!PLAIN_TYPES.contains(v.getTypeName())) {
				continue;
			}
			Object value = v.getValue();
			boolean processScoped = v.getActivityInstanceId() == null
					|| v.getActivityInstanceId().equals(v.getProcessInstanceId());
			if (processScoped && value != null && !(value instanceof String s && s.length() > 256)) {
				sets.get(v.getProcessInstanceId()).put(v.getName(), value);
			}
		}
		return new ArrayList<>(sets.values());
	}
}
