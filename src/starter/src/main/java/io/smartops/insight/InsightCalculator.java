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
import io.smartops.insight.HistoryDigest.ExecutionDigest;
import io.smartops.insight.HistoryDigest.InstanceDigest;
import io.smartops.insight.ProcessHistory.AgentCallRecord;
import io.smartops.insight.ProcessInsight.ActivityInsight;
import io.smartops.insight.ProcessInsight.Bottlenecks;
import io.smartops.insight.ProcessInsight.EndToEnd;
import io.smartops.insight.ProcessInsight.Quality;
import io.smartops.insight.ProcessInsight.Share;
import io.smartops.insight.ProcessInsight.Variant;
import io.smartops.core.execution.TaskExecution.ExecutorKind;
import io.smartops.core.execution.TaskExecution.Outcome;

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
		return calculate(HistoryDigest.of(history), from, to, slaMillis);
	}

	/** The same from digested history. */
	public Result calculate(HistoryDigest history, long from, long to, Long slaMillis) {
		return calculate(tally(from, to).add(history), slaMillis);
	}

	/** An empty tally of the window [from, to). */
	public Tally tally(long from, long to) {
		return new Tally(from, to);
	}

	/**
	 * A window's history summed up as it is read: the instances, each task's figures (only the
	 * executions that started in the window count) and the agent calls.
	 */
	public final class Tally implements ExecutionSink {

		final long from;
		final long to;
		final List<InstanceDigest> instances = new ArrayList<>();
		final Map<String, ActivityFigures> activities = new HashMap<>();
		final Map<String, List<AgentCallRecord>> calls = new HashMap<>();

		private Tally(long from, long to) {
			this.from = from;
			this.to = to;
		}

		@Override
		public void accept(String activityId, String activityName, ExecutorKind kind, long startMillis,
				long durationMillis, long workingMillis, double cost, Outcome outcome, int failures, int escalations,
				String group, String executorId, int run, boolean repeated) {
			if (startMillis >= from && startMillis < to) {
				activities.computeIfAbsent(activityId, ActivityFigures::new).add(activityName, kind, durationMillis,
						workingMillis, outcome, failures, escalations, group, executorId, run, repeated,
						cost(kind, workingMillis, cost, group));
			}
		}

		/** Adds a digest's instances, executions and calls. */
		public Tally add(HistoryDigest digest) {
			instances.addAll(digest.instances());
			for (ExecutionDigest e : digest.executions()) {
				accept(e.activityId(), e.activityName(), e.kind(), e.startMillis(), e.durationMillis(), e.workingMillis(),
						e.cost(), e.outcome(), e.failures(), e.escalations(), e.group(), e.executorId(), e.run(),
						e.repeated());
			}
			digest.calls().forEach(this::add);
			return this;
		}

		/** Adds an agent call (one of the window's). */
		void add(AgentCallRecord call) {
			calls.computeIfAbsent(call.activityId(), k -> new ArrayList<>()).add(call);
		}

		/** The agent calls on a task. */
		List<AgentCallRecord> callsOn(String activityId) {
			return calls.getOrDefault(activityId, List.of());
		}
	}

	/** The insight of a tally. */
	public Result calculate(Tally history, Long slaMillis) {
		long from = history.from;
		long to = history.to;
		List<Finished> finished = new ArrayList<>();
		long started = 0;
		long runningAtEnd = 0;
		double inProgressMillis = 0;
		for (InstanceDigest i : history.instances) {
			if (i.startMillis() >= from && i.startMillis() < to) {
				started++;
			}
			long end = i.endMillis() == null ? Long.MAX_VALUE : i.endMillis();
			if (i.startMillis() < to && end >= to) {
				runningAtEnd++;
			}
			inProgressMillis += Math.max(0, Math.min(end, to) - Math.max(i.startMillis(), from));
			if (i.completed() && i.endMillis() != null && i.endMillis() >= from && i.endMillis() < to) {
				finished.add(new Finished(i.endMillis(), i.endMillis() - i.startMillis(), cost(i), i.firstPass(), i.path()));
			}
		}
		Headline all = headline(finished, to - from, slaMillis);
		EndToEnd endToEnd = new EndToEnd(started, finished.size(), runningAtEnd, all.throughputPerDay(),
				to > from ? inProgressMillis / (to - from) : 0, all.cycleTime(), slaMillis, all.slaAttainment(),
				all.costPerInstance(), all.firstPassYield());
		SortedMap<LocalDate, Week> weeks = weeks(finished, slaMillis);
		List<ActivityInsight> activities = activities(history);
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
	double cost(ExecutorKind kind, long workingMillis, double callCost, String group) {
		return switch (kind) {
			case AGENT -> Double.isNaN(callCost) ? 0 : callCost;
			case HUMAN -> workingMillis == ExecutionDigest.NONE ? 0
					: workingMillis / 3_600_000.0 * properties.hourlyRate(group);
			case AUTOMATION -> properties.automationCostPerExecution();
		};
	}

	/** The cost of one instance, the sum of its executions' costs. */
	double cost(InstanceDigest i) {
		double cost = i.agentCost() + i.automationExecutions() * properties.automationCostPerExecution();
		for (Map.Entry<String, Long> w : i.humanWorkingMillis().entrySet()) {
			cost += w.getValue() / 3_600_000.0 * properties.hourlyRate(w.getKey());
		}
		return cost;
	}

	private List<ActivityInsight> activities(Tally history) {
		List<ActivityInsight> out = new ArrayList<>();
		history.activities.forEach((activityId, figures) -> out.add(activity(figures, history.callsOn(activityId))));
		out.sort(Comparator.comparing(ActivityInsight::activityId));
		return out;
	}

	/**
	 * One task's insight. Its instances are those whose first run of it falls in the window, and
	 * its rework the share of them that ran it again.
	 */
	private static ActivityInsight activity(ActivityFigures f, List<AgentCallRecord> calls) {
		Map<ExecutorKind, Long> kinds = f.kinds();
		ExecutorKind main = kinds.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
		long n = f.executions;
		return new ActivityInsight(f.activityId, f.name, main, kinds, n, f.instances, Stats.of(f.durations.toArray()),
				Stats.of(f.waiting.toArray()), Stats.of(f.working.toArray()),
				f.instances == 0 ? 0 : f.reworked / (double) f.instances, f.failed / (double) n, f.bpmnErrors, f.incidents,
				f.failures, f.totalCost / n, f.totalCost, quality(calls, f.breaches));
	}

	private static Quality quality(List<AgentCallRecord> calls, long breaches) {
		long accepted = 0;
		long edited = 0;
		long low = 0;
		double confidence = 0;
		long confident = 0;
		for (AgentCallRecord c : calls) {
			accepted += c.feedback() == AgentCall.Feedback.ACCEPTED ? 1 : 0;
			// a rejected output was changed by the person as much as an edited one
			edited += c.feedback() == AgentCall.Feedback.EDITED || c.feedback() == AgentCall.Feedback.REJECTED ? 1 : 0;
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
