package io.smartops.sense;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
import io.smartops.coordinate.CoordinatorBenchmarkSupport;
import io.smartops.coordinate.CoordinatorProcess;
import io.smartops.coordinate.PlanningRun;
import io.smartops.coordinate.PlanningRuns;
import io.smartops.orchestrate.ActionItem;
import io.smartops.orchestrate.ActionLedger;
import io.smartops.plan.ScenarioGenerator;

/**
 * Sense → respond: the latency from an event's arrival at the REST pipeline to every action of the
 * re-plan's diff dispatched, p50 and p95, on the demo and on a generated 30×4×25×6×3 network, with
 * the server as it runs (job executor, in-server workers, debounce). Each sample moves the capacity
 * of a carrier whose rows bind up or down (else the unit cost of the offer bought most). Also the margin kept against churn: the stable
 * re-plan's margin as a share of the unconstrained one's, and the actions for people each changes.
 * Run by {@code .ci/benchmarks/sense.sh [DEMO_SAMPLES] [LARGE_SAMPLES]}; figures in docs/benchmarks.md.
 */
public final class ReplanBenchmark {

	record Sample(long millis, Replan replan) {
	}

	/** {@code demo [SAMPLES]} or {@code large [SAMPLES]}: one network per JVM (see CoordinatorBenchmark). */
	public static void main(String[] args) throws Exception {
		boolean isLarge = args.length > 0 && args[0].equals("large");
		int demoSamples = isLarge ? 0 : args.length > 1 ? Integer.parseInt(args[1]) : 20;
		int largeSamples = isLarge ? (args.length > 1 ? Integer.parseInt(args[1]) : 3) : 0;
		List<Sample> demo = List.of();
		if (demoSamples > 0) {
			try (ConfigurableApplicationContext app = start("sense-demo", true)) {
				demo = samples(app, "demo", Map.of(), demoSamples, null);
			}
		}
		List<Sample> large = List.of();
		if (largeSamples > 0) {
			DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:sense-large;DB_CLOSE_DELAY=-1", "sa", "");
			CoordinatorBenchmarkSupport.loadGenerated(ds, new ScenarioGenerator(1).generate(new ScenarioGenerator.Size(30, 4, 25, 6, 3)));
			try (ConfigurableApplicationContext app = start("sense-large", false)) {
				large = samples(app, "30x4x25x6", Map.of("horizon", 6), largeSamples, null);
			}
		}
		System.out.println();
		System.out.println("| network | samples | p50 (ms) | p95 (ms) | max (ms) | stable/unconstrained margin (min, median) | people changes stable / unconstrained (max) |");
		System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
		if (!demo.isEmpty()) {
			row("demo", demo);
		}
		if (!large.isEmpty()) {
			row("30x4x25x6", large);
		}
		System.out.println();
		System.out.println("| network | sample | ms | old margin | stable | unconstrained | stable/unconstrained | pinned | held | people changes stable | people changes unconstrained | chosen |");
		System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
		detail("demo", demo);
		detail("30x4x25x6", large);
	}

	static void row(String name, List<Sample> s) {
		long[] ms = s.stream().mapToLong(Sample::millis).sorted().toArray();
		double[] share = s.stream().mapToDouble(x -> x.replan().getStableMargin() / x.replan().getUnconstrainedMargin()).sorted()
			.toArray();
		System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %.4f%%, %.4f%% | %d / %d |%n", name, ms.length, pct(ms, 50),
				pct(ms, 95), ms[ms.length - 1], 100 * share[0], 100 * share[share.length / 2],
				s.stream().mapToInt(x -> x.replan().getPeopleChangesStable()).max().orElse(0),
				s.stream().mapToInt(x -> x.replan().getPeopleChangesUnconstrained()).max().orElse(0));
	}

	static void detail(String name, List<Sample> samples) {
		int i = 1;
		for (Sample s : samples) {
			Replan r = s.replan();
			System.out.printf(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f | %.2f | %.4f%% | %d | %d | %d | %d | %s |%n", name, i++,
					s.millis(), r.getOldMargin(), r.getStableMargin(), r.getUnconstrainedMargin(),
					100 * r.getStableMargin() / r.getUnconstrainedMargin(), r.getPinnedActions(), r.getHeldActions(),
					r.getPeopleChangesStable(), r.getPeopleChangesUnconstrained(), r.getChoice());
		}
	}

	static long pct(long[] sorted, int p) {
		int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
	}

	static ConfigurableApplicationContext start(String db, boolean seed) {
		return new SpringApplicationBuilder(SmartOpsServer.class)
			
			// command-line arguments: they override application.yaml (builder properties would not)
			.run("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1",
					"--smartops.demo.seed=" + seed, "--smartops.demo.start-run=false", "--camunda.bpm.job-execution.enabled=true",
					"--logging.level.root=WARN",
					"--logging.level.io.smartops.sense.Replanner=INFO");
	}

	/**
	 * Samples events on the first carrier whose capacity binds the plan in force (a 20% rise
	 * triggers a re-plan), alternating the raised and the original capacity.
	 */
	static List<Sample> samples(ConfigurableApplicationContext app, String name, Map<String, Object> scope, int n,
			double[] ignored) throws InterruptedException {
		RuntimeService runtime = app.getBean(RuntimeService.class);
		TaskService tasks = app.getBean(TaskService.class);
		PlanningRuns runs = app.getBean(PlanningRuns.class);
		ActionLedger ledger = app.getBean(ActionLedger.class);
		SensePipeline pipeline = app.getBean(SensePipeline.class);
		ReplanRepository replans = app.getBean(ReplanRepository.class);
		String pi = CoordinatorBenchmarkSupport.start(runtime, scope);
		String runId = (String) runtime.getVariable(pi, CoordinatorProcess.VAR_RUN_ID);
		Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
		while (true) {
			Task task = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey(CoordinatorProcess.TASK_APPROVE)
				.singleResult();
			if (task != null) {
				tasks.complete(task.getId(), Map.of(CoordinatorProcess.VAR_APPROVED, true));
			}
			PlanningRun run = runs.find(runId).orElseThrow();
			if (run.getActionCount() != null && ledger.ofRun(runId).stream().allMatch(a -> a.getDispatchedAt() != null)) {
				break;
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(name + ": the plan was not in force within 10 minutes");
			}
			Thread.sleep(20);
		}
		System.err.printf(Locale.ROOT, "%s: plan in force (run %s), %d actions%n", name, runId, ledger.ofRun(runId).size());
		io.smartops.coordinate.RunContext context = app.getBean(io.smartops.coordinate.RunContext.class);
		PlanningRun inForce = runs.find(runId).orElseThrow();
		io.smartops.plan.scenario.Scenario scenario = io.smartops.plan.scenario.ScenarioJson
			.parse(context.document(inForce.getScenarioDocument()));
		io.smartops.plan.Plan plan = context.plan(inForce.getPlanDocument());
		ChangeDetector detector = new ChangeDetector(scenario, plan);
		// the event: a binding carrier's capacity +20% and back, else the unit cost of the offer bought most +10% and back
		String type;
		String subject;
		double[] values;
		io.smartops.plan.scenario.Scenario.Carrier binding = scenario.carriers().stream()
			.filter(c -> detector.decide(new SensorEvent("probe", "benchmark", "carrier-capacity", c.id(),
					c.capacityPerPeriod() * 1.2, Instant.now())).triggers())
			.findFirst().orElse(null);
		if (binding != null) {
			type = "carrier-capacity";
			subject = binding.id();
			values = new double[] { Math.round(binding.capacityPerPeriod() * 1.2), binding.capacityPerPeriod() };
		}
		else {
			Map<String, Double> bought = new java.util.HashMap<>();
			plan.purchases().forEach(b -> bought.merge(b.offer(), b.quantity(), Double::sum));
			String offer = bought.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
			double cost = scenario.supplyOffers().stream().filter(o -> o.id().equals(offer)).findFirst().orElseThrow().unitCost();
			type = "supplier-cost";
			subject = offer;
			values = new double[] { Math.round(cost * 110) / 100.0, cost };
		}
		System.err.printf(Locale.ROOT, "%s: sampling %s events on %s (%.2f ⇄ %.2f)%n", name, type, subject, values[0], values[1]);
		List<Sample> samples = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			long before = replans.countByRunId(runId);
			double value = values[i % values.length];
			long t0 = System.nanoTime();
			SensePipeline.Result r = pipeline.ingest(Map.of("id", name + "-" + i + "-" + System.nanoTime(), "source", "benchmark",
					"type", type, "subject", subject, "value", value, "observedAt", Instant.now().toString()), "benchmark");
			if (!r.event().getDecision().equals("TRIGGERED")) {
				System.err.printf(Locale.ROOT, "%s sample %d: %s (%s), skipped%n", name, i, r.event().getDecision(), r.event().getReason());
				continue;
			}
			Replan done = null;
			Instant wait = Instant.now().plus(Duration.ofMinutes(10));
			while (done == null && Instant.now().isBefore(wait)) {
				List<Replan> all = replans.findByRunIdOrderByRequestedAt(runId);
				if (all.size() > before) {
					Replan last = all.get(all.size() - 1);
					if (last.getStatus().equals("APPLIED") && ledger.ofRun(runId).stream()
						.filter(a -> a.getIdempotencyKey().endsWith(last.getRevision())).allMatch(a -> a.getDispatchedAt() != null)
							&& cancellationsDone(runtime, ledger, runId)) {
						done = last;
					}
					else if (last.getStatus().equals("INFEASIBLE") || last.getStatus().equals("AWAITING_APPROVAL")) {
						System.err.printf(Locale.ROOT, "%s sample %d: re-plan %s (%s)%n", name, i, last.getStatus(), last.getChoiceReason());
						break;
					}
				}
				Thread.sleep(2);
			}
			if (done != null) {
				long ms = (System.nanoTime() - t0) / 1_000_000;
				samples.add(new Sample(ms, done));
				System.err.printf(Locale.ROOT, "%s sample %d: %s %.2f → diff dispatched in %d ms (%s)%n", name, i, type, value, ms,
						done.getChoiceReason());
			}
		}
		return samples;
	}

	/** Every cancelled or superseded action whose instance confirms the cancellation has done so. */
	static boolean cancellationsDone(RuntimeService runtime, ActionLedger ledger, String runId) {
		return Arrays.stream(ledger.ofRun(runId).stream().filter(a -> !a.inForce()).map(ActionItem::getProcessInstanceId)
			.filter(java.util.Objects::nonNull).toArray(String[]::new))
			.noneMatch(pi -> runtime.createProcessInstanceQuery().processInstanceId(pi).activityIdIn("Task_ConfirmCancellation",
					"Task_ConfirmCancellationOfEnded").count() > 0);
	}
}
