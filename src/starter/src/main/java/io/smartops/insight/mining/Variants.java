package io.smartops.insight.mining;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.camunda.bpm.engine.RepositoryService;
import org.springframework.stereotype.Service;

import io.smartops.core.execution.TaskExecution.ExecutorKind;
import io.smartops.insight.mining.CaseStream.Case;
import io.smartops.insight.mining.CaseStream.Query;
import io.smartops.insight.mining.CaseStream.Step;

/**
 * A process's variants: the ended instances that started in a window, grouped by the sequence of
 * tasks they completed, each with its share, cycle time, cost and outcomes, filtered by outcome
 * (the end event's id or name, or the state of an instance that did not reach one) and by the kind
 * of executor that took part.
 */
@Service
public class Variants {

	/** Cycle times kept per variant for its median (a uniform sample beyond that, Vitter's algorithm R). */
	static final int SAMPLE = 2_000;
	static final int EXAMPLES = 5;

	private final CaseStream cases;
	private final RepositoryService repository;

	Variants(CaseStream cases, RepositoryService repository) {
		this.cases = cases;
		this.repository = repository;
	}

	/**
	 * One variant.
	 *
	 * @param activityIds the tasks in the order they completed
	 * @param share of the instances that pass the filters
	 * @param cycleTimeP50Millis median from start to end (of a sample of at most {@value #SAMPLE})
	 * @param outcomes how its instances ended, and how many each way
	 * @param executorKinds task executions per kind of executor
	 * @param examples some of its instances, to open in Cockpit
	 */
	public record Variant(List<String> activityIds, List<String> activities, long instances, double share,
			long cycleTimeP50Millis, long cycleTimeMeanMillis, double meanCost, Map<String, Long> outcomes,
			Map<String, Long> executorKinds, List<Example> examples) {
	}

	public record Example(String instanceId, String cockpit) {
	}

	/** The report: instances that pass the filters, how many variants they form, the most frequent ones; the outcomes seen. */
	public record VariantReport(String processKey, Integer version, Instant from, Instant to, String outcome,
			ExecutorKind executorKind, long instances, int variants, List<Variant> top, List<String> outcomes) {
	}

	public VariantReport variants(String processKey, Integer version, String definitionId, Instant from, Instant to,
			String outcome, ExecutorKind kind, int limit) {
		Map<String, String> names = new HashMap<>();
		Map<String, String> endNames = new HashMap<>();
		Map<String, Group> groups = new HashMap<>();
		TreeMap<String, Boolean> outcomes = new TreeMap<>();
		long[] passed = new long[1];
		SplittableRandom random = new SplittableRandom(1849);
		cases.forEach(new Query(processKey, definitionId, from.toEpochMilli(), to.toEpochMilli(), true, Set.of(),
				false), c -> {
					String ended = EventLogExport.outcome(c);
					outcomes.put(ended, true);
					List<Step> steps = c.completedSteps();
					if (outcome != null && !outcome.equals(ended) && !outcome.equals(endName(c, endNames))) {
						return;
					}
					if (kind != null && steps.stream().noneMatch(s -> s.kind() == kind)) {
						return;
					}
					passed[0]++;
					List<String> ids = steps.stream().map(Step::activityId).toList();
					Group g = groups.computeIfAbsent(String.join(",", ids), key -> new Group(key, ids));
					g.add(c, steps, ended, random);
					steps.forEach(s -> names.putIfAbsent(s.activityId(), s.activityName() == null ? s.activityId() : s.activityName()));
				});
		List<Variant> top = groups.values().stream()
			.sorted(Comparator.comparingLong((Group g) -> g.instances).reversed().thenComparing(g -> g.key))
			.limit(limit)
			.map(g -> g.variant(passed[0], names))
			.toList();
		return new VariantReport(processKey, version, from, to, outcome, kind, passed[0], groups.size(), top,
				List.copyOf(outcomes.keySet()));
	}

	/** The name of the end event an instance reached, from its version's model; cached by version and end event. */
	private String endName(Case c, Map<String, String> cache) {
		if (c.endActivityId() == null) {
			return null;
		}
		return cache.computeIfAbsent(c.definitionId() + "|" + c.endActivityId(), k -> {
			var element = repository.getBpmnModelInstance(c.definitionId()).getModelElementById(c.endActivityId());
			return element == null ? null : element.getAttributeValue("name");
		});
	}

	/** One variant as it adds up. */
	private static final class Group {
		final String key;
		final List<String> ids;
		long instances;
		long cycleSum;
		double costSum;
		long[] sample = new long[16];
		int sampled;
		final Map<String, Long> outcomes = new TreeMap<>();
		final Map<String, Long> kinds = new TreeMap<>();
		final List<Example> examples = new ArrayList<>();

		Group(String key, List<String> ids) {
			this.key = key;
			this.ids = ids;
		}

		void add(Case c, List<Step> steps, String outcome, SplittableRandom random) {
			instances++;
			long cycle = c.end() - c.start();
			cycleSum += cycle;
			if (sampled < SAMPLE) {
				if (sampled == sample.length) {
					sample = Arrays.copyOf(sample, Math.min(SAMPLE, sample.length * 2));
				}
				sample[sampled++] = cycle;
			}
			else {
				long j = random.nextLong(instances);
				if (j < SAMPLE) {
					sample[(int) j] = cycle;
				}
			}
			for (Step s : steps) {
				costSum += s.cost() == null ? 0 : s.cost();
				kinds.merge(s.kind().name(), 1L, Long::sum);
			}
			outcomes.merge(outcome, 1L, Long::sum);
			if (examples.size() < EXAMPLES) {
				examples.add(new Example(c.id(), Conformance.cockpit(c.id())));
			}
		}

		Variant variant(long total, Map<String, String> names) {
			long[] sorted = Arrays.copyOf(sample, sampled);
			Arrays.sort(sorted);
			return new Variant(ids, ids.stream().map(id -> names.getOrDefault(id, id)).toList(), instances,
					total == 0 ? 0 : (double) instances / total, sorted.length == 0 ? 0 : sorted[(sorted.length - 1) / 2],
					instances == 0 ? 0 : cycleSum / instances, instances == 0 ? 0 : costSum / instances, outcomes, kinds,
					examples);
		}
	}
}
