package io.smartops.simulate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smartops.server.SmartOpsServer;
import io.smartops.demo.sales.SalesProcess;
import io.smartops.simulate.model.ScenarioResult;
import io.smartops.simulate.model.SimulationSpec;
import io.smartops.support.BenchmarkDatabase;

/**
 * The simulator's validation and speed (docs/benchmarks.md), on a fresh H2 database with the
 * demo's history ({@code DAYS} days of leads):
 * <ol>
 * <li>queueing theory: M/M/1 at 50% and M/M/3 at 80% load, the simulated mean wait against
 * Erlang's C formula;</li>
 * <li>backtests: fitted on the first 60% of a history, the cycle times of the instances that
 * started in the rest predicted — on the generated claims history (known parameters) and on the
 * demo's sales history — with the relative errors of p50 and p90 and the earth mover's distance;</li>
 * <li>speed: {@code sales-operations} simulated for 1,000, 10,000 and 100,000 instances (one
 * replication, the simulator's JVM start included), instances per second at each.</li>
 * </ol>
 * Run with {@code .ci/benchmarks/simulation.sh [DAYS] [SIZES…]}.
 */
public final class SimulationBenchmark {

	private static final Logger log = LoggerFactory.getLogger(SimulationBenchmark.class);

	public static void main(String[] args) throws Exception {
		int days = args.length > 0 ? Integer.parseInt(args[0]) : 56;
		List<Integer> sizes = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			sizes.add(Integer.parseInt(args[i]));
		}
		if (sizes.isEmpty()) {
			sizes = List.of(1_000, 10_000, 100_000);
		}
		queueing();
		BenchmarkDatabase database = BenchmarkDatabase.fresh("h2", "smartops_simulation_bench");
		ConfigurableApplicationContext app = new SpringApplicationBuilder(SmartOpsServer.class)
			.run(database.with(List.of("--server.port=0", "--smartops.demo.enabled=false", "--smartops.demo.start-run=false",
					"--smartops.demo.history.enabled=true", "--smartops.demo.history.days=" + days,
					"--smartops.demo.history.leads-per-day=10", "--smartops.agents.in-server-workers=false",
					"--camunda.bpm.job-execution.enabled=false", "--logging.level.root=WARN",
					"--logging.level.io.smartops.simulate=INFO", "--logging.level.io.smartops.demo=INFO",
					"--smartops.simulation.java-options=-Xmx2g,-XX:+UseParallelGC")));
		try {
			Simulations simulations = app.getBean(Simulations.class);
			ProcessEngine engine = app.getBean(ProcessEngine.class);
			engine.getRepositoryService().createDeployment().addClasspathResource("simulation/claims.bpmn").deploy();
			Instant t0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(days + 40));
			new ClaimsHistory(engine, 5).run(t0, t0.plus(Duration.ofDays(28)));
			log.info("backtest, generated claims history (known parameters): {}",
					backtest(simulations, engine, ClaimsHistory.KEY, t0, t0.plus(Duration.ofDays(28))));
			Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
			// the demo's last two days end at the review: the backtest leaves them out
			log.info("backtest, demo sales history: {}",
					backtest(simulations, engine, SalesProcess.KEY, today.minus(Duration.ofDays(days)),
							today.minus(Duration.ofDays(2))));
			for (int n : sizes) {
				long started = System.nanoTime();
				Simulations.SimulationView v = await(simulations, simulations.submit(new SimulationRequest(SalesProcess.KEY,
						n, null, 1, 1L, 0.1, null, null, List.of(), null), "benchmark").id());
				double seconds = (System.nanoTime() - started) / 1e9;
				ScenarioResult r = v.result().scenarios().get(0).result();
				log.info(String.format("speed: %,d instances of %s in %.1f s (%,.0f instances/s, the simulator's JVM and"
						+ " engine start included); %,d completed, %,d still running at the end", n, SalesProcess.KEY, seconds,
						n / seconds, r.completed(), r.unfinished()));
			}
		}
		finally {
			app.close();
			database.delete();
		}
	}

	private static Backtest backtest(Simulations simulations, ProcessEngine engine, String key, Instant from, Instant to)
			throws InterruptedException {
		Instant split = from.plusMillis(Math.round(Duration.between(from, to).toMillis() * 0.6));
		double[] observed = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(key)
			.startedAfter(Date.from(split)).startedBefore(Date.from(to)).finished().list().stream()
			.mapToDouble(HistoricProcessInstance::getDurationInMillis).toArray();
		Simulations.SimulationView v = await(simulations, simulations.submit(new SimulationRequest(key,
				(int) Math.ceil(observed.length / 0.8), null, 10, 3L, 0.2, from.toString(), split.toString(), List.of(), null),
				"benchmark").id());
		log.info("fitted on {} instances of {}; assumed: {}", v.result().fit().instances(), key, v.result().fit().assumptions());
		return Backtest.of(observed, v.result().scenarios().get(0).result());
	}

	private static void queueing() {
		SimulationProcess simulator = new SimulationProcess(new SimulationProperties(List.of("-Xmx1g"), 1, 2000,
				1_000_000, 5, 0.1, 5000, 200, Duration.ofMinutes(30), Duration.ofMinutes(2)), new ObjectMapper());
		for (double[] c : new double[][] { { 0.5, 1, 1 }, { 2.4, 1, 3 } }) {
			double lambda = c[0];
			int people = (int) c[2];
			var p = QueueingValidationTests.singleQueue(lambda, c[1], people);
			long started = System.nanoTime();
			ScenarioResult r = simulator.run(new SimulationSpec("single-queue", model(), Map.of(),
					List.of(new io.smartops.simulate.model.Scenario("baseline", p)), 50_000, null, 5, 21, 0.1), (n, t) -> {
					}).get(0);
			double expected = QueueingValidationTests.erlangCMeanWait(lambda, 1 / c[1], people) * QueueingValidationTests.HOUR;
			var waited = r.waiting().get("Task_HandleRequest");
			log.info(String.format("queueing: M/M/%d at %.0f%% load, 5 × 50,000 instances in %.1f s: mean wait %.4f h"
					+ " (95%% interval %.4f–%.4f), Erlang C %.4f h, error %.2f%%", people, 100 * lambda * c[1] / people,
					(System.nanoTime() - started) / 1e9, waited.mean() / 3.6e6, waited.low() / 3.6e6, waited.high() / 3.6e6,
					expected / 3.6e6, 100 * Math.abs(waited.mean() - expected) / expected));
		}
	}

	private static String model() {
		try {
			return QueueingValidationTests.model("single-queue.bpmn");
		}
		catch (java.io.IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private static Simulations.SimulationView await(Simulations simulations, String id) throws InterruptedException {
		while (true) {
			Simulations.SimulationView v = simulations.get(id);
			if (v.status() == Simulations.Status.SUCCEEDED) {
				return v;
			}
			if (v.status() == Simulations.Status.FAILED) {
				throw new IllegalStateException("simulation failed: " + v.error());
			}
			Thread.sleep(500);
		}
	}
}
