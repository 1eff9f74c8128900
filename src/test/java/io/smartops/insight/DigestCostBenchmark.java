package io.smartops.insight;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.smartops.SmartOpsApplication;

/**
 * What the history digest costs the engine: the same run with the digest on (every instance that
 * ends queued in the engine's transaction, the digester at work every second beside the engine)
 * and off, alternating, on a fresh database each run, after a warm-up round of each. Each instance
 * of a small process is worked through the engine's API by several threads: a person claims and
 * completes a review, a worker fetches and completes an external check, an expression records it.
 * Prints instances per second per setting and the ratio. Run with
 * {@code .ci/benchmarks/digest-cost.sh h2|postgres [INSTANCES] [THREADS] [ROUNDS]}.
 */
public final class DigestCostBenchmark {

	private static final Logger log = LoggerFactory.getLogger(DigestCostBenchmark.class);
	private static final String KEY = "digest-cost";

	record Result(boolean digest, double perSecond, long queuedAtEnd) {
	}

	public static void main(String[] args) throws Exception {
		String vendor = args.length > 0 ? args[0] : "h2";
		int instances = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
		int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
		int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
		List<Result> results = new ArrayList<>();
		for (int round = 0; round <= rounds; round++) {
			// round 0 warms the JVM up and is not counted; the order alternates so that neither goes first always
			for (boolean digest : round % 2 == 0 ? new boolean[] { true, false } : new boolean[] { false, true }) {
				Result r = run(vendor, digest, instances, threads);
				log.info("round {} digest {}: {} instances/s, {} queued at the end", round, digest ? "on" : "off",
						String.format(Locale.ROOT, "%.1f", r.perSecond()), r.queuedAtEnd());
				if (round > 0) {
					results.add(r);
				}
			}
		}
		double on = results.stream().filter(Result::digest).mapToDouble(Result::perSecond).average().orElseThrow();
		double off = results.stream().filter(r -> !r.digest()).mapToDouble(Result::perSecond).average().orElseThrow();
		System.out.printf(Locale.ROOT, "%n%s: %d instances a run, %d threads, %d rounds each after a warm-up round%n",
				vendor, instances, threads, rounds);
		System.out.printf(Locale.ROOT, "%-12s %12s %16s%n", "digest", "instances/s", "queued at end");
		for (Result r : results) {
			System.out.printf(Locale.ROOT, "%-12s %12.1f %16d%n", r.digest() ? "on" : "off", r.perSecond(),
					r.queuedAtEnd());
		}
		System.out.printf(Locale.ROOT, "with the digest on the engine keeps %.1f%% of its throughput (%.1f against %.1f"
				+ " instances/s): %.1f%% lost%n", 100 * on / off, on, off, 100 * (1 - on / off));
	}

	private static Result run(String vendor, boolean digest, int instances, int threads) throws Exception {
		List<String> settings = new ArrayList<>(List.of("--server.port=0", "--smartops.demo.enabled=false",
				"--smartops.demo.start-run=false", "--smartops.agents.in-server-workers=false",
				"--camunda.bpm.job-execution.enabled=false", "--logging.level.root=WARN",
				"--logging.level.io.smartops.insight.DigestCostBenchmark=INFO",
				"--smartops.insights.digest.enabled=" + digest, "--smartops.insights.digest.interval=1s",
				"--smartops.insights.digest.settle=0s"));
		if (vendor.equals("postgres")) {
			String database = "smartops_digest_bench";
			try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
				c.createStatement().execute("drop database if exists " + database);
				c.createStatement().execute("create database " + database);
			}
			settings.addAll(List.of("--spring.profiles.active=postgres",
					"--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + database,
					"--spring.datasource.username=postgres", "--spring.datasource.password=",
					"--smartops.worker.password=bench-worker", "--smartops.orchestrate.confirm-secret=bench-confirm",
					"--smartops.orchestrate.apps-api-key=bench-apps"));
		}
		else {
			settings.add("--smartops.data-dir=" + Files.createTempDirectory("smartops-digest-bench"));
		}
		ConfigurableApplicationContext app = new SpringApplicationBuilder(SmartOpsApplication.class)
			.run(settings.toArray(String[]::new));
		try {
			app.getBean(RepositoryService.class).createDeployment()
				.addModelInstance(KEY + ".bpmn", Bpmn.createExecutableProcess(KEY).name("Digest cost")
					.startEvent("Start").userTask("Task_Review").name("Review").camundaCandidateGroups("clerks")
					.serviceTask("Task_Check").name("Check").camundaExternalTask(KEY)
					.serviceTask("Task_Record").name("Record").camundaExpression("${true}")
					.endEvent("End").done())
				.deploy();
			RuntimeService runtime = app.getBean(RuntimeService.class);
			TaskService tasks = app.getBean(TaskService.class);
			ExternalTaskService external = app.getBean(ExternalTaskService.class);
			AtomicInteger next = new AtomicInteger();
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			long start = System.nanoTime();
			List<Future<?>> running = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				String worker = "worker-" + t;
				running.add(pool.submit(() -> {
					for (int i = next.getAndIncrement(); i < instances; i = next.getAndIncrement()) {
						ProcessInstance pi = runtime.startProcessInstanceByKey(KEY, KEY + "-" + i);
						Task review = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
						tasks.claim(review.getId(), "clerk-" + (i % 5));
						tasks.complete(review.getId());
						List<LockedExternalTask> locked = external.fetchAndLock(1, worker).topic(KEY, 60_000)
							.businessKey(pi.getBusinessKey()).execute();
						external.complete(locked.get(0).getId(), worker);
						if (i > 0 && i % 1000 == 0) {
							log.info("{} instances worked through", i);
						}
					}
					return null;
				}));
			}
			for (Future<?> f : running) {
				f.get();
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			pool.shutdown();
			long queued = digest ? app.getBean(HistoryDigester.class).queued() : 0;
			return new Result(digest, instances / seconds, queued);
		}
		finally {
			app.close();
		}
	}
}
