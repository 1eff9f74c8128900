package io.smartops.insight;

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

import io.smartops.server.SmartOpsServer;
import io.smartops.support.BenchmarkDatabase;

/**
 * What the history digest costs the engine: the same run with the digest on (every instance that
 * ends queued in the engine's transaction, the digester at work every second beside the engine)
 * and off, alternating, on a fresh database each run, after a warm-up round of each; each run first
 * works a thousand instances unmeasured (the engine's code in a new context warms up). The digester
 * runs as configured by default (every 5 s, on instances ended 5 s before) unless an interval is
 * given. Each instance
 * of a small process is worked through the engine's API by several threads: a person claims and
 * completes a review, a worker fetches and completes an external check, an expression records it.
 * Prints per run the throughput, the process's CPU time per instance (steadier than the wall clock
 * on a machine whose disk sets the pace of H2's commits) and the digester's share of the CPU, each
 * round's ratios (on ÷ off, the two runs side by side) and their medians. Run with
 * {@code .ci/benchmarks/digest-cost.sh h2|postgres [INSTANCES] [THREADS] [ROUNDS] [INTERVAL]}.
 */
public final class DigestCostBenchmark {

	private static final Logger log = LoggerFactory.getLogger(DigestCostBenchmark.class);
	private static final String KEY = "digest-cost";

	/**
	 * One run: its throughput, the process's CPU time per instance, what was queued at its end, and
	 * the digester's share of the process's CPU time.
	 */
	record Result(boolean digest, double perSecond, double cpuMillisPerInstance, long queuedAtEnd,
			double digestCpuShare) {
	}

	public static void main(String[] args) throws Exception {
		String vendor = args.length > 0 ? args[0] : "h2";
		int instances = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
		int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
		int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
		String interval = args.length > 4 ? args[4] : "5s";
		List<Result> results = new ArrayList<>();
		for (int round = 0; round <= rounds; round++) {
			// round 0 warms the JVM up and is not counted; the order alternates so that neither goes first always
			for (boolean digest : round % 2 == 0 ? new boolean[] { true, false } : new boolean[] { false, true }) {
				Result r = run(vendor, digest, instances, threads, interval);
				log.info("round {} digest {}: {} instances/s, {} ms CPU an instance, {} queued at the end, digester {}% of"
						+ " the CPU time", round, digest ? "on" : "off", String.format(Locale.ROOT, "%.1f", r.perSecond()),
						String.format(Locale.ROOT, "%.2f", r.cpuMillisPerInstance()), r.queuedAtEnd(),
						String.format(Locale.ROOT, "%.2f", 100 * r.digestCpuShare()));
				if (round > 0) {
					results.add(r);
				}
			}
		}
		double on = median(results.stream().filter(Result::digest).mapToDouble(Result::perSecond).toArray());
		double off = median(results.stream().filter(r -> !r.digest()).mapToDouble(Result::perSecond).toArray());
		double[] ratios = new double[rounds];
		double[] cpuRatios = new double[rounds];
		for (int k = 0; k < rounds; k++) {
			Result on1 = results.get(2 * k).digest() ? results.get(2 * k) : results.get(2 * k + 1);
			Result off1 = results.get(2 * k).digest() ? results.get(2 * k + 1) : results.get(2 * k);
			ratios[k] = on1.perSecond() / off1.perSecond();
			cpuRatios[k] = on1.cpuMillisPerInstance() / off1.cpuMillisPerInstance();
		}
		System.out.printf(Locale.ROOT, "%n%s: %d instances a run, %d threads, %d rounds each after a warm-up round,"
				+ " digest every %s%n", vendor, instances, threads, rounds, interval);
		System.out.printf(Locale.ROOT, "%-8s %12s %18s %14s %18s%n", "digest", "instances/s", "CPU ms/instance",
				"queued at end", "digester CPU share");
		for (Result r : results) {
			System.out.printf(Locale.ROOT, "%-8s %12.1f %18.2f %14d %17.2f%%%n", r.digest() ? "on" : "off", r.perSecond(),
					r.cpuMillisPerInstance(), r.queuedAtEnd(), 100 * r.digestCpuShare());
		}
		System.out.printf(Locale.ROOT, "each round, on ÷ off: %s%n", java.util.Arrays.stream(ratios)
			.mapToObj(r -> String.format(Locale.ROOT, "%.3f", r)).toList());
		System.out.printf(Locale.ROOT, "each round, CPU time an instance on ÷ off: %s%n", java.util.Arrays.stream(cpuRatios)
			.mapToObj(r -> String.format(Locale.ROOT, "%.3f", r)).toList());
		double cpuRatio = median(cpuRatios);
		System.out.printf(Locale.ROOT, "median of the rounds: an instance costs the process %.1f%% more CPU time with the"
				+ " digest on (the queue's insert in the engine's transaction and the digester together)%n",
				100 * (cpuRatio - 1));
		double ratio = median(ratios);
		System.out.printf(Locale.ROOT, "median of the rounds: the engine keeps %.1f%% of its throughput with the digest on"
				+ " (%.1f%% lost); medians %.1f on against %.1f off instances/s%n", 100 * ratio, 100 * (1 - ratio), on, off);
		System.out.printf(Locale.ROOT, "the digester's threads used %.2f%% of the process's CPU time (median of the runs"
				+ " with the digest on)%n", 100 * median(results.stream().filter(Result::digest)
					.mapToDouble(Result::digestCpuShare).toArray()));
	}

	private static double median(double[] values) {
		double[] v = values.clone();
		java.util.Arrays.sort(v);
		return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
	}

	private static Result run(String vendor, boolean digest, int instances, int threads, String interval)
			throws Exception {
		List<String> settings = new ArrayList<>(List.of("--server.port=0", "--smartops.demo.enabled=false",
				"--smartops.demo.start-run=false", "--smartops.agents.in-server-workers=false",
				"--camunda.bpm.job-execution.enabled=false", "--logging.level.root=WARN",
				"--logging.level.io.smartops.insight.DigestCostBenchmark=INFO",
				"--smartops.insights.digest.enabled=" + digest, "--smartops.insights.digest.interval=" + interval));
		BenchmarkDatabase database = BenchmarkDatabase.fresh(vendor, "smartops_digest_bench");
		ConfigurableApplicationContext app = new SpringApplicationBuilder(SmartOpsServer.class)
			.run(database.with(settings));
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
			work(runtime, tasks, external, -WARM_UP, 0, threads);
			long digestCpu = digesterCpuNanos();
			long processCpu = processCpuNanos();
			long start = System.nanoTime();
			work(runtime, tasks, external, 0, instances, threads);
			double seconds = (System.nanoTime() - start) / 1e9;
			long cpu = processCpuNanos() - processCpu;
			double share = (digesterCpuNanos() - digestCpu) / (double) cpu;
			long queued = digest ? app.getBean(HistoryDigester.class).queued() : 0;
			return new Result(digest, instances / seconds, cpu / 1e6 / instances, queued, share);
		}
		finally {
			app.close();
			database.delete();
		}
	}

	private static final int WARM_UP = 1000;

	/** CPU time of the digester's thread so far (of every context's: an earlier context's thread is gone). */
	private static long digesterCpuNanos() {
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		long sum = 0;
		for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (t != null && t.getThreadName().equals("history-digest")) {
				sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
			}
		}
		return sum;
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	/** Works instances [from, to) through with the given number of threads. */
	private static void work(RuntimeService runtime, TaskService tasks, ExternalTaskService external, int from, int to,
			int threads) throws Exception {
		AtomicInteger next = new AtomicInteger(from);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<?>> running = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			String worker = "worker-" + t;
			running.add(pool.submit(() -> {
				for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
					ProcessInstance pi = runtime.startProcessInstanceByKey(KEY, KEY + "-" + i);
					Task review = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
					tasks.claim(review.getId(), "clerk-" + Math.floorMod(i, 5));
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
		pool.shutdown();
	}
}
