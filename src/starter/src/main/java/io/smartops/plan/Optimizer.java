package io.smartops.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.smartops.plan.model.LinearModel;
import io.smartops.plan.model.LinearModel.Row;
import io.smartops.plan.model.LinearModel.Var;
import io.smartops.plan.model.LpAnalysis;
import io.smartops.plan.model.MipBackend;
import io.smartops.plan.model.MipResult;
import io.smartops.plan.model.MpSolverBackend;
import io.smartops.plan.model.SolutionCheck;
import io.smartops.plan.model.SolveOptions;
import io.smartops.plan.scenario.Scenario;
import io.smartops.plan.scenario.Scenario.DemandEntry;
import io.smartops.plan.scenario.Scenario.Lane;
import io.smartops.plan.scenario.Scenario.SupplyOffer;

/**
 * The optimizer agent's engine-free core: scenario in, plan out. Solves the MIP with the chosen
 * backend, re-solves the LP with the integer choices fixed (GLOP) for exact quantities, duals and
 * slacks, ranges the binding rows, and names a conflict when the scenario is infeasible.
 */
public final class Optimizer {

	private static final Logger log = LoggerFactory.getLogger(Optimizer.class);

	static final double BINDING_TOLERANCE = 1e-6;

	private final MipBackend backend;
	/** Solves again when the backend's plan fails verification. */
	private final MipBackend fallback;
	private final SolveOptions options;
	/** How long ranging the binding rows may take after the solve; rows not reached get no range. */
	private final long rangingBudgetMillis;

	public Optimizer(MipBackend backend, SolveOptions options, long rangingBudgetMillis) {
		this(backend, backend.name().equals("scip") ? new MpSolverBackend("CBC", false, "") : MpSolverBackend.scip(), options,
				rangingBudgetMillis);
	}

	/** With the backend that solves again when the first one's plan fails verification (SCIP, or CBC after SCIP by default). */
	public Optimizer(MipBackend backend, MipBackend fallback, SolveOptions options, long rangingBudgetMillis) {
		this.backend = backend;
		this.fallback = fallback;
		this.options = options;
		this.rangingBudgetMillis = rangingBudgetMillis;
	}

	public Optimizer(MipBackend backend, SolveOptions options) {
		this(backend, options, 5_000);
	}

	public Plan optimize(Scenario scenario) {
		return optimize(new RetailModel(scenario));
	}

	/**
	 * Solves a retail model, possibly extended by other agents with rows and objective terms. The
	 * plan is verified against the whole model ({@link SolutionCheck}) before it is returned; a
	 * plan that fails is solved again by another backend, and if that one fails too, no plan is
	 * returned (NOT_SOLVED with the violations).
	 */
	public Plan optimize(RetailModel retail) {
		long start = System.nanoTime();
		Attempt first = solve(retail, backend, options, start);
		if (first.problems().isEmpty()) {
			return first.plan();
		}
		MipBackend other = fallback;
		log.warn("the plan of {} by {} fails verification ({}); solving again with {}", retail.scenario().name(),
				first.plan().backend(), first.problems(), other.name());
		Duration left = options.timeLimit().minusNanos(System.nanoTime() - start);
		Attempt second = solve(retail, other, options.withTimeLimit(left.compareTo(MIN_RESOLVE) < 0 ? MIN_RESOLVE : left),
				start);
		if (second.problems().isEmpty()) {
			return second.plan();
		}
		List<String> violations = new ArrayList<>();
		first.problems().forEach(p -> violations.add(first.plan().backend() + ": " + p));
		second.problems().forEach(p -> violations.add(second.plan().backend() + ": " + p));
		return new Plan(retail.scenario().name(), Plan.Status.NOT_SOLVED, null, null, millisSince(start),
				second.plan().backend(), null, null, null, null, null, null, null, violations);
	}

	/** The least time a second backend gets to solve a model whose first plan failed verification. */
	static final Duration MIN_RESOLVE = Duration.ofSeconds(10);

	/** A plan and how it fails verification (empty: it passed, or there is no plan to verify). */
	private record Attempt(Plan plan, List<String> problems) {
	}

	private Attempt solve(RetailModel retail, MipBackend with, SolveOptions solveOptions, long start) {
		LinearModel model = retail.model();
		log.debug("solving {}: {} variables ({} integer), {} rows with {}", retail.scenario().name(), model.size(),
				model.integerCount(), model.rows().size(), with.name());
		AtomicReference<Plan> analysed = new AtomicReference<>();
		List<String> problems = new ArrayList<>();
		MipResult mip = with.maximize(model, retail.objective(), solveOptions, (result, lp) -> {
			long analysisStart = System.nanoTime();
			boolean exact = lp.solve();
			analysisProgress(analysisStart, "LP with the integer choices fixed " + (exact ? "solved" : "not solved"));
			double[] values = snap(exact ? lp.values() : result.values());
			long checkStart = System.nanoTime();
			problems.addAll(SolutionCheck.violations(model, values));
			String objective = SolutionCheck.objective(retail.objective(), values, result.objective());
			if (objective != null) {
				problems.add(objective);
			}
			log.debug("plan verified against {} rows and {} variables in {} µs: {}", model.rows().size(), model.size(),
					(System.nanoTime() - checkStart) / 1000, problems.isEmpty() ? "sound" : problems);
			List<Plan.ConstraintReport> constraints = constraints(retail, lp, exact, values, result.values());
			Plan.Status status = result.status() == MipResult.Status.OPTIMAL ? Plan.Status.OPTIMAL : Plan.Status.FEASIBLE;
			analysed.set(read(retail, values, status, status == Plan.Status.FEASIBLE ? result.gap() : null,
					millisSince(start), result.solver(), constraints, null));
		});
		if (mip.status() == MipResult.Status.INFEASIBLE) {
			List<String> conflict = LpAnalysis.conflict(model, retail.relaxableGroups());
			return new Attempt(new Plan(retail.scenario().name(), Plan.Status.INFEASIBLE, null, null, millisSince(start),
					mip.solver(), null, null, null, null, null, null, conflict, null), List.of());
		}
		if (!mip.hasSolution()) {
			return new Attempt(new Plan(retail.scenario().name(), Plan.Status.NOT_SOLVED, null, null, millisSince(start),
					mip.solver(), null, null, null, null, null, null, null, null), List.of());
		}
		return new Attempt(analysed.get(), problems);
	}

	/** Reads a plan from values of the retail model's variables (also used for the siloed baseline). */
	static Plan read(RetailModel retail, double[] values, Plan.Status status, Double gap, long millis, String backend,
			List<Plan.ConstraintReport> constraints, List<String> violations) {
		Scenario s = retail.scenario();
		Map<String, Double> pnl = new LinkedHashMap<>();
		retail.objective().evaluate(values).forEach((line, value) -> pnl.put(line, clean(value)));
		double margin = 0;
		for (LinearModel.Objective.Line line : retail.objective().lines()) {
			margin += line.income() ? pnl.get(line.name()) : -pnl.get(line.name());
		}
		List<Plan.PriceDecision> prices = new ArrayList<>();
		for (int d = 0; d < s.demand().size(); d++) {
			DemandEntry e = s.demand().get(d);
			Double price = null;
			double units = 0;
			for (int k = 0; k < retail.sold[d].length; k++) {
				double x = values[retail.sold[d][k].index()];
				units += x;
				Var y = retail.offered[d][k];
				if (y != null ? values[y.index()] > 0.5 : x > 0) {
					price = e.priceOptions().get(k).price();
				}
			}
			double committed = retail.served[d] == null ? 0 : values[retail.served[d].index()];
			prices.add(new Plan.PriceDecision(e.store(), e.product(), e.period(), price, clean(units), clean(committed)));
		}
		List<Plan.Purchase> purchases = new ArrayList<>();
		double co2 = 0;
		for (int o = 0; o < retail.buy.length; o++) {
			SupplyOffer offer = s.supplyOffers().get(o);
			for (int t = 1; t <= retail.horizon; t++) {
				Var v = retail.buy[o][t];
				if (v != null && values[v.index()] > 0) {
					double q = values[v.index()];
					co2 += q * offer.co2PerUnit();
					purchases.add(new Plan.Purchase(offer.id(), offer.supplier(), offer.product(), offer.warehouse(), t,
							t + offer.leadTime(), clean(q)));
				}
			}
		}
		List<Plan.Shipment> shipments = new ArrayList<>();
		for (Map.Entry<Integer, Var[][]> e : retail.ship.entrySet()) {
			Lane lane = s.lanes().get(e.getKey());
			for (int t = 1; t <= retail.horizon; t++) {
				for (int p = 0; p < e.getValue().length; p++) {
					Var v = e.getValue()[p][t];
					if (v != null && values[v.index()] > 0) {
						double q = values[v.index()];
						co2 += q * lane.co2PerUnit();
						shipments.add(new Plan.Shipment(lane.warehouse(), lane.store(), lane.carrier(),
								s.products().get(p).id(), t, clean(q)));
					}
				}
			}
		}
		return new Plan(s.name(), status, clean(margin), gap, millis, backend, pnl, clean(co2), prices, purchases,
				shipments, constraints, null, violations);
	}

	private List<Plan.ConstraintReport> constraints(RetailModel retail, LpAnalysis lp, boolean exact, double[] values,
			double[] integerValues) {
		long rangingStart = System.nanoTime();
		long deadline = rangingStart + rangingBudgetMillis * 1_000_000;
		int ranged = 0;
		List<Plan.ConstraintReport> reports = new ArrayList<>();
		for (String group : RetailModel.REPORTED_GROUPS) {
			for (Row row : retail.model().rows(group)) {
				double slack = clean(row.slack(values));
				boolean binding = Math.abs(slack) <= BINDING_TOLERANCE;
				double dual = exact ? clean(lp.dual(row)) : 0;
				double limit = lp.effectiveLimit(row, integerValues);
				Plan.Range range = null;
				if (binding && exact && lp.canRange() && System.nanoTime() < deadline) {
					LpAnalysis.Range r = lp.range(row);
					range = new Plan.Range(finiteOrNull(limit + r.low()), finiteOrNull(limit + r.high()));
					ranged++;
				}
				reports.add(new Plan.ConstraintReport(row.name(), group, binding ? 0 : slack, dual, binding, clean(limit),
						range));
			}
		}
		if (ranged > 0) {
			analysisProgress(rangingStart, "ranged " + ranged + " binding rows");
		}
		return reports;
	}

	/** A step of the analysis: a progress line when it took a second or more, else a debug line. */
	private void analysisProgress(long start, String what) {
		double seconds = (System.nanoTime() - start) / 1e9;
		String line = String.format(Locale.ROOT, "analysis: %s in %.1f s", what, seconds);
		if (seconds >= 1) {
			options.progress().accept(line);
		}
		else {
			log.debug(line);
		}
	}

	private static Double finiteOrNull(double d) {
		return Double.isFinite(d) ? clean(d) : null;
	}

	private static long millisSince(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

	/** Removes solver noise: values within 1e-7 of a whole number become that number. */
	static double[] snap(double[] values) {
		double[] out = new double[values.length];
		for (int i = 0; i < values.length; i++) {
			double r = Math.rint(values[i]);
			out[i] = Math.abs(values[i] - r) < 1e-7 ? r : values[i];
		}
		return out;
	}

	/** Rounds away binary noise for output (1e-9 absolute), and turns -0 into 0. */
	static double clean(double v) {
		double r = Math.round(v * 1e9) / 1e9;
		return r == 0 ? 0 : r;
	}
}
