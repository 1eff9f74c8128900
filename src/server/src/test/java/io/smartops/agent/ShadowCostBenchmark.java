package io.smartops.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ConfigurableApplicationContext;

import io.smartops.agent.worker.AgentWorkers;
import io.smartops.agent.worker.RetryPolicy;

/**
 * What shadow runs cost the incumbent's path: the same load of routed agent tasks with and without
 * a shadow agent of the capability, side by side (alternating, best of each), the shadow served by
 * the same workers as the incumbent (as the in-server workers serve both). Throughput is business
 * instances ended per second; the shadows' own catch-up is reported apart. Run by
 * {@code .ci/benchmarks/shadow.sh [TASKS] [ROUNDS]}; figures in docs/benchmarks.md.
 */
public final class ShadowCostBenchmark {

	record Result(String mode, int threads, int tasks, double seconds, double shadowSeconds, long shadowCalls)
			implements BenchServer.Measured {

		@Override
		public double throughput() {
			return tasks / seconds;
		}
	}

	public static void main(String[] args) throws Exception {
		int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 400;
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
		boolean idleTopicOnly = args.length > 2 && args[2].equals("idle-topic");
		ConfigurableApplicationContext app = BenchServer.start("shadowbench", ShadowCostBenchmark.class);
		try {
			String engine = BenchServer.engineRest(app);
			app.getBean(RepositoryService.class).createDeployment().addClasspathResource("bpmn/bench-routed.bpmn").deploy();
			AgentLibrary library = app.getBean(AgentLibrary.class);
			Agent echo = library.registerForeign(new AgentLibrary.Registration("bench-echo", "Echo", "1", 0.0001, 1L, 0.99));
			List<Result> results = new ArrayList<>();
			int shadowsRegistered = 0;
			for (int threads : new int[] { 1, 4 }) {
				for (int round = 0; round < rounds; round++) {
					results.add(run(app, engine, threads, tasks, echo, null));
					Agent shadow = library.registerForeign(new AgentLibrary.Registration(
							idleTopicOnly ? "bench-idle" : "bench-echo", "Shadow echo " + (++shadowsRegistered), "1", 0.0002, 1L,
							0.9));
					results.add(run(app, engine, threads, tasks, echo, shadow));
					library.changeStatus(shadow.getId(), shadow.getStatus() == AgentStatus.SHADOW ? AgentStatus.RETIRED
							: AgentStatus.DEPRECATED);
				}
			}
			System.out.println();
			System.out.println("| threads | mode | business tasks | seconds | tasks/s | shadow calls | shadows done after (s) |");
			System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
			for (Result r : results) {
				System.out.printf(Locale.ROOT, "| %d | %s | %d | %.2f | %.1f | %d | %.2f |%n", r.threads(), r.mode(), r.tasks(),
						r.seconds(), r.throughput(), r.shadowCalls(), r.shadowSeconds());
			}
			System.out.println();
			for (int threads : new int[] { 1, 4 }) {
				double plain = BenchServer.best(results, "routed", threads);
				double shadowed = BenchServer.best(results, "routed+shadow", threads);
				System.out.printf(Locale.ROOT,
						"%d thread(s): incumbent's throughput with a shadow / without %.3f (cost %.1f%%); shadow runs dropped %d%n",
						threads, shadowed / plain, 100 * (1 - shadowed / plain), app.getBean(ShadowRuns.class).dropped());
			}
		}
		finally {
			app.close();
		}
	}

	static AgentHandler echo(String agentId, AtomicLong calls) {
		return new AgentHandler() {
			public String agentId() {
				return agentId;
			}

			public List<String> inputs() {
				return List.of("taskCreatedAt");
			}

			public AgentOutput handle(Map<String, Object> in) {
				calls.incrementAndGet();
				return AgentOutput.of(Map.of("echo", true));
			}
		};
	}

	static Result run(ConfigurableApplicationContext app, String engine, int threads, int tasks, Agent echo, Agent shadow)
			throws Exception {
		RuntimeService runtime = app.getBean(RuntimeService.class);
		AgentTelemetry telemetry = app.getBean(AgentTelemetry.class);
		AtomicLong incumbentCalls = new AtomicLong();
		AtomicLong shadowCalls = new AtomicLong();
		List<AgentHandler> handlers = new ArrayList<>(List.of(echo(echo.getId(), incumbentCalls)));
		if (shadow != null) {
			handlers.add(echo(shadow.getId(), shadowCalls));
		}
		AgentLibrary library = app.getBean(AgentLibrary.class);
		String mode = shadow == null ? "routed" : "routed+shadow";
		try (AgentWorkers workers = new AgentWorkers(new AgentWorkers.Settings(engine, "demo", "demo", "bench", 20_000,
				5_000, new RetryPolicy(3, 1_000), threads), handlers, id -> library.find(id).orElseThrow().getTopic(),
				app.getBean(MeterRegistry.class), telemetry)) {
			double seconds = BenchServer.startAndAwait(app, "bench-routed", tasks, mode);
			double shadowSeconds = 0;
			if (shadow != null) {
				// the shadows catch up after the business work
				long caughtUp = System.nanoTime();
				// within the five minutes the burst started with, as before
				long deadline = System.currentTimeMillis() + 300_000 - (long) (seconds * 1000);
				while ((shadowCalls.get() < tasks
						|| runtime.createProcessInstanceQuery().processDefinitionKey(ShadowRunProcess.KEY).count() > 0)
						&& System.currentTimeMillis() < deadline) {
					Thread.sleep(20);
				}
				shadowSeconds = (System.nanoTime() - caughtUp) / 1e9;
			}
			Result r = new Result(mode, threads, tasks, seconds, shadowSeconds, shadowCalls.get());
			System.err.printf(Locale.ROOT, "%s, %d thread(s): %d tasks in %.2f s (%.1f/s); %d shadow calls, done %.2f s later%n",
					mode, threads, tasks, seconds, r.throughput(), shadowCalls.get(), shadowSeconds);
			return r;
		}
	}
}
