package io.smartops.agent;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.context.ConfigurableApplicationContext;

import io.smartops.agent.worker.AgentWorkers;
import io.smartops.agent.worker.InProcessWorkers;
import io.smartops.agent.worker.RetryPolicy;

/**
 * Agent-task throughput and pick-up latency (task created → handler started) of a one-task
 * process (start → external task → end, no asynchronous continuation), side by side at the same
 * settings: {@code plain}, a fixed topic served by Camunda's external-task client over REST;
 * {@code routed}, Smart Ops' routing (selection per instance, per-agent topic, call audit) served by
 * {@link AgentWorkers} over REST (a standalone worker's path); {@code in-server}, the same routing
 * served by {@link InProcessWorkers} on the engine's Java API (the server's own workers). With 1
 * and 4 worker threads, on H2 in memory or PostgreSQL. Run by
 * {@code .ci/benchmarks/agents.sh [TASKS] [h2|postgres]}; figures in docs/benchmarks.md.
 */
public final class AgentThroughputBenchmark {

	record Result(String mode, int threads, int tasks, double seconds, long p50, long p95) implements BenchServer.Measured {

		@Override
		public double throughput() {
			return tasks / seconds;
		}
	}

	public static void main(String[] args) throws Exception {
		int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 400;
		boolean postgres = args.length > 1 && args[1].equals("postgres");
		ConfigurableApplicationContext app = BenchServer.start("smartops_bench_" + ProcessHandle.current().pid(),
				AgentThroughputBenchmark.class, postgres);
		try {
			String engine = BenchServer.engineRest(app);
			app.getBean(RepositoryService.class)
				.createDeployment()
				.addClasspathResource("bpmn/bench-routed.bpmn")
				.addClasspathResource("bpmn/bench-plain.bpmn")
				.deploy();
			AgentLibrary library = app.getBean(AgentLibrary.class);
			Agent echo = library.registerForeign(new AgentLibrary.Registration("bench-echo", "Echo", "1", 0.0001, 1L, 0.99));
			library.registerForeign(new AgentLibrary.Registration("bench-echo", "Dear echo", "1", 0.01, 1L, 0.99).at(AgentStatus.ACTIVE));
			List<Result> results = new ArrayList<>();
			for (int threads : new int[] { 1, 4 }) {
				for (String mode : new String[] { "plain", "routed", "in-server", "plain", "routed", "in-server" }) {
					results.add(run(app, engine, mode, threads, tasks, echo));
				}
			}
			System.out.println();
			System.out.println("| threads | mode | tasks | seconds | tasks/s | pick-up p50 (ms) | pick-up p95 (ms) |");
			System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
			for (Result r : results) {
				System.out.printf(Locale.ROOT, "| %d | %s | %d | %.2f | %.1f | %d | %d |%n", r.threads(), r.mode(), r.tasks(),
						r.seconds(), r.throughput(), r.p50(), r.p95());
			}
			System.out.println();
			System.out.printf(Locale.ROOT, "%s, %d cores%n", postgres ? "PostgreSQL" : "H2 in memory",
					Runtime.getRuntime().availableProcessors());
			for (int threads : new int[] { 1, 4 }) {
				double plain = BenchServer.best(results, "plain", threads);
				for (String mode : new String[] { "routed", "in-server" }) {
					double smartOps = BenchServer.best(results, mode, threads);
					System.out.printf(Locale.ROOT, "%d thread(s): %s/plain throughput %.3f (%+.1f%%)%n", threads, mode,
							smartOps / plain, 100 * (smartOps / plain - 1));
				}
			}
		}
		finally {
			app.close();
		}
	}

	static Result run(ConfigurableApplicationContext app, String engine, String mode, int threads, int tasks, Agent echo)
			throws Exception {
		ConcurrentLinkedQueue<Long> pickups = new ConcurrentLinkedQueue<>();
		AutoCloseable workers;
		if (!mode.equals("plain")) {
			AgentHandler handler = new AgentHandler() {
				public String agentId() {
					return echo.getId();
				}

				public List<String> inputs() {
					return List.of("taskCreatedAt");
				}

				public AgentOutput handle(Map<String, Object> in) {
					pickups.add(System.currentTimeMillis() - ((Date) in.get("taskCreatedAt")).getTime());
					return AgentOutput.of(Map.of("echo", true));
				}
			};
			workers = mode.equals("routed")
					? new AgentWorkers(new AgentWorkers.Settings(engine, "demo", "demo", "bench", 20_000, 5_000,
							new RetryPolicy(3, 1_000), threads), List.of(handler), id -> echo.getTopic(),
							app.getBean(MeterRegistry.class), app.getBean(AgentTelemetry.class))
					: new InProcessWorkers(app.getBean(org.camunda.bpm.engine.ExternalTaskService.class),
							new InProcessWorkers.Settings("bench", 20_000, 5_000, new RetryPolicy(3, 1_000), threads),
							List.of(handler), id -> echo.getTopic(), app.getBean(MeterRegistry.class),
							app.getBean(AgentTelemetry.class), io.smartops.core.execution.InstanceTracing.none());
		}
		else {
			List<ExternalTaskClient> clients = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				ExternalTaskClient client = ExternalTaskClient.create()
					.baseUrl(engine)
					.workerId("bench-plain-" + i)
					.addInterceptor(new BasicAuthProvider("demo", "demo"))
					.asyncResponseTimeout(5_000)
					.lockDuration(20_000)
					.maxTasks(1)
					.disableBackoffStrategy()
					.build();
				client.subscribe("bench-plain").variables("taskCreatedAt").handler((task, service) -> {
					pickups.add(System.currentTimeMillis() - ((Date) task.getVariable("taskCreatedAt")).getTime());
					service.complete(task, Map.of("echo", true));
				}).open();
				clients.add(client);
			}
			workers = () -> clients.forEach(ExternalTaskClient::stop);
		}
		double seconds = BenchServer.startAndAwait(app, mode.equals("plain") ? "bench-plain" : "bench-routed", tasks, mode);
		workers.close();
		long[] sorted = pickups.stream().mapToLong(Long::longValue).sorted().toArray();
		Result r = new Result(mode, threads, tasks, seconds, percentile(sorted, 50), percentile(sorted, 95));
		System.err.printf(Locale.ROOT, "%s, %d thread(s): %d tasks in %.2f s (%.1f/s), pick-up p50 %d ms, p95 %d ms%n", mode,
				threads, tasks, seconds, r.throughput(), r.p50(), r.p95());
		return r;
	}

	static long percentile(long[] sorted, int p) {
		return sorted.length == 0 ? -1 : sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
	}

}
