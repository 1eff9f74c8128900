package io.smartops.insight.mining;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.springframework.stereotype.Service;

import io.smartops.insight.mining.Alignments.Alignment;
import io.smartops.insight.mining.Alignments.Move;
import io.smartops.insight.mining.Alignments.MoveKind;
import io.smartops.insight.mining.CaseStream.Case;
import io.smartops.insight.mining.CaseStream.Query;
import io.smartops.insight.mining.CaseStream.Step;
import io.smartops.insight.mining.ConformanceReport.ActivityDeviations;
import io.smartops.insight.mining.ConformanceReport.DayFitness;
import io.smartops.insight.mining.ConformanceReport.Example;
import io.smartops.insight.mining.ConformanceReport.Heat;
import io.smartops.insight.mining.ConformanceReport.InstanceFitness;

/**
 * Conformance checking: every instance of a process that started in a window and has ended is
 * replayed on the deployed BPMN of its own version ({@link ProcessNet}) by an optimal alignment
 * ({@link Alignments}) of its completed task executions (cancelled ones did not happen). The
 * instances stream in; an alignment is computed once per version and variant, so a history of any
 * length costs as many searches as it has distinct variants. Each instance's alignment is then
 * replayed with its times, for the heatmap: a token's wait on a sequence flow is the time from
 * when it was put there to when it was taken.
 */
@Service
public class Conformance {

	static final String ALGORITHM = "optimal alignments (Adriansyah 2014; Carmona et al., Conformance Checking, Springer 2018,"
			+ " ch. 7) on the BPMN model read as a workflow net (van der Aalst, Process Mining, 2016)";

	/** The examples listed per task, and the least fitting instances listed. */
	static final int EXAMPLES = 5;
	static final int LEAST = 20;
	/** Distinct variants whose alignment is kept during one check. */
	static final int VARIANTS_KEPT = 20_000;

	private final CaseStream cases;
	private final RepositoryService repository;
	private final Map<String, Model> models = new ConcurrentHashMap<>();

	Conformance(CaseStream cases, RepositoryService repository) {
		this.cases = cases;
		this.repository = repository;
	}

	/** A version's net and the length of its shortest run. */
	private record Model(ProcessNet net, int shortestRun) {
	}

	private Model model(String definitionId) {
		return models.computeIfAbsent(definitionId, id -> {
			ProcessNet net = ProcessNet.of(repository.getBpmnModelInstance(id));
			return new Model(net, Alignments.shortestRun(net));
		});
	}

	/** The cockpit page of an instance. */
	public static String cockpit(String instanceId) {
		return "/camunda/app/cockpit/default/#/process-instance/" + instanceId;
	}

	/** How long {@link #recent} keeps a check. */
	static final long RECENT_MILLIS = 60_000;

	private record Recent(String key, ConformanceReport report, long at) {
	}

	private volatile Recent recent;

	/**
	 * The check of all versions over [from, to) made in the last minute for the same process and
	 * window (to the minute), or a new one: the improvement plan's findings reuse the check that the
	 * dashboard asked for just before.
	 */
	public ConformanceReport recent(String processKey, Instant from, Instant to) {
		Recent last = recent;
		if (last != null && last.key().equals(recentKey(processKey, from, to))
				&& System.currentTimeMillis() - last.at() < RECENT_MILLIS) {
			return last.report();
		}
		return check(processKey, null, null, from, to);
	}

	/** A check of all versions is known by its process and window, to the minute. */
	private static String recentKey(String processKey, Instant from, Instant to) {
		return processKey + "|" + from.getEpochSecond() / 60 + "|" + to.getEpochSecond() / 60;
	}

	/** Checks the ended instances that started in [from, to), of one version when {@code definitionId} is set. */
	public ConformanceReport check(String processKey, Integer version, String definitionId, Instant from, Instant to) {
		Tally tally = new Tally();
		cases.forEach(new Query(processKey, definitionId, from.toEpochMilli(), to.toEpochMilli(), true, Set.of(), true),
				tally::add);
		ConformanceReport report = tally.report(processKey, version, from, to);
		if (definitionId == null) {
			recent = new Recent(recentKey(processKey, from, to), report, System.currentTimeMillis());
		}
		return report;
	}

	/** What a check adds up as the instances stream in. */
	private final class Tally {

		long instances;
		long fitting;
		long byHand;
		long unaligned;
		long deviations;
		long worst;
		final Map<String, Long> distribution = new LinkedHashMap<>();
		final TreeMap<LocalDate, long[]> days = new TreeMap<>();
		final Map<String, Deviations> activities = new LinkedHashMap<>();
		final Map<String, String> names = new HashMap<>();
		/** The versions whose task names are in {@link #names}. */
		final Set<String> versions = new HashSet<>();
		final PriorityQueue<InstanceFitness> least = new PriorityQueue<>(
				Comparator.comparingDouble(InstanceFitness::fitness).reversed());
		final Map<String, long[]> activityHeat = new LinkedHashMap<>();
		final Map<String, long[]> flowHeat = new LinkedHashMap<>();
		final Map<String, Alignment> aligned = new LinkedHashMap<>(1024, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Alignment> eldest) {
				return size() > VARIANTS_KEPT;
			}
		};

		Tally() {
			for (String bucket : List.of("1", "0.9–1", "0.8–0.9", "0.7–0.8", "0.6–0.7", "0.5–0.6", "below 0.5")) {
				distribution.put(bucket, 0L);
			}
		}

		void add(Case c) {
			Model model = model(c.definitionId());
			if (versions.add(c.definitionId())) {
				model.net().tasks().forEach(names::putIfAbsent);
			}
			List<Step> steps = c.completedSteps();
			List<String> trace = steps.stream().map(Step::activityId).toList();
			Alignment a = aligned.computeIfAbsent(c.definitionId() + "|" + String.join(",", trace),
					k -> Alignments.align(model.net(), trace));
			double fitness = a.complete() ? Alignments.fitness(a, model.shortestRun()) : 0;
			instances++;
			if (c.changedByHand()) {
				byHand++;
			}
			if (!a.complete()) {
				unaligned++;
			}
			if (a.complete() && a.deviations() == 0) {
				fitting++;
			}
			int worstCost = trace.size() + model.shortestRun();
			long cost = a.complete() ? a.deviations() : worstCost;
			deviations += cost;
			worst += worstCost;
			distribution.merge(bucket(fitness), 1L, Long::sum);
			long[] day = days.computeIfAbsent(LocalDate.ofInstant(Instant.ofEpochMilli(c.end()), ZoneOffset.UTC),
					d -> new long[3]);
			day[0]++;
			day[1] += cost;
			day[2] += worstCost;
			List<String> details = deviationsOf(c, a);
			if (fitness < 1) {
				least.add(new InstanceFitness(c.id(), fitness, (int) cost, c.changedByHand(), details, cockpit(c.id())));
				if (least.size() > LEAST) {
					least.poll();
				}
			}
			for (Step s : steps) {
				long[] heat = activityHeat.computeIfAbsent(s.activityId(), k -> new long[3]);
				heat[0]++;
				if (s.end() != null) {
					heat[1] += s.end() - s.start();
					heat[2]++;
				}
			}
			if (a.complete()) {
				replayTimes(model.net(), c, steps, a);
			}
		}

		/** Counts the alignment's deviations per task; returns them in words. */
		private List<String> deviationsOf(Case c, Alignment a) {
			List<String> words = new ArrayList<>();
			Alignments.deviations(a).forEach((activity, deviation) -> {
				Deviations d = activities.computeIfAbsent(activity, k -> new Deviations());
				d.skipped += deviation.skipped();
				d.inserted += deviation.inserted();
				d.outOfOrder += deviation.outOfOrder();
				d.instances++;
				if (c.changedByHand()) {
					d.byHand++;
				}
				String name = names.getOrDefault(activity, activity);
				Map<String, Integer> kinds = new LinkedHashMap<>();
				kinds.put("skipped", deviation.skipped());
				kinds.put("inserted", deviation.inserted());
				kinds.put("out of order", deviation.outOfOrder());
				kinds.forEach((kind, count) -> {
					if (count > 0) {
						words.add("'" + name + "' " + kind + (count > 1 ? " " + count + " times" : ""));
						if (d.examples.size() < EXAMPLES) {
							d.examples.add(new Example(c.id(), kind, c.changedByHand(), cockpit(c.id())));
						}
					}
				});
			});
			if (!a.complete()) {
				words.add("no alignment found within " + Alignments.MAX_STATES + " states");
			}
			return words;
		}

		/** Replays the alignment with the instance's times: tokens per sequence flow and their waits. */
		private void replayTimes(ProcessNet net, Case c, List<Step> steps, Alignment a) {
			List<ArrayDeque<Long>> tokens = new ArrayList<>(net.placeCount());
			for (int p = 0; p < net.placeCount(); p++) {
				tokens.add(new ArrayDeque<>());
			}
			long now = c.start();
			int event = 0;
			for (Move m : a.moves()) {
				if (m.kind() == MoveKind.LOG) {
					Step s = steps.get(event++);
					now = Math.max(now, s.end() == null ? s.start() : s.end());
					continue;
				}
				ProcessNet.Transition t = net.transitions().get(m.transition());
				long taken = now;
				long put = now;
				if (m.kind() == MoveKind.SYNC) {
					Step s = steps.get(event++);
					taken = s.start();
					put = s.end() == null ? s.start() : s.end();
				}
				for (int p : t.in()) {
					Long born = tokens.get(p).pollFirst();
					String flow = net.flowOf(p);
					if (flow != null && born != null) {
						long[] heat = flowHeat.computeIfAbsent(flow, k -> new long[3]);
						heat[1] += Math.max(0, taken - born);
						heat[2]++;
					}
				}
				for (int p : t.out()) {
					tokens.get(p).addLast(put);
					String flow = net.flowOf(p);
					if (flow != null) {
						flowHeat.computeIfAbsent(flow, k -> new long[3])[0]++;
					}
				}
				now = Math.max(now, put);
			}
		}

		ConformanceReport report(String processKey, Integer version, Instant from, Instant to) {
			List<DayFitness> overTime = new ArrayList<>();
			days.forEach((day, n) -> overTime.add(new DayFitness(day, n[0], n[2] == 0 ? 1 : 1 - (double) n[1] / n[2])));
			List<ActivityDeviations> deviationList = new ArrayList<>();
			activities.forEach((activity, d) -> deviationList.add(new ActivityDeviations(activity,
					names.getOrDefault(activity, activity), d.skipped, d.inserted, d.outOfOrder, d.instances,
					instances == 0 ? 0 : (double) d.instances / instances, d.byHand, List.copyOf(d.examples))));
			deviationList.sort(Comparator.comparingLong(ActivityDeviations::instances).reversed());
			List<InstanceFitness> leastList = new ArrayList<>(least);
			leastList.sort(Comparator.comparingDouble(InstanceFitness::fitness));
			return new ConformanceReport(processKey, version, from, to,
					instances == 0 ? null : worst == 0 ? 1.0 : 1 - (double) deviations / worst, ALGORITHM, instances, fitting,
					byHand, unaligned, distribution, overTime, deviationList, leastList,
					new ConformanceReport.Heatmap(heat(activityHeat), heat(flowHeat)));
		}

		private static Map<String, Heat> heat(Map<String, long[]> sums) {
			Map<String, Heat> out = new LinkedHashMap<>();
			sums.forEach((id, n) -> out.put(id, new Heat(n[0], n[2] == 0 ? null : n[1] / n[2])));
			return out;
		}
	}

	private static String bucket(double fitness) {
		if (fitness >= 1) {
			return "1";
		}
		if (fitness < 0.5) {
			return "below 0.5";
		}
		int tenth = (int) Math.floor(fitness * 10);
		return String.format("0.%d–%s", tenth, tenth == 9 ? "1" : "0." + (tenth + 1));
	}

	/** One task's deviations as they add up. */
	private static final class Deviations {
		long skipped;
		long inserted;
		long outOfOrder;
		long instances;
		long byHand;
		final List<Example> examples = new ArrayList<>();
	}
}
