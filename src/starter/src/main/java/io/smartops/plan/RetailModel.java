package io.smartops.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.smartops.plan.model.LinearModel;
import io.smartops.plan.model.LinearModel.Objective;
import io.smartops.plan.model.LinearModel.Row;
import io.smartops.plan.model.LinearModel.Var;
import io.smartops.plan.model.LpAnalysis;
import io.smartops.plan.scenario.Scenario;
import io.smartops.plan.scenario.Scenario.Carrier;
import io.smartops.plan.scenario.Scenario.DemandEntry;
import io.smartops.plan.scenario.Scenario.Lane;
import io.smartops.plan.scenario.Scenario.SupplyOffer;
import io.smartops.plan.scenario.Scenario.Warehouse;

/**
 * The mixed-integer model of {@code retail-plan.md} built on {@link LinearModel}: one method per
 * constraint family, named in the contract's words. Keeps handles to every decision so a plan can
 * be read back and other agents can add rows and objective terms.
 */
public final class RetailModel {

	/** Row groups; the reported ones are the capacity, emission and fill-rate rows. */
	public static final String STORE_FLOW = "store-flow";
	public static final String WAREHOUSE_BALANCE = "warehouse-balance";
	public static final String OPTION_LINK = "option-link";
	public static final String ONE_OPTION = "one-option";
	public static final String WAREHOUSE_CAPACITY = "warehouse-capacity";
	public static final String CARRIER_CAPACITY = "carrier-capacity";
	public static final String EMISSIONS = "co2-cap";
	public static final String FILL_RATE = "fill-rate";
	/** Valid inequalities that tighten the carrier on/off choice; they cut off no integer plan. */
	public static final String CARRIER_USE = "carrier-use";
	/** Conflict group of the offers' per-period maxima (variable bounds, not rows). */
	public static final String SUPPLY_LIMIT = "supply-limit";

	public static final List<String> REPORTED_GROUPS = List.of(WAREHOUSE_CAPACITY, CARRIER_CAPACITY, EMISSIONS,
			FILL_RATE);

	/** P&amp;L lines, in the order of the contract's {@code pnl} object. */
	public static final String REVENUE = "revenue";
	public static final String COMMITTED_REVENUE = "committedRevenue";
	public static final String PURCHASE_COST = "purchaseCost";
	public static final String TRANSPORT_COST = "transportCost";
	public static final String HOLDING_COST = "holdingCost";
	public static final String CARRIER_FIXED_COST = "carrierFixedCost";
	public static final String PENALTY_COST = "penaltyCost";
	public static final String CARBON_COST = "carbonCost";

	final Scenario scenario;
	final LinearModel model = new LinearModel();
	final Objective objective = new Objective();
	final int horizon;

	/** Per demand entry: option choice (null where a lone option needs no binary), units sold, committed served. */
	final Var[][] offered;
	final Var[][] sold;
	final Var[] served;
	/** ship[lane][product][period]; null where the store has no demand for the product then. */
	final Map<Integer, Var[][]> ship = new LinkedHashMap<>();
	final Var[][] buy;
	final Var[][][] inv;
	/** use[carrier][period]; null where the carrier has no fixed cost (always available). */
	final Var[][] use;

	private final Map<String, Integer> productIndex = new HashMap<>();
	private final Map<String, Integer> warehouseIndex = new HashMap<>();
	private final Map<String, Integer> carrierIndex = new HashMap<>();
	private final Map<String, Integer> entryIndex = new HashMap<>();

	/** @throws io.smartops.plan.scenario.InvalidScenarioException when the model would not fit in the heap ({@link ModelMemory}) */
	public RetailModel(Scenario scenario) {
		ModelMemory.check(scenario);
		this.scenario = scenario;
		this.horizon = scenario.periods();
		for (int i = 0; i < scenario.products().size(); i++) {
			productIndex.put(scenario.products().get(i).id(), i);
		}
		for (int i = 0; i < scenario.warehouses().size(); i++) {
			warehouseIndex.put(scenario.warehouses().get(i).id(), i);
		}
		for (int i = 0; i < scenario.carriers().size(); i++) {
			carrierIndex.put(scenario.carriers().get(i).id(), i);
		}
		for (int d = 0; d < scenario.demand().size(); d++) {
			DemandEntry e = scenario.demand().get(d);
			entryIndex.put(key(e.store(), e.product(), e.period()), d);
		}
		int entries = scenario.demand().size();
		offered = new Var[entries][];
		sold = new Var[entries][];
		served = new Var[entries];
		buy = new Var[scenario.supplyOffers().size()][horizon + 1];
		inv = new Var[scenario.warehouses().size()][scenario.products().size()][horizon + 1];
		use = new Var[scenario.carriers().size()][horizon + 1];

		sales();
		carriersInUse();
		shipments();
		purchases();
		inventories();
		storeFlow();
		warehouseBalance();
		warehouseCapacity();
		carrierCapacity();
		carrierUse();
		emissions();
		fillRate();
	}

	public LinearModel model() {
		return model;
	}

	public Objective objective() {
		return objective;
	}

	public Scenario scenario() {
		return scenario;
	}

	private static String key(String store, String product, int period) {
		return store + '\u0000' + product + '\u0000' + period;
	}

	/** Price options: at most one offered per entry, units sold under it up to its quantity; committed units served. */
	private void sales() {
		Objective.Line revenue = objective.income(REVENUE);
		Objective.Line committedRevenue = objective.income(COMMITTED_REVENUE);
		Objective.Line penalties = objective.cost(PENALTY_COST);
		for (int d = 0; d < scenario.demand().size(); d++) {
			DemandEntry e = scenario.demand().get(d);
			String at = "[" + e.store() + "," + e.product() + "," + e.period() + "]";
			int options = e.priceOptions().size();
			offered[d] = new Var[options];
			sold[d] = new Var[options];
			Row one = options > 1 ? model.row(ONE_OPTION, "one-option" + at).le(1) : null;
			for (int k = 0; k < options; k++) {
				Scenario.PriceOption o = e.priceOptions().get(k);
				sold[d][k] = model.continuous("x" + at + "#" + k, 0, o.quantity());
				revenue.add(sold[d][k], o.price());
				if (options > 1) {
					offered[d][k] = model.binary("y" + at + "#" + k);
					one.add(offered[d][k], 1);
					model.row(OPTION_LINK, "option-link" + at + "#" + k).add(sold[d][k], 1)
						.add(offered[d][k], -o.quantity())
						.le(0);
				}
			}
			if (e.committedQuantity() > 0) {
				served[d] = model.continuous("c" + at, 0, e.committedQuantity());
				committedRevenue.add(served[d], e.committed().price());
				penalties.constant(e.committed().penaltyPerUnit() * e.committedQuantity())
					.add(served[d], -e.committed().penaltyPerUnit());
			}
		}
	}

	private void carriersInUse() {
		Objective.Line fixed = objective.cost(CARRIER_FIXED_COST);
		for (int c = 0; c < scenario.carriers().size(); c++) {
			Carrier carrier = scenario.carriers().get(c);
			if (carrier.fixedCostPerPeriod() > 0) {
				for (int t = 1; t <= horizon; t++) {
					use[c][t] = model.binary("use[" + carrier.id() + "," + t + "]");
					fixed.add(use[c][t], carrier.fixedCostPerPeriod());
					// the LP relaxation pays a fraction of the fixed cost and reserves a fraction of
					// the capacity: deciding the carriers first closes most of the integrality gap
					model.prioritize(use[c][t], 1);
				}
			}
		}
	}

	/** Shipments exist only where the receiving store has demand for the product in the period. */
	private void shipments() {
		Objective.Line transport = objective.cost(TRANSPORT_COST);
		Objective.Line carbon = objective.cost(CARBON_COST);
		double carbonPrice = scenario.policy().carbonPrice();
		for (int l = 0; l < scenario.lanes().size(); l++) {
			Lane lane = scenario.lanes().get(l);
			Var[][] byProduct = new Var[scenario.products().size()][horizon + 1];
			boolean any = false;
			for (int p = 0; p < scenario.products().size(); p++) {
				String product = scenario.products().get(p).id();
				for (int t = 1; t <= horizon; t++) {
					if (entryIndex.containsKey(key(lane.store(), product, t))) {
						Var v = model.continuous("ship[" + lane.label() + "," + product + "," + t + "]", 0,
								Double.POSITIVE_INFINITY);
						byProduct[p][t] = v;
						transport.add(v, lane.costPerUnit());
						carbon.add(v, carbonPrice * lane.co2PerUnit());
						any = true;
					}
				}
			}
			if (any) {
				ship.put(l, byProduct);
			}
		}
	}

	/** Orders that would arrive after the horizon are not allowed. */
	private void purchases() {
		Objective.Line purchase = objective.cost(PURCHASE_COST);
		Objective.Line carbon = objective.cost(CARBON_COST);
		double carbonPrice = scenario.policy().carbonPrice();
		for (int o = 0; o < scenario.supplyOffers().size(); o++) {
			SupplyOffer offer = scenario.supplyOffers().get(o);
			for (int t = 1; t + offer.leadTime() <= horizon; t++) {
				buy[o][t] = model.continuous("buy[" + offer.id() + "," + t + "]", 0, offer.maxPerPeriod());
				purchase.add(buy[o][t], offer.unitCost());
				carbon.add(buy[o][t], carbonPrice * offer.co2PerUnit());
			}
		}
	}

	private void inventories() {
		Objective.Line holding = objective.cost(HOLDING_COST);
		for (int w = 0; w < scenario.warehouses().size(); w++) {
			for (int p = 0; p < scenario.products().size(); p++) {
				Scenario.Product product = scenario.products().get(p);
				for (int t = 1; t <= horizon; t++) {
					inv[w][p][t] = model.continuous(
							"inv[" + scenario.warehouses().get(w).id() + "," + product.id() + "," + t + "]", 0,
							Double.POSITIVE_INFINITY);
					holding.add(inv[w][p][t], product.holdingCost());
				}
			}
		}
	}

	/** Stores hold no stock: units shipped to a store equal the units sold there. */
	private void storeFlow() {
		Map<Integer, List<Var>> inbound = new HashMap<>();
		ship.forEach((l, byProduct) -> {
			Lane lane = scenario.lanes().get(l);
			for (int p = 0; p < byProduct.length; p++) {
				for (int t = 1; t <= horizon; t++) {
					if (byProduct[p][t] != null) {
						int d = entryIndex.get(key(lane.store(), scenario.products().get(p).id(), t));
						inbound.computeIfAbsent(d, k -> new ArrayList<>()).add(byProduct[p][t]);
					}
				}
			}
		});
		for (int d = 0; d < scenario.demand().size(); d++) {
			DemandEntry e = scenario.demand().get(d);
			Row row = model.row(STORE_FLOW, "store-flow[" + e.store() + "," + e.product() + "," + e.period() + "]").eq(0);
			inbound.getOrDefault(d, List.of()).forEach(v -> row.add(v, 1));
			for (Var x : sold[d]) {
				row.add(x, -1);
			}
			if (served[d] != null) {
				row.add(served[d], -1);
			}
		}
	}

	/** inv[t] = inv[t-1] + arrivals - shipments out. */
	private void warehouseBalance() {
		for (int w = 0; w < scenario.warehouses().size(); w++) {
			Warehouse warehouse = scenario.warehouses().get(w);
			for (int p = 0; p < scenario.products().size(); p++) {
				String product = scenario.products().get(p).id();
				for (int t = 1; t <= horizon; t++) {
					Row row = model.row(WAREHOUSE_BALANCE, "balance[" + warehouse.id() + "," + product + "," + t + "]");
					row.add(inv[w][p][t], 1);
					if (t > 1) {
						row.add(inv[w][p][t - 1], -1);
					}
					row.eq(t == 1 ? warehouse.initial(product) : 0);
					for (int o = 0; o < scenario.supplyOffers().size(); o++) {
						SupplyOffer offer = scenario.supplyOffers().get(o);
						int orderedIn = t - offer.leadTime();
						if (offer.warehouse().equals(warehouse.id()) && offer.product().equals(product) && orderedIn >= 1) {
							row.add(buy[o][orderedIn], -1);
						}
					}
					for (Map.Entry<Integer, Var[][]> e : ship.entrySet()) {
						if (scenario.lanes().get(e.getKey()).warehouse().equals(warehouse.id()) && e.getValue()[p][t] != null) {
							row.add(e.getValue()[p][t], 1);
						}
					}
				}
			}
		}
	}

	private void warehouseCapacity() {
		for (int w = 0; w < scenario.warehouses().size(); w++) {
			Warehouse warehouse = scenario.warehouses().get(w);
			if (!warehouse.hasCapacity()) {
				continue;
			}
			for (int t = 1; t <= horizon; t++) {
				Row row = model.row(WAREHOUSE_CAPACITY, "warehouse-capacity[" + warehouse.id() + "," + t + "]")
					.le(warehouse.capacity())
					.linking();
				for (int p = 0; p < scenario.products().size(); p++) {
					row.add(inv[w][p][t], 1);
				}
			}
		}
	}

	private void carrierCapacity() {
		for (int c = 0; c < scenario.carriers().size(); c++) {
			Carrier carrier = scenario.carriers().get(c);
			for (int t = 1; t <= horizon; t++) {
				Row row = model.row(CARRIER_CAPACITY, "carrier-capacity[" + carrier.id() + "," + t + "]").linking();
				for (Map.Entry<Integer, Var[][]> e : ship.entrySet()) {
					if (scenario.lanes().get(e.getKey()).carrier().equals(carrier.id())) {
						for (Var[] byPeriod : e.getValue()) {
							if (byPeriod[t] != null) {
								row.add(byPeriod[t], 1);
							}
						}
					}
				}
				if (use[c][t] != null) {
					row.add(use[c][t], -carrier.capacityPerPeriod()).le(0);
				}
				else {
					row.le(carrier.capacityPerPeriod());
				}
			}
		}
	}

	/**
	 * A carrier with a fixed cost carries nothing in a period it is not used: per store, product
	 * and period, what it brings is at most what can be sold there times {@code use}. Implied by the
	 * capacity row for integer {@code use}, but much tighter in the LP relaxation (a big-M of the
	 * store's demand instead of the carrier's whole capacity), which lets SCIP prove optimality.
	 * Marked as {@link Row#tightening() tightening}: branch and cut leaves these rows out, because
	 * its probing decides the carriers' on/off choices at the root and the LP without them is 27%
	 * smaller.
	 */
	private void carrierUse() {
		for (int c = 0; c < scenario.carriers().size(); c++) {
			Carrier carrier = scenario.carriers().get(c);
			if (use[c][1] == null && horizon >= 1) {
				continue;
			}
			for (int d = 0; d < scenario.demand().size(); d++) {
				DemandEntry e = scenario.demand().get(d);
				int p = productIndex.get(e.product());
				double most = e.committedQuantity()
						+ e.priceOptions().stream().mapToDouble(Scenario.PriceOption::quantity).max().orElse(0);
				Row row = null;
				for (Map.Entry<Integer, Var[][]> s : ship.entrySet()) {
					Lane lane = scenario.lanes().get(s.getKey());
					Var v = s.getValue()[p][e.period()];
					if (v != null && lane.carrier().equals(carrier.id()) && lane.store().equals(e.store())) {
						if (row == null) {
							row = model.row(CARRIER_USE, "carrier-use[" + carrier.id() + "," + e.store() + ","
									+ e.product() + "," + e.period() + "]");
						}
						row.add(v, 1);
					}
				}
				if (row != null) {
					row.add(use[c][e.period()], -most).le(0).tightening();
				}
			}
		}
	}

	private void emissions() {
		Double cap = scenario.policy().co2Cap();
		if (cap != null) {
			Row row = model.row(EMISSIONS, "co2-cap").le(cap).linking();
			addEmissions(row);
		}
	}

	void addEmissions(Row row) {
		ship.forEach((l, byProduct) -> {
			double co2 = scenario.lanes().get(l).co2PerUnit();
			for (Var[] byPeriod : byProduct) {
				for (Var v : byPeriod) {
					if (v != null) {
						row.add(v, co2);
					}
				}
			}
		});
		for (int o = 0; o < buy.length; o++) {
			for (Var v : buy[o]) {
				if (v != null) {
					row.add(v, scenario.supplyOffers().get(o).co2PerUnit());
				}
			}
		}
	}

	private void fillRate() {
		Double floor = scenario.policy().minCommittedFillRate();
		if (floor != null) {
			Row row = model.row(FILL_RATE, "fill-rate").ge(floor * scenario.totalCommitted()).linking();
			for (Var c : served) {
				if (c != null) {
					row.add(c, 1);
				}
			}
		}
	}

	/** The groups a person can relax, in the order the conflict search tries to drop them. */
	List<LpAnalysis.Group> relaxableGroups() {
		List<Var> supplyBounded = new ArrayList<>();
		for (int o = 0; o < buy.length; o++) {
			if (Double.isFinite(scenario.supplyOffers().get(o).maxPerPeriod())) {
				for (Var v : buy[o]) {
					if (v != null) {
						supplyBounded.add(v);
					}
				}
			}
		}
		List<LpAnalysis.Group> groups = new ArrayList<>();
		groups.add(new LpAnalysis.Group(SUPPLY_LIMIT, List.of(), supplyBounded));
		for (String g : List.of(WAREHOUSE_CAPACITY, CARRIER_CAPACITY, EMISSIONS, FILL_RATE)) {
			groups.add(new LpAnalysis.Group(g, model.rows(g), List.of()));
		}
		return groups.stream().filter(g -> !g.rows().isEmpty() || !g.upperBounded().isEmpty()).toList();
	}

	int product(String id) {
		return productIndex.get(id);
	}

	int warehouse(String id) {
		return warehouseIndex.get(id);
	}

	int carrier(String id) {
		return carrierIndex.get(id);
	}

	Integer entry(String store, String product, int period) {
		return entryIndex.get(key(store, product, period));
	}
}
