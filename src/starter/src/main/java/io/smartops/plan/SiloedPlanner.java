package io.smartops.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.smartops.plan.model.LinearModel;
import io.smartops.plan.model.LinearModel.Objective;
import io.smartops.plan.model.LinearModel.Row;
import io.smartops.plan.model.LinearModel.Var;
import io.smartops.plan.model.MipBackend;
import io.smartops.plan.model.MipResult;
import io.smartops.plan.model.SolveOptions;
import io.smartops.plan.scenario.Scenario;
import io.smartops.plan.scenario.Scenario.DemandEntry;
import io.smartops.plan.scenario.Scenario.SupplyOffer;

/**
 * The siloed baseline: functions that optimize alone, in turn, each taking the previous one's
 * decisions as given, evaluated with the same objective as the coordinated optimum.
 * <ol>
 * <li>Pricing picks, per demand entry, the option with the highest revenue (price × quantity),
 * ignoring supply and logistics.</li>
 * <li>Procurement covers that sales plan (plus committed demand) period by period from the
 * cheapest offers that can arrive in time, netting initial stock, blind to where stores are.</li>
 * <li>Logistics ships what it can on the cheapest lanes within carrier and warehouse capacity:
 * as many units as possible first, then at the lowest transport and carrier cost.</li>
 * <li>What cannot be delivered is lost (no revenue, penalties for committed units).</li>
 * </ol>
 * No function watches the CO2 cap or the fill-rate floor; rows the result breaks are listed in
 * {@code violations}.
 */
public final class SiloedPlanner {

	private final MipBackend backend;
	private final SolveOptions options;

	public SiloedPlanner(MipBackend backend, SolveOptions options) {
		this.backend = backend;
		this.options = options;
	}

	public Plan plan(Scenario scenario) {
		long start = System.nanoTime();
		RetailModel retail = new RetailModel(scenario);
		LinearModel model = retail.model();
		priceAlone(retail);
		procureAlone(retail);
		List<String> ignored = List.of(RetailModel.EMISSIONS, RetailModel.FILL_RATE);
		ignored.forEach(g -> model.rows(g).forEach(Row::free));
		MipResult shipped = backend.maximize(model, logisticsObjective(retail), options);
		if (!shipped.hasSolution()) {
			// procurement bought more than the warehouses hold: logistics ships what it can anyway
			model.rows(RetailModel.WAREHOUSE_CAPACITY).forEach(Row::free);
			shipped = backend.maximize(model, logisticsObjective(retail), options);
		}
		if (!shipped.hasSolution()) {
			return new Plan(scenario.name(), Plan.Status.NOT_SOLVED, null, null, millis(start), backend.name(), null,
					null, null, null, null, null, null, null);
		}
		double[] values = Optimizer.snap(shipped.values());
		// evaluate against the untouched model: same objective, same rows
		RetailModel reference = new RetailModel(scenario);
		List<Plan.ConstraintReport> reports = new ArrayList<>();
		List<String> violations = new ArrayList<>();
		for (String group : RetailModel.REPORTED_GROUPS) {
			for (Row row : reference.model().rows(group)) {
				double slack = Optimizer.clean(row.slack(values));
				boolean binding = Math.abs(slack) <= Optimizer.BINDING_TOLERANCE;
				if (slack < -Optimizer.BINDING_TOLERANCE) {
					violations.add(row.name());
				}
				reports.add(new Plan.ConstraintReport(row.name(), group, binding ? 0 : slack, 0, binding, null, null));
			}
		}
		return Optimizer.read(reference, values, Plan.Status.FEASIBLE, null, millis(start), "siloed/" + shipped.solver(),
				reports, violations.isEmpty() ? null : violations);
	}

	/** Pricing: the revenue-maximizing option per entry, ignoring supply and logistics. */
	public static void priceAlone(RetailModel retail) {
		LinearModel model = retail.model();
		List<DemandEntry> demand = retail.scenario().demand();
		for (int d = 0; d < demand.size(); d++) {
			int best = bestOption(demand.get(d));
			for (int k = 0; k < retail.sold[d].length; k++) {
				Var x = retail.sold[d][k];
				if (k != best) {
					model.bound(x, 0, 0);
				}
				Var y = retail.offered[d][k];
				if (y != null) {
					model.bound(y, k == best ? 1 : 0, k == best ? 1 : 0);
				}
			}
		}
	}

	static int bestOption(DemandEntry e) {
		int best = -1;
		double revenue = 0;
		for (int k = 0; k < e.priceOptions().size(); k++) {
			double r = e.priceOptions().get(k).price() * e.priceOptions().get(k).quantity();
			if (r > revenue) {
				revenue = r;
				best = k;
			}
		}
		return best;
	}

	/** Procurement: cheapest offers arriving just in time for each period's planned sales. */
	public static void procureAlone(RetailModel retail) {
		Scenario s = retail.scenario();
		LinearModel model = retail.model();
		int horizon = s.periods();
		double[][] bought = new double[s.supplyOffers().size()][horizon + 1];
		for (Scenario.Product product : s.products()) {
			double[] need = new double[horizon + 1];
			for (DemandEntry e : s.demand()) {
				if (e.product().equals(product.id())) {
					int best = bestOption(e);
					need[e.period()] += e.committedQuantity() + (best < 0 ? 0 : e.priceOptions().get(best).quantity());
				}
			}
			double stock = s.warehouses().stream().mapToDouble(w -> w.initial(product.id())).sum();
			List<Integer> offers = new ArrayList<>();
			for (int o = 0; o < s.supplyOffers().size(); o++) {
				if (s.supplyOffers().get(o).product().equals(product.id())) {
					offers.add(o);
				}
			}
			offers.sort(Comparator.comparingDouble(o -> s.supplyOffers().get(o).unitCost()));
			for (int t = 1; t <= horizon; t++) {
				double shortfall = need[t] - stock;
				double arriving = 0;
				for (int o : offers) {
					SupplyOffer offer = s.supplyOffers().get(o);
					int orderIn = t - offer.leadTime();
					if (shortfall - arriving <= 0 || orderIn < 1) {
						continue;
					}
					double q = Math.min(shortfall - arriving, offer.maxPerPeriod() - bought[o][orderIn]);
					if (q > 0) {
						bought[o][orderIn] += q;
						arriving += q;
					}
				}
				stock = Math.max(0, stock + arriving - need[t]);
			}
		}
		for (int o = 0; o < bought.length; o++) {
			for (int t = 1; t <= horizon; t++) {
				Var v = retail.buy[o][t];
				if (v != null) {
					model.bound(v, bought[o][t], bought[o][t]);
				}
			}
		}
	}

	/**
	 * Logistics booking capacity on its own, ahead of the plan: every carrier with a fixed cost is
	 * booked in every period (used by a coordinator run whose scope leaves logistics out).
	 */
	public static void bookCarriersAlone(RetailModel retail) {
		for (Var[] byPeriod : retail.use) {
			if (byPeriod == null) {
				continue;
			}
			for (Var v : byPeriod) {
				if (v != null) {
					retail.model().bound(v, 1, 1);
				}
			}
		}
	}

	/** Logistics: deliver as many planned units as possible, then at the lowest transport and carrier cost. */
	private static Objective logisticsObjective(RetailModel retail) {
		Scenario s = retail.scenario();
		double maxLaneCost = s.lanes().stream().mapToDouble(Scenario.Lane::costPerUnit).max().orElse(0);
		double maxFixed = s.carriers().stream().mapToDouble(Scenario.Carrier::fixedCostPerPeriod).max().orElse(0);
		double perUnitDelivered = 1000 * (1 + maxLaneCost + maxFixed);
		Objective o = new Objective();
		Objective.Line delivered = o.income("delivered");
		for (int d = 0; d < retail.sold.length; d++) {
			for (Var x : retail.sold[d]) {
				delivered.add(x, perUnitDelivered);
			}
			if (retail.served[d] != null) {
				delivered.add(retail.served[d], perUnitDelivered);
			}
		}
		Objective.Line cost = o.cost("logistics");
		Objective reference = retail.objective();
		for (Objective.Line line : reference.lines()) {
			if (line.name().equals(RetailModel.TRANSPORT_COST) || line.name().equals(RetailModel.CARRIER_FIXED_COST)) {
				line.terms().forEach((v, c) -> cost.add(retail.model().vars().get(v), c));
			}
		}
		return o;
	}

	private static long millis(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}
}
