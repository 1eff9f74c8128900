package io.smartops.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.smartops.plan.model.AutoBackend;
import io.smartops.plan.model.LinearModel;
import io.smartops.plan.model.MipBackend;
import io.smartops.plan.model.MipResult;
import io.smartops.plan.model.MpSolverBackend;
import io.smartops.plan.model.SolutionCheck;
import io.smartops.plan.model.SolveOptions;
import io.smartops.plan.scenario.Scenario;

/**
 * The scenario-family benchmark of docs/benchmarks.md (not a test): for each family and seed at
 * one size, the time each backend takes to a proven optimum (the same time limit for all, one
 * after the other in this JVM), the margin it ends with, and the time the plan's verification
 * against the whole model takes ({@link SolutionCheck}). Run with .ci/benchmarks/families.sh;
 * .ci/benchmarks/families-merge.py puts runs side by side and gives the ratio of CBC's time to the
 * default backend's, per scenario and per family (median and worst).
 * <p>
 * Arguments: time limit in seconds, seeds (e.g. {@code 1-3}), size {@code P×W×S×T×K}, then the
 * families (kebab-case) and optionally {@code --backends auto,cbc,highs,scip}.
 */
public final class FamilyBenchmark {

	private record Outcome(String backend, MipResult.Status status, double objective, double gap, double seconds,
			double checkMillis, boolean sound) {
	}

	public static void main(String[] args) {
		double limit = Double.parseDouble(args[0]);
		String[] seedRange = args[1].split("-");
		int firstSeed = Integer.parseInt(seedRange[0]);
		int lastSeed = Integer.parseInt(seedRange[seedRange.length - 1]);
		int[] dims = Arrays.stream(args[2].split("[x×]")).mapToInt(Integer::parseInt).toArray();
		ScenarioGenerator.Size size = new ScenarioGenerator.Size(dims[0], dims[1], dims[2], dims[3], dims[4]);
		List<ScenarioGenerator.Family> families = new ArrayList<>();
		List<String> backendNames = List.of("auto", "cbc", "highs", "scip");
		for (int i = 3; i < args.length; i++) {
			if (args[i].equals("--backends")) {
				backendNames = List.of(args[++i].split(","));
			}
			else {
				families.add(ScenarioGenerator.Family.parse(args[i]));
			}
		}
		// the default backend reports when its root LP is solved: the benchmark keeps that time
		double[] rootSeconds = { Double.NaN };
		long[] solveStart = { 0 };
		SolveOptions options = new SolveOptions(Duration.ofMillis((long) (limit * 1000)), SolveOptions.DEFAULT_GAP,
				line -> {
					if (line.contains("root LP bound") && Double.isNaN(rootSeconds[0])) {
						rootSeconds[0] = (System.nanoTime() - solveStart[0]) / 1e9;
					}
				});
		System.out.printf(Locale.ROOT, "time to a proven optimum (relative gap %.0e, time limit %.0f s), size %s, seeds %d-%d%n",
				SolveOptions.DEFAULT_GAP, limit, args[2], firstSeed, lastSeed);
		StringBuilder header = new StringBuilder("| family | seed | binaries |");
		StringBuilder rule = new StringBuilder("| --- | --- | --- |");
		for (String b : backendNames) {
			header.append(' ').append(b).append(" s |");
			rule.append(" --- |");
		}
		header.append(" margin | auto's root LP s | check ms |");
		rule.append(" --- | --- | --- |");
		System.out.println(header);
		System.out.println(rule);
		List<Double> checkShares = new ArrayList<>();
		long started = System.nanoTime();
		int done = 0;
		int total = families.size() * (lastSeed - firstSeed + 1);
		for (ScenarioGenerator.Family family : families) {
			for (int seed = firstSeed; seed <= lastSeed; seed++) {
				Scenario scenario = new ScenarioGenerator(seed, family).generate(size);
				RetailModel retail = new RetailModel(scenario);
				LinearModel model = retail.model();
				List<Outcome> outcomes = new ArrayList<>();
				double autoRoot = Double.NaN;
				for (String name : backendNames) {
					rootSeconds[0] = Double.NaN;
					solveStart[0] = System.nanoTime();
					outcomes.add(run(backend(name), retail, options));
					if (name.equals("auto")) {
						autoRoot = rootSeconds[0];
					}
				}
				Outcome auto = outcomes.stream().filter(o -> o.backend().equals("auto")).findFirst().orElse(null);
				StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %d | %d |", family.label(), seed,
						model.integerCount()));
				for (Outcome o : outcomes) {
					row.append(' ').append(cell(o, limit)).append(" |");
				}
				Outcome best = outcomes.stream().filter(o -> !Double.isNaN(o.objective()))
					.max((a, b) -> Double.compare(a.objective(), b.objective())).orElse(null);
				row.append(' ').append(best == null ? "–" : String.format(Locale.ROOT, "%.2f", best.objective())).append(" |");
				row.append(' ').append(auto == null ? "–" : Double.isNaN(autoRoot) ? (auto.status() == MipResult.Status.NOT_SOLVED ? ">" + (int) limit : "<2")
						: String.format(Locale.ROOT, "%.1f", autoRoot)).append(" |");
				row.append(' ').append(auto == null ? "–" : String.format(Locale.ROOT, "%.1f", auto.checkMillis())).append(" |");
				if (auto != null && auto.status() == MipResult.Status.OPTIMAL) {
					// the check's share of the solve, in percent
					checkShares.add(100 * (auto.checkMillis() / 1000) / auto.seconds());
				}
				System.out.println(row);
				done++;
				System.err.printf(Locale.ROOT, "families: %d of %d scenarios in %.0f s%n", done, total,
						(System.nanoTime() - started) / 1e9);
			}
		}
		System.out.println();
		System.out.printf(Locale.ROOT, "peak resident memory of this JVM (VmHWM): %s%n", peakResident());
		System.out.printf(Locale.ROOT, "verification of the default backend's plan: median %.3f%% of its solve time, at most %.3f%%%n",
				median(checkShares), checkShares.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
	}

	private static String peakResident() {
		try {
			return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
				.filter(l -> l.startsWith("VmHWM:"))
				.map(l -> l.substring(6).trim())
				.findFirst()
				.orElse("unknown");
		}
		catch (java.io.IOException e) {
			return "unknown (" + e.getMessage() + ")";
		}
	}

	private static MipBackend backend(String name) {
		return switch (name) {
			case "auto" -> AutoBackend.standard(false);
			case "decomposition" -> new io.smartops.plan.model.DecompositionBackend(true);
			case "cbc" -> new MpSolverBackend("CBC", false, "");
			case "highs" -> MpSolverBackend.highs();
			case "scip" -> MpSolverBackend.scip();
			default -> throw new IllegalArgumentException("unknown backend " + name);
		};
	}

	/** Solves to a proven optimum (or the time limit), then times the check of the plan against the whole model. */
	private static Outcome run(MipBackend backend, RetailModel retail, SolveOptions options) {
		long start = System.nanoTime();
		MipResult r = backend.maximize(retail.model(), retail.objective(), options);
		double seconds = (System.nanoTime() - start) / 1e9;
		if (!r.hasSolution()) {
			return new Outcome(backend.name(), r.status(), Double.NaN, Double.NaN, seconds, Double.NaN, false);
		}
		long checkStart = System.nanoTime();
		boolean sound = SolutionCheck.violations(retail.model(), r.values()).isEmpty()
				&& SolutionCheck.objective(retail.objective(), r.values(), r.objective()) == null;
		double checkMillis = (System.nanoTime() - checkStart) / 1e6;
		return new Outcome(backend.name(), r.status(), r.objective(), r.gap(), seconds, checkMillis, sound);
	}

	private static String cell(Outcome o, double limit) {
		return switch (o.status()) {
			case OPTIMAL -> String.format(Locale.ROOT, "%.1f", o.seconds()) + (o.sound() ? "" : " (fails check)");
			// a backend that stops before the limit with a proven gap (the decomposition) says when
			case FEASIBLE -> o.seconds() < 0.95 * limit ? String.format(Locale.ROOT, "%.1f (gap %.1e)", o.seconds(), o.gap())
					: String.format(Locale.ROOT, ">%.0f (gap %.1e)", limit, o.gap());
			case INFEASIBLE -> String.format(Locale.ROOT, "%.1f infeasible", o.seconds());
			case NOT_SOLVED -> String.format(Locale.ROOT, ">%.0f (no plan)", limit);
		};
	}

	private static double median(List<Double> values) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
	}
}
