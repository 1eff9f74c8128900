package io.smartops.insight;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import io.smartops.agent.AgentCall;
import io.smartops.insight.ProcessHistory.AgentCallRecord;
import io.smartops.insight.ProcessHistory.Execution;
import io.smartops.insight.ProcessHistory.Instance;
import io.smartops.insight.ProcessInsight.ActivityInsight;
import io.smartops.insight.ProcessInsight.Bottlenecks;
import io.smartops.insight.ProcessInsight.EndToEnd;
import io.smartops.insight.ProcessInsight.Quality;
import io.smartops.insight.ProcessInsight.Share;
import io.smartops.insight.ProcessInsight.Variant;
import io.smartops.process.TaskExecution.ExecutorKind;
import io.smartops.process.TaskExecution.Outcome;

/**
 * Turns a process's history over a window into its insights: plain computation, no engine and no
 * database. Instances count in the window by when they started (started), ended (completed,
 * cycle time, cost, yield, variants) or ran (work in progress); task executions by when they
 * started. The entitlement of a KPI is its best value over the whole weeks (Monday to Sunday,
 * UTC) of the window in which at least the configured number of instances completed.
 */
public final class InsightCalculator {

	private static final long DAY = 86_400_000L;

	private final InsightProperties properties;

	public InsightCalculator(InsightProperties properties) {
		this.properties = properties;
	}

	/** The end-to-end figures, the KPIs with their entitlement, the activities, variants and bottlenecks. */
	public Result calculate(ProcessHistory history, long from, long to, Long slaMillis) {
		Map<String, List<Execution>> byInstance = new HashMap<>();
		for (Execution e : history.executions()) {
			byInstance.computeIfAbsent(e.instanceId(), k -> new ArrayList<>()).add(e);
		}
		List<Finished> finished = new ArrayList<>();
		long started = 0;
		long runningAtEnd = 0;
		double inProgressMillis = 0;
		for (Instance i : history.instances()) {
			if (i.startMillis() >= from && i.startMillis() < to) {
				started++;
			}
			long end = i.endMillis() == null ? Long.MAX_VALUE : i.endMillis();
			if (i.startMillis() < to && end >= to) {
				runningAtEnd++;
			}
			inProgressMillis += Math.max(0, Math.min(end, to) - Math.max(i.startMillis(), from));
			if (i.completed() && i.endMillis() != null && i.endMillis() >= from && i.endMillis() < to) {
				finished.add(finish(i, byInstance.getOrDefault(i.id(), List.of())));
			}
		}
		Headline all = headline(finished, to - from, slaMillis);
		EndToEnd endToEnd = new EndToEnd(started, finished.size(), runningAtEnd, all.throughputPerDay(),
				to > from ? inProgressMillis / (to - from) : 0, all.cycleTime(), slaMillis, all.slaAttainment(),
				all.costPerInstance(), all.firstPassYield());
		SortedMap<LocalDate, Week> weeks = weeks(finished, slaMillis);
		List<ActivityInsight> activities = activities(history, from, to);
		return new Result(endToEnd, all.kpis(), entitlement(weeks, from, to), activities, variants(finished),
				bottlenecks(activities), histogram(finished), trend(weeks));
	}

	/** What the calculation yields; the service adds the baseline and the target. */
	public record Result(EndToEnd endToEnd, Map<Kpi, Double> kpis, Map<Kpi, Best> entitlement,
			List<ActivityInsight> activities, List<Variant> variants, Bottlenecks bottlenecks,
			List<ProcessInsight.Bucket> cycleTimeHistogram, List<ProcessInsight.Week> trend) {
	}

	private static final int BUCKETS = 24;

	/** The cycle times in {@value #BUCKETS} buckets of equal width on a log scale, from the shortest to the longest. */
	private static List<ProcessInsight.Bucket> histogram(List<Finished> finished) {
		if (finished.isEmpty()) {
			return List.of();
		}
		long min = Long.MAX_VALUE;
		long max = 0;
		for (Finished f : finished) {
			min = Math.min(min, Math.max(1, f.cycleMillis()));
			max = Math.max(max, f.cycleMillis());
		}
		double lo = Math.log(min);
		double width = Math.max(1e-9, (Math.log(max + 1.0) - lo) / BUCKETS);
		long[] counts = new long[BUCKETS];
		for (Finished f : finished) {
			int k = (int) ((Math.log(Math.max(1, f.cycleMillis())) - lo) / width);
			counts[Math.min(BUCKETS - 1, Math.max(0, k))]++;
		}
		List<ProcessInsight.Bucket> out = new ArrayList<>();
		for (int k = 0; k < BUCKETS; k++) {
			out.add(new ProcessInsight.Bucket(Math.round(Math.exp(lo + k * width)), Math.round(Math.exp(lo + (k + 1) * width)),
					counts[k]));
		}
		return out;
	}

	/** The instances completed in one week and their headline figures. */
	private record Week(int completed, Headline headline) {
	}

	/** The completed instances week by week (Monday, UTC, by completion), oldest first. */
	private static SortedMap<LocalDate, Week> weeks(List<Finished> finished, Long slaMillis) {
		Map<LocalDate, List<Finished>> byWeek = new HashMap<>();
		for (Finished f : finished) {
			byWeek.computeIfAbsent(monday(f.endMillis()), k -> new ArrayList<>()).add(f);
		}
		SortedMap<LocalDate, Week> weeks = new TreeMap<>();
		byWeek.forEach((monday, list) -> weeks.put(monday, new Week(list.size(), headline(list, 7 * DAY, slaMillis))));
		return weeks;
	}

	private static List<ProcessInsight.Week> trend(SortedMap<LocalDate, Week> weeks) {
		List<ProcessInsight.Week> out = new ArrayList<>();
		weeks.forEach((monday, w) -> out.add(new ProcessInsight.Week(monday.toString(), w.completed(),
				w.headline().cycleTime().p50(), w.headline().cycleTime().p90(), w.headline().costPerInstance(),
				w.headline().firstPassYield())));
		return out;
	}

	private static LocalDate monday(long millis) {
		return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate()
			.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
	}

	/** The best week's value of a KPI, and that week's Monday. */
	public record Best(double value, LocalDate week) {
	}

	/** A completed instance: its cycle time, cost, whether it went through first time, its path. */
	private record Finished(long endMillis, long cycleMillis, double cost, boolean firstPass, List<String> path) {
	}

	private record Headline(Stats cycleTime, double throughputPerDay, Double slaAttainment, Double costPerInstance,
			Double firstPassYield) {

		Map<Kpi, Double> kpis() {
			Map<Kpi, Double> m = new EnumMap<>(Kpi.class);
			m.put(Kpi.CYCLE_TIME_P50, cycleTime.p50() == null ? null : cycleTime.p50().doubleValue());
			m.put(Kpi.CYCLE_TIME_P90, cycleTime.p90() == null ? null : cycleTime.p90().doubleValue());
			m.put(Kpi.THROUGHPUT_PER_DAY, throughputPerDay);
			m.put(Kpi.COST_PER_INSTANCE, costPerInstance);
			m.put(Kpi.FIRST_PASS_YIELD, firstPassYield);
			m.put(Kpi.SLA_ATTAINMENT, slaAttainment);
			return m;
		}
	}

	private Finished finish(Instance i, List<Execution> executions) {
		List<Execution> ordered = new ArrayList<>(executions);
		ordered.sort(Comparator.comparingLong(Execution::startMillis).thenComparingLong(Execution::sequence));
		double cost = 0;
		boolean firstPass = true;
		Map<String, Integer> runs = new HashMap<>();
		List<String> path = new ArrayList<>(ordered.size());
		for (Execution e : ordered) {
			cost += cost(e);
			path.add(e.activityId());
			if (runs.merge(e.activityId(), 1, Integer::sum) > 1 || e.failed()) {
				firstPass = false;
			}
		}
		return new Finished(i.endMillis(), i.endMillis() - i.startMillis(), cost, firstPass, path);
	}

	private static Headline headline(List<Finished> finished, long windowMillis, Long slaMillis) {
		long[] cycles = new long[finished.size()];
		double cost = 0;
		long firstPass = 0;
		long withinSla = 0;
		for (int k = 0; k < cycles.length; k++) {
			Finished f = finished.get(k);
			cycles[k] = f.cycleMillis();
			cost += f.cost();
			firstPass += f.firstPass() ? 1 : 0;
			withinSla += slaMillis != null && f.cycleMillis() <= slaMillis ? 1 : 0;
		}
		int n = cycles.length;
		return new Headline(Stats.of(cycles), windowMillis > 0 ? n * (double) DAY / windowMillis : 0,
				n == 0 || slaMillis == null ? null : withinSla / (double) n, n == 0 ? null : cost / n,
				n == 0 ? null : firstPass / (double) n);
	}

	/** The best value of each KPI over the whole weeks of [from, to) with enough completed instances (the earliest on a tie). */
	private Map<Kpi, Best> entitlement(SortedMap<LocalDate, Week> weeks, long from, long to) {
		Map<Kpi, Best> best = new EnumMap<>(Kpi.class);
		weeks.forEach((monday, week) -> {
			long start = monday.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
			if (start < from || start + 7 * DAY > to || week.completed() < properties.entitlementMinimumInstances()) {
				return;
			}
			week.headline().kpis().forEach((kpi, value) -> {
				if (value != null) {
					Best b = best.get(kpi);
					if (b == null || !kpi.better(b.value(), value).equals(b.value())) {
						best.put(kpi, new Best(value, monday));
					}
				}
			});
		});
		return best;
	}

	/** The cost of one execution: agents by their calls, people by working time and rate, automation by configuration. */
	double cost(Execution e) {
		return switch (e.kind()) {
			case AGENT -> e.cost() == null ? 0 : e.cost();
			case HUMAN -> e.workingMillis() == null ? 0
					: e.workingMillis() / 3_600_000.0 * properties.hourlyRate(e.group());
			case AUTOMATION -> properties.automationCostPerExecution();
		};
	}

	private List<ActivityInsight> activities(ProcessHistory history, long from, long to) {
		Map<String, List<Execution>> byActivity = new LinkedHashMap<>();
		for (Execution e : history.executions()) {
			if (e.startMillis() >= from && e.startMillis() < to) {
				byActivity.computeIfAbsent(e.activityId(), k -> new ArrayList<>()).add(e);
			}
		}
		Map<String, List<AgentCallRecord>> calls = new HashMap<>();
		for (AgentCallRecord c : history.calls()) {
			calls.computeIfAbsent(c.activityId(), k -> new ArrayList<>()).add(c);
		}
		List<ActivityInsight> out = new ArrayList<>();
		byActivity.forEach((activityId, executions) -> out.add(activity(activityId, executions,
				calls.getOrDefault(activityId, List.of()))));
		out.sort(Comparator.comparing(ActivityInsight::activityId));
		return out;
	}

	private ActivityInsight activity(String activityId, List<Execution> executions, List<AgentCallRecord> calls) {
		Map<ExecutorKind, Long> kinds = new EnumMap<>(ExecutorKind.class);
		Map<String, Integer> perInstance = new HashMap<>();
		int ended = 0;
		for (Execution e : executions) {
			kinds.merge(e.kind(), 1L, Long::sum);
			perInstance.merge(e.instanceId(), 1, Integer::sum);
			ended += e.ended() ? 1 : 0;
		}
		long[] durations = new long[ended];
		long[] waiting = new long[ended];
		long[] working = new long[ended];
		long bpmnErrors = 0;
		long incidents = 0;
		long failures = 0;
		long failed = 0;
		long breaches = 0;
		double totalCost = 0;
		int k = 0;
		String name = null;
		for (Execution e : executions) {
			name = name == null ? e.activityName() : name;
			bpmnErrors += e.outcome() == Outcome.BPMN_ERROR ? 1 : 0;
			incidents += e.outcome() == Outcome.INCIDENT ? 1 : 0;
			failures += e.failures();
			failed += e.failed() ? 1 : 0;
			breaches += e.escalations() > 0 ? 1 : 0;
			totalCost += cost(e);
			if (e.ended()) {
				// an execution with no record of work (an agent that reported no call) counts as worked throughout
				long worked = e.workingMillis() == null ? e.durationMillis()
						: Math.max(0, Math.min(e.workingMillis(), e.durationMillis()));
				durations[k] = e.durationMillis();
				working[k] = worked;
				waiting[k] = e.durationMillis() - worked;
				k++;
			}
		}
		long reworked = perInstance.values().stream().filter(n -> n > 1).count();
		ExecutorKind main = kinds.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
		int n = executions.size();
		return new ActivityInsight(activityId, name, main, kinds, n, perInstance.size(), Stats.of(durations),
				Stats.of(waiting), Stats.of(working), reworked / (double) perInstance.size(), failed / (double) n,
				bpmnErrors, incidents, failures, totalCost / n, totalCost, quality(calls, breaches));
	}

	private static Quality quality(List<AgentCallRecord> calls, long breaches) {
		long accepted = 0;
		long edited = 0;
		long low = 0;
		double confidence = 0;
		long confident = 0;
		for (AgentCallRecord c : calls) {
			accepted += c.feedback() == AgentCall.Feedback.ACCEPTED ? 1 : 0;
			edited += c.feedback() == AgentCall.Feedback.EDITED ? 1 : 0;
			low += c.outcome() == AgentCall.Outcome.LOW_CONFIDENCE ? 1 : 0;
			if (c.confidence() != null) {
				confidence += c.confidence();
				confident++;
			}
		}
		return new Quality(calls.size(), accepted, edited, low, confident == 0 ? null : confidence / confident, breaches);
	}

	private List<Variant> variants(List<Finished> finished) {
		Map<List<String>, List<Long>> byPath = new HashMap<>();
		for (Finished f : finished) {
			byPath.computeIfAbsent(f.path(), p -> new ArrayList<>()).add(f.cycleMillis());
		}
		return byPath.entrySet().stream()
			.sorted(Comparator.<Map.Entry<List<String>, List<Long>>>comparingInt(e -> -e.getValue().size())
				.thenComparing(e -> String.join(",", e.getKey())))
			.limit(properties.variants())
			.map(e -> new Variant(e.getKey(), e.getValue().size(), e.getValue().size() / (double) finished.size(),
					Stats.of(e.getValue().stream().mapToLong(Long::longValue).toArray()).p50()))
			.toList();
	}

	private static Bottlenecks bottlenecks(List<ActivityInsight> activities) {
		return new Bottlenecks(ranked(activities, a -> a.duration().mean() == null ? 0 : a.duration().mean() * a.duration().count()),
				ranked(activities, a -> a.waiting().mean() == null ? 0 : a.waiting().mean() * a.waiting().count()),
				ranked(activities, ActivityInsight::totalCost));
	}

	private static List<Share> ranked(List<ActivityInsight> activities, ToDoubleFunction<ActivityInsight> amount) {
		double total = activities.stream().mapToDouble(amount).sum();
		return activities.stream()
			.map(a -> new Share(a.activityId(), a.name(), total == 0 ? 0 : amount.applyAsDouble(a) / total))
			.sorted(Comparator.comparingDouble(Share::share).reversed().thenComparing(Share::activityId))
			.toList();
	}
}
