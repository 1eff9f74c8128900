package io.smartops.simulate.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.function.ToDoubleFunction;

import org.apache.commons.math3.distribution.TDistribution;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DeploymentBuilder;

import io.smartops.simulate.model.Estimate;
import io.smartops.simulate.model.Scenario;
import io.smartops.simulate.model.ScenarioResult;
import io.smartops.simulate.model.ScenarioResult.Bucket;
import io.smartops.simulate.model.SimulationSpec;

/**
 * Runs a simulation job: an in-memory engine of its own (H2 in memory, no job executor, no
 * history) with the simulated model deployed, each scenario replicated with the same seeds (common
 * random numbers, so that the scenarios differ by their changes and not by luck), and each KPI's
 * mean with its 95% interval over the replications. Must run in a JVM of its own: the engine's
 * clock ({@link ClockUtil}) is global to the JVM.
 */
public final class SimulationRunner {

	static final int HISTOGRAM_BUCKETS = 30;
	static final int QUANTILES = 201;

	private SimulationRunner() {
	}

	/** The results, a scenario each in order; {@code progress} hears of each instance started. */
	public static List<ScenarioResult> run(SimulationSpec spec, LongConsumer progress) {
		long began = System.nanoTime();
		SimulationHooks hooks = new SimulationHooks();
		ProcessEngine engine = engine();
		System.err.printf("simulator: engine ready in %d ms%n", (System.nanoTime() - began) / 1_000_000);
		try {
			DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("simulation")
				.addString(spec.processKey() + ".bpmn", SimulationBpmn.simulated(spec.bpmnXml(), spec.processKey()));
			spec.dmnXml().forEach(deployment::addString);
			String definitionId = deployment.deployWithResult().getDeployedProcessDefinitions().get(0).getId();
			SimulationBpmn.Shape shape = SimulationBpmn.shape(SimulationBpmn.read(spec.bpmnXml()), spec.processKey());
			Map<String, List<Replication.Figures>> figures = new LinkedHashMap<>();
			for (Scenario scenario : spec.scenarios()) {
				List<Replication.Figures> runs = new ArrayList<>();
				for (int r = 0; r < spec.replications(); r++) {
					runs.add(new Replication(engine, definitionId, hooks, shape, scenario.parameters(), spec.seed() + r, spec.instances(),
							spec.horizonMillis(), spec.warmUpShare(), progress).run());
				}
				figures.put(scenario.label(), runs);
			}
			double top = 0;
			for (List<Replication.Figures> runs : figures.values()) {
				top = Math.max(top, quantile(pooled(runs), 0.99));
			}
			List<ScenarioResult> results = new ArrayList<>();
			for (Scenario scenario : spec.scenarios()) {
				results.add(result(scenario, figures.get(scenario.label()), top));
			}
			return results;
		}
		finally {
			ClockUtil.reset();
			engine.close();
		}
	}

	private static ProcessEngine engine() {
		StandaloneInMemProcessEngineConfiguration c = new StandaloneInMemProcessEngineConfiguration();
		String name = "smartops-simulation-" + UUID.randomUUID();
		c.setProcessEngineName(name);
		c.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
		c.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
		c.setHistory(ProcessEngineConfiguration.HISTORY_NONE);
		c.setJobExecutorActivate(false);
		c.setMetricsEnabled(false);
		c.setDbMetricsReporterActivate(false);
		c.setEnforceHistoryTimeToLive(false);
		JuelExpressionManager expressions = new JuelExpressionManager();
		try {
			expressions.addFunction(SimulationBpmn.TOOK, SimulationHooks.class.getMethod(SimulationBpmn.TOOK,
					org.camunda.bpm.engine.delegate.DelegateExecution.class, String.class));
		}
		catch (NoSuchMethodException e) {
			throw new IllegalStateException(e);
		}
		c.setExpressionManager(expressions);
		return c.buildProcessEngine();
	}

	private static double[] pooled(List<Replication.Figures> runs) {
		double[] all = runs.stream().flatMapToDouble(f -> Arrays.stream(f.cycleTimes())).toArray();
		Arrays.sort(all);
		return all;
	}

	private static ScenarioResult result(Scenario scenario, List<Replication.Figures> runs, double top) {
		Map<String, Estimate> cycle = new LinkedHashMap<>();
		cycle.put("p50", estimate(runs, f -> quantile(sorted(f.cycleTimes()), 0.5)));
		cycle.put("p90", estimate(runs, f -> quantile(sorted(f.cycleTimes()), 0.9)));
		cycle.put("p95", estimate(runs, f -> quantile(sorted(f.cycleTimes()), 0.95)));
		cycle.put("mean", estimate(runs, f -> Arrays.stream(f.cycleTimes()).average().orElse(Double.NaN)));
		Map<String, Estimate> utilisation = new TreeMap<>();
		// a group the parameters do not list gets its people when its first task comes, in some replications only
		runs.stream().flatMap(f -> f.people().keySet().stream()).distinct().forEach(group -> utilisation.put(group,
				estimate(runs, f -> f.people().containsKey(group)
						? f.busy().get(group) / f.people().get(group) / f.windowMillis() : 0)));
		Map<String, Estimate> waiting = new TreeMap<>();
		runs.stream().flatMap(f -> f.waiting().keySet().stream()).distinct().forEach(activity -> waiting.put(activity,
				estimate(runs, f -> {
					double[] s = f.waiting().get(activity);
					return s == null || s[1] == 0 ? Double.NaN : s[0] / s[1];
				})));
		double[] all = pooled(runs);
		double width = Math.max(1, top / HISTOGRAM_BUCKETS);
		long[] counts = new long[HISTOGRAM_BUCKETS];
		for (double c : all) {
			counts[Math.min(HISTOGRAM_BUCKETS - 1, (int) (c / width))]++;
		}
		List<Bucket> histogram = new ArrayList<>();
		for (int b = 0; b < HISTOGRAM_BUCKETS; b++) {
			histogram.add(new Bucket(Math.round(b * width),
					b == HISTOGRAM_BUCKETS - 1 ? Long.MAX_VALUE : Math.round((b + 1) * width), counts[b]));
		}
		double[] quantiles = new double[all.length == 0 ? 0 : QUANTILES];
		for (int q = 0; q < quantiles.length; q++) {
			quantiles[q] = quantile(all, q / (double) (QUANTILES - 1));
		}
		boolean sla = scenario.parameters().slaMillis() != null;
		return new ScenarioResult(scenario.label(), cycle,
				estimate(runs, f -> f.cycleTimes().length / (f.windowMillis() / 86_400_000.0)),
				estimate(runs, f -> f.wipArea() / f.windowMillis()), utilisation, waiting,
				estimate(runs, f -> f.cycleTimes().length == 0 ? Double.NaN : f.cost() / f.cycleTimes().length),
				sla ? estimate(runs, f -> f.cycleTimes().length == 0 ? Double.NaN
						: f.slaMet() / (double) f.cycleTimes().length) : null,
				estimate(runs, f -> f.cycleTimes().length == 0 ? Double.NaN : f.wrongOutputs() / f.cycleTimes().length),
				histogram, quantiles, all.length, runs.stream().mapToLong(Replication.Figures::unfinished).sum());
	}

	private static double[] sorted(double[] values) {
		double[] copy = values.clone();
		Arrays.sort(copy);
		return copy;
	}

	/** The q-quantile of sorted values, interpolated between neighbours; NaN when there are none. */
	public static double quantile(double[] sorted, double q) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		double pos = q * (sorted.length - 1);
		int lo = (int) Math.floor(pos);
		int hi = Math.min(sorted.length - 1, lo + 1);
		return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
	}

	/** The mean over the replications and, with two or more, its 95% Student's t interval. */
	static Estimate estimate(List<Replication.Figures> runs, ToDoubleFunction<Replication.Figures> kpi) {
		double[] x = runs.stream().mapToDouble(kpi).filter(v -> !Double.isNaN(v)).toArray();
		if (x.length == 0) {
			return new Estimate(null, null, null);
		}
		double mean = Arrays.stream(x).average().orElseThrow();
		if (x.length < 2) {
			return new Estimate(mean, null, null);
		}
		double ss = 0;
		for (double v : x) {
			ss += (v - mean) * (v - mean);
		}
		double half = new TDistribution(x.length - 1).inverseCumulativeProbability(0.975)
				* Math.sqrt(ss / (x.length - 1) / x.length);
		return new Estimate(mean, mean - half, mean + half);
	}
}
