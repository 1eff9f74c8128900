package io.smartops.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.smartops.plan.model.CpSatBackend;
import io.smartops.plan.model.BranchAndBoundBackend;
import io.smartops.plan.model.MipBackend;
import io.smartops.plan.model.MpSolverBackend;
import io.smartops.plan.model.SolveOptions;
import io.smartops.plan.scenario.Scenario;

/**
 * The optimizer benchmark of docs/benchmarks.md (not a test): time to proven optimality against
 * size for each backend, side by side, and the uplift of the optimized over the siloed margin on
 * 20 generated scenarios. Run with .ci/benchmarks/plan.sh.
 */
public final class PlanBenchmark {

	public static void main(String[] args) {
		double limit = args.length > 0 ? Double.parseDouble(args[0]) : 60;
		SolveOptions options = new SolveOptions(Duration.ofMillis((long) (limit * 1000)), SolveOptions.DEFAULT_GAP,
				line -> {
				});
		List<ScenarioGenerator.Size> sizes = new ArrayList<>(List.of(new ScenarioGenerator.Size(5, 2, 5, 3, 3),
				new ScenarioGenerator.Size(10, 3, 10, 4, 3), new ScenarioGenerator.Size(20, 4, 15, 5, 3),
				new ScenarioGenerator.Size(30, 4, 25, 6, 3)));
		if (args.length > 1) {
			sizes.subList(0, Integer.parseInt(args[1])).clear();
		}
		// the fourth argument names one backend to run alone (bnb, scip, highs, cbc, cpsat)
		String only = args.length > 3 ? args[3] : null;
		System.out.printf("time to proven optimality (relative gap %.0e, time limit %.0f s), seed 1%n",
				SolveOptions.DEFAULT_GAP, limit);
		System.out.println("| size (P×W×S×T×K) | binaries | backend | status | margin | gap | seconds |");
		System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
		for (ScenarioGenerator.Size size : sizes) {
			Scenario s = new ScenarioGenerator(1).generate(size);
			long binaries = new RetailModel(s).model().integerCount();
			List<MipBackend> backends = new ArrayList<>(
					List.of(new BranchAndBoundBackend(), MpSolverBackend.scip(), MpSolverBackend.highs(),
							// CBC, the common open-source choice the goal is measured against, through OR-Tools
							new MpSolverBackend("CBC", false, "")));
			if (binaries < 300) {
				backends.add(new CpSatBackend());
			}
			if (only != null) {
				backends.removeIf(b -> !b.name().equals(only));
			}
			for (MipBackend backend : backends) {
				Plan p = new Optimizer(backend, options, 0).optimize(s);
				System.out.printf(Locale.ROOT, "| %d×%d×%d×%d×%d | %d | %s | %s | %.2f | %s | %.1f |%n", size.products(),
						size.warehouses(), size.stores(), size.periods(), size.options(), binaries, p.backend(), p.status(),
						p.margin() == null ? Double.NaN : p.margin(),
						p.gap() == null ? "0" : String.format(Locale.ROOT, "%.4f%%", 100 * p.gap()), p.solveMillis() / 1000.0);
			}
		}
		if (args.length > 2 && args[2].equals("no-uplift")) {
			return;
		}
		System.out.println();
		System.out.println("uplift of the optimized over the siloed margin, 20 generated 8×3×8×4×3 scenarios (seeds 1..20)");
		System.out.println("| seed | optimized | siloed | uplift | uplift % | siloed violations |");
		System.out.println("| --- | --- | --- | --- | --- | --- |");
		List<Double> uplifts = new ArrayList<>();
		MipBackend scip = MpSolverBackend.scip();
		for (int seed = 1; seed <= 20; seed++) {
			Scenario s = new ScenarioGenerator(seed).generate(new ScenarioGenerator.Size(8, 3, 8, 4, 3));
			Comparison c = Comparison.of(s, new Optimizer(scip, options, 0), new SiloedPlanner(scip, options));
			uplifts.add(c.upliftPercent());
			System.out.printf(Locale.ROOT, "| %d | %.2f | %.2f | %.2f | %.2f%% | %d |%n", seed, c.optimized().margin(),
					c.siloed().margin(), c.uplift(), c.upliftPercent(),
					c.siloed().violations() == null ? 0 : c.siloed().violations().size());
		}
		System.out.printf(Locale.ROOT, "uplift %%: mean %.2f, min %.2f, max %.2f%n",
				uplifts.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN),
				uplifts.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
				uplifts.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
	}
}
