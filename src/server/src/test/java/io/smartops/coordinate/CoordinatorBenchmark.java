package io.smartops.coordinate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.smartops.server.SmartOpsServer;
import io.smartops.orchestrate.ActionItem;
import io.smartops.orchestrate.ActionLedger;
import io.smartops.plan.ScenarioGenerator;

/**
 * The coordinator end to end (start → every action dispatched), split by stage, on the demo and
 * on a generated 30×4×25×6×3 network, with the server as it runs (in-server agent workers, job
 * executor, H2); the approval is given by the benchmark the moment the task appears. Then the
 * margin, solve time and cost of each sphere-of-optionality setting on the demo. Run by
 * {@code .ci/benchmarks/coordinator.sh [DEMO_RUNS]}; figures in docs/benchmarks.md.
 */
public final class CoordinatorBenchmark {

	record Result(String label, String status, Double margin, long gather, long optimize, long approve, long dispatch,
			long total, int actions, double cost, long solveMillis) {
	}

	/**
	 * {@code demo [RUNS]} or {@code large}: one network per JVM, because Camunda's long-polling
	 * handler of the external-task REST API lives once per JVM and a second context in the same JVM
	 * gets none.
	 */
	public static void main(String[] args) throws Exception {
		boolean large = args.length > 0 && args[0].equals("large");
		int demoRuns = large ? 0 : args.length > 1 ? Integer.parseInt(args[1]) : 5;
		List<Result> demo = new ArrayList<>();
		List<Result> sphere = new ArrayList<>();
		if (!large) {
			try (ConfigurableApplicationContext app = start("bench-demo", true)) {
				run(app, "warm-up", Map.of());
				for (int i = 1; i <= demoRuns; i++) {
					demo.add(run(app, "demo #" + i, Map.of()));
				}
				Map<String, Map<String, Object>> scopes = new LinkedHashMap<>();
				scopes.put("all functions, external feeds, 36 months", Map.of());
				scopes.put("internal data only", Map.of("external", false));
				scopes.put("12 months of history", Map.of("historyMonths", 12));
				scopes.put("pricing plans alone", Map.of("functions", List.of("procurement", "logistics")));
				scopes.put("procurement plans alone", Map.of("functions", List.of("pricing", "logistics")));
				scopes.put("logistics books alone", Map.of("functions", List.of("pricing", "procurement")));
				scopes.put("every function alone", Map.of("functions", List.of()));
				for (Map.Entry<String, Map<String, Object>> s : scopes.entrySet()) {
					sphere.add(run(app, s.getKey(), s.getValue()));
				}
			}
		}
		Result big = null;
		if (large) {
			DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:bench-large;DB_CLOSE_DELAY=-1", "sa", "");
			long t = System.nanoTime();
			GeneratedNetwork.load(ds, new ScenarioGenerator(1).generate(new ScenarioGenerator.Size(30, 4, 25, 6, 3)), 1);
			System.err.printf(Locale.ROOT, "loaded the 30x4x25x6 network into the sources in %d ms%n", (System.nanoTime() - t) / 1_000_000);
			try (ConfigurableApplicationContext app = start("bench-large", false)) {
				big = run(app, "30x4x25x6", Map.of("horizon", 6));
			}
		}
		System.out.println();
		System.out.println("| run | status | margin | gather (ms) | optimize (ms) | approve (ms) | dispatch (ms) | start → all dispatched (ms) | actions |");
		System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
		for (Result r : demo) {
			row(r);
		}
		if (!demo.isEmpty()) {
			row(median(demo));
		}
		if (big != null) {
			row(big);
		}
		if (large) {
			return;
		}
		System.out.println();
		System.out.println("| scope (demo, horizon 3) | status | margin | vs widest | solve (ms) | cost of data and compute |");
		System.out.println("| --- | --- | --- | --- | --- | --- |");
		double widest = sphere.isEmpty() || sphere.get(0).margin() == null ? Double.NaN : sphere.get(0).margin();
		for (Result r : sphere) {
			System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %d | %.4f |%n", r.label(), r.status(),
					r.margin() == null ? "–" : String.format(Locale.ROOT, "%.2f", r.margin()),
					r.margin() == null ? "–" : String.format(Locale.ROOT, "%.2f%%", 100 * r.margin() / widest), r.solveMillis(),
					r.cost());
		}
	}

	static void row(Result r) {
		System.out.printf(Locale.ROOT, "| %s | %s | %s | %d | %d | %d | %d | %d | %d |%n", r.label(), r.status(),
				r.margin() == null ? "–" : String.format(Locale.ROOT, "%.2f", r.margin()), r.gather(), r.optimize(), r.approve(),
				r.dispatch(), r.total(), r.actions());
	}

	static Result median(List<Result> rs) {
		return new Result("median of " + rs.size(), rs.get(0).status(), rs.get(0).margin(),
				med(rs.stream().mapToLong(Result::gather).toArray()), med(rs.stream().mapToLong(Result::optimize).toArray()),
				med(rs.stream().mapToLong(Result::approve).toArray()), med(rs.stream().mapToLong(Result::dispatch).toArray()),
				med(rs.stream().mapToLong(Result::total).toArray()), rs.get(0).actions(), rs.get(0).cost(), 0);
	}

	static long med(long[] v) {
		java.util.Arrays.sort(v);
		return v[v.length / 2];
	}

	static ConfigurableApplicationContext start(String db, boolean seed) {
		return new SpringApplicationBuilder(SmartOpsServer.class)
			
			// command-line arguments: they override application.yaml (builder properties would not)
			.run("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1",
					"--smartops.demo.seed=" + seed, "--smartops.demo.start-run=false", "--camunda.bpm.job-execution.enabled=true",
					"--logging.level.root=WARN",
					"--logging.level.io.smartops.plan=INFO");
	}

	static Result run(ConfigurableApplicationContext app, String label, Map<String, Object> scope) throws InterruptedException {
		RuntimeService runtime = app.getBean(RuntimeService.class);
		TaskService tasks = app.getBean(TaskService.class);
		PlanningRuns runs = app.getBean(PlanningRuns.class);
		ActionLedger ledger = app.getBean(ActionLedger.class);
		String pi = CoordinatorRuns.start(runtime, scope).getId();
		String runId = (String) runtime.getVariable(pi, CoordinatorProcess.VAR_RUN_ID);
		Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
		long lastLog = 0;
		while (Instant.now().isBefore(deadline)) {
			Task task = tasks.createTaskQuery().processInstanceId(pi).singleResult();
			if (task != null && task.getTaskDefinitionKey().equals(CoordinatorProcess.TASK_APPROVE)) {
				tasks.complete(task.getId(), Map.of(CoordinatorProcess.VAR_APPROVED, true));
			}
			else if (task != null && task.getTaskDefinitionKey().equals(CoordinatorProcess.TASK_RELAX)) {
				runtime.deleteProcessInstance(pi, "benchmark: infeasible");
				PlanningRun run = runs.find(runId).orElseThrow();
				return new Result(label, "INFEASIBLE", null, 0, 0, 0, 0, 0, 0, 0, run.getSolveMillis());
			}
			PlanningRun run = runs.find(runId).orElseThrow();
			List<ActionItem> actions = run.getActionCount() == null ? List.of() : ledger.ofRun(runId);
			if (run.getActionCount() != null && actions.size() == run.getActionCount()
					&& actions.stream().allMatch(a -> a.getDispatchedAt() != null)) {
				Instant last = actions.stream().map(ActionItem::getDispatchedAt).max(Instant::compareTo).orElseThrow();
				double cost = app.getBean(io.smartops.agent.AgentTelemetry.class).costOfProcessInstance(pi)
						+ (run.getComputeCost() == null ? 0 : run.getComputeCost());
				Result r = new Result(label, run.getPlanStatus(), run.getMargin(), ms(run.getStartedAt(), run.getGatheredAt()),
						ms(run.getGatheredAt(), run.getOptimizedAt()), ms(run.getOptimizedAt(), run.getApprovedAt()),
						ms(run.getApprovedAt(), last), ms(run.getStartedAt(), last), actions.size(), cost, run.getSolveMillis());
				System.err.printf(Locale.ROOT, "%s: %s margin %.2f, %d actions dispatched, %d ms end to end%n", label,
						r.status(), r.margin(), r.actions(), r.total());
				return r;
			}
			long now = System.currentTimeMillis();
			if (now - lastLog > 10_000) {
				System.err.printf(Locale.ROOT, "%s: run %s %s, %d of %s actions dispatched%n", label, runId, run.getStatus(),
						actions.stream().filter(a -> a.getDispatchedAt() != null).count(), run.getActionCount());
				lastLog = now;
			}
			Thread.sleep(20);
		}
		throw new IllegalStateException(label + ": run " + runId + " did not dispatch every action within 10 minutes");
	}

	static long ms(Instant a, Instant b) {
		return a == null || b == null ? -1 : Duration.between(a, b).toMillis();
	}
}
