package io.smartops.coordinate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentOutput;
import io.smartops.agent.builtin.HoltWinters;
import io.smartops.coordinate.source.DemandSource;
import io.smartops.coordinate.source.InventorySource;
import io.smartops.coordinate.source.LogisticsSource;
import io.smartops.coordinate.source.NetworkSource;
import io.smartops.coordinate.source.PolicySource;
import io.smartops.coordinate.source.RetailRecords;
import io.smartops.coordinate.source.SupplierSource;
import io.smartops.plan.RetailModel;

/**
 * The agents that gather a run's scenario, each from its source, each writing one fact into the
 * run's context: demand (forecast, open orders, price options), inventory, one supply fact per
 * supplier, logistics, policy (constraint generation) and objective (objective building). A
 * source that returns malformed data fails its own agent with a message naming the source and the
 * value, so the task's incident says what to fix.
 */
final class GatherAgents {

	static final String VERSION = "1";
	static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/** The P&amp;L lines of the retail model's objective, which a declared P&amp;L must map. */
	static final List<String> STANDARD_LINES = List.of(RetailModel.REVENUE, RetailModel.COMMITTED_REVENUE,
			RetailModel.PURCHASE_COST, RetailModel.TRANSPORT_COST, RetailModel.HOLDING_COST, RetailModel.CARRIER_FIXED_COST,
			RetailModel.PENALTY_COST, RetailModel.CARBON_COST);

	private GatherAgents() {
	}

	/** The common shape: input {@code runId}, one fact out, no process variables. */
	abstract static class Gatherer implements AgentHandler {

		final RunContext context;

		Gatherer(RunContext context) {
			this.context = context;
		}

		@Override
		public List<String> inputs() {
			return List.of(CoordinatorProcess.VAR_RUN_ID);
		}

		@Override
		public AgentOutput handle(Map<String, Object> in) {
			String runId = (String) in.get(CoordinatorProcess.VAR_RUN_ID);
			if (runId == null) {
				throw new IllegalArgumentException("input runId is missing");
			}
			Scope scope = context.scope(runId);
			Map<String, Object> provenance = new LinkedHashMap<>();
			provenance.put("scope", scope.label());
			gather(runId, scope, provenance);
			return AgentOutput.of(Map.of());
		}

		abstract void gather(String runId, Scope scope, Map<String, Object> provenance);

		void put(String runId, String name, ObjectNode value, Map<String, Object> provenance) {
			context.put(runId, name, value, new RunContext.Provenance(agentId(), VERSION, provenance));
		}
	}

	static double check(String source, String what, double value) {
		if (!Double.isFinite(value) || value < 0) {
			throw new IllegalStateException(source + " source: " + what + " is " + value + ", not a finite number >= 0");
		}
		return value;
	}

	/**
	 * Demand: a forecast per store and product over the scope's history window (Holt-Winters with
	 * two seasons or more, else the window's mean), the open orders as committed demand, and price
	 * options from a constant-elasticity price-response model around the list price, plus the
	 * competitor's price from the market feed when the scope is external.
	 */
	static final class Demand extends Gatherer {

		static final String ID = "demand-gathering-forecast";
		static final double[] PRICE_STEPS = { 0.9, 1.0, 1.1 };

		private final NetworkSource network;
		private final DemandSource demand;
		private final HoltWinters holtWinters = new HoltWinters(12);

		Demand(RunContext context, NetworkSource network, DemandSource demand) {
			super(context);
			this.network = network;
			this.demand = demand;
		}

		@Override
		public String agentId() {
			return ID;
		}

		@Override
		void gather(String runId, Scope scope, Map<String, Object> provenance) {
			List<RetailRecords.Product> products = network.products();
			List<RetailRecords.Store> stores = network.stores();
			ObjectNode fact = NODES.objectNode();
			ArrayNode productNodes = fact.putArray("products");
			for (RetailRecords.Product p : products) {
				check("product", p.id() + ".holdingCost", p.holdingCost());
				if (!(p.listPrice() > 0) || !Double.isFinite(p.listPrice())) {
					throw new IllegalStateException("product source: " + p.id() + ".listPrice is " + p.listPrice()
							+ ", not a positive number");
				}
				check("product", p.id() + ".elasticity", p.elasticity());
				productNodes.addObject().put("id", p.id()).put("holdingCost", p.holdingCost());
			}
			ArrayNode storeNodes = fact.putArray("stores");
			stores.forEach(s -> storeNodes.addObject().put("id", s.id()));
			Set<String> productIds = new HashSet<>(products.stream().map(RetailRecords.Product::id).toList());
			Set<String> storeIds = new HashSet<>(stores.stream().map(RetailRecords.Store::id).toList());
			Map<String, double[]> committed = new LinkedHashMap<>();
			Map<String, double[]> committedValue = new LinkedHashMap<>();
			for (RetailRecords.OpenOrder o : demand.openOrders(scope.horizon())) {
				if (!storeIds.contains(o.store()) || !productIds.contains(o.product())) {
					throw new IllegalStateException("order book: order " + o.id() + " names store " + o.store() + " and product "
							+ o.product() + ", which the network does not have");
				}
				if (o.period() < 1) {
					throw new IllegalStateException("order book: order " + o.id() + " is for period " + o.period());
				}
				check("order book", "order " + o.id() + " quantity", o.quantity());
				String key = o.store() + "/" + o.product() + "/" + o.period();
				double[] c = committed.computeIfAbsent(key, k -> new double[1]);
				double[] v = committedValue.computeIfAbsent(key, k -> new double[2]);
				c[0] += o.quantity();
				v[0] += check("order book", "order " + o.id() + " price", o.price()) * o.quantity();
				v[1] += check("order book", "order " + o.id() + " penalty", o.penaltyPerUnit()) * o.quantity();
			}
			ArrayNode entries = fact.putArray("demand");
			int holtWintersSeries = 0;
			for (RetailRecords.Store s : stores) {
				for (RetailRecords.Product p : products) {
					double[] history = demand.salesHistory(s.id(), p.id(), scope.historyMonths());
					for (double u : history) {
						check("sales history", s.id() + "/" + p.id() + " units", u);
					}
					double[] forecast = forecast(history, scope.horizon());
					holtWintersSeries += history.length >= 24 ? 1 : 0;
					for (int t = 1; t <= scope.horizon(); t++) {
						String key = s.id() + "/" + p.id() + "/" + t;
						double c = committed.containsKey(key) ? committed.get(key)[0] : 0;
						double base = Math.max(0, forecast[t - 1] - c);
						ObjectNode e = entries.addObject().put("store", s.id()).put("product", p.id()).put("period", t);
						if (c > 0) {
							double[] v = committedValue.get(key);
							e.putObject("committed").put("quantity", c).put("price", round(v[0] / c))
								.put("penaltyPerUnit", round(v[1] / c));
						}
						ArrayNode options = e.putArray("priceOptions");
						if (base > 0) {
							for (double step : PRICE_STEPS) {
								option(options, p.listPrice() * step, base * Math.pow(step, -p.elasticity()));
							}
							if (scope.external() && p.marketPrice() != null && p.marketPrice() > 0) {
								double ratio = p.marketPrice() / p.listPrice();
								option(options, p.marketPrice(), base * Math.pow(ratio, -p.elasticity()));
							}
						}
					}
				}
			}
			provenance.put("method", holtWintersSeries == stores.size() * products.size() ? "Holt-Winters (season 12)"
					: holtWintersSeries == 0 ? "mean of the history window" : "mixed");
			provenance.put("historyMonths", scope.historyMonths());
			provenance.put("openOrders", committed.size());
			provenance.put("marketFeed", scope.external());
			put(runId, CoordinatorProcess.FACT_DEMAND, fact, provenance);
		}

		double[] forecast(double[] history, int horizon) {
			double[] f = new double[horizon];
			if (history.length >= 24) {
				double[] hw = holtWinters.forecast(history, horizon);
				for (int i = 0; i < horizon; i++) {
					f[i] = Math.max(0, hw[i]);
				}
			}
			else if (history.length > 0) {
				double mean = java.util.Arrays.stream(history).average().orElse(0);
				java.util.Arrays.fill(f, mean);
			}
			return f;
		}

		private static void option(ArrayNode options, double price, double quantity) {
			options.addObject().put("price", round(price)).put("quantity", Math.round(quantity * 10) / 10.0);
		}
	}

	/** Inventory: capacity and stock on hand of every warehouse. */
	static final class Inventory extends Gatherer {

		static final String ID = "inventory-gathering-wms";

		private final NetworkSource network;
		private final InventorySource inventory;

		Inventory(RunContext context, NetworkSource network, InventorySource inventory) {
			super(context);
			this.network = network;
			this.inventory = inventory;
		}

		@Override
		public String agentId() {
			return ID;
		}

		@Override
		void gather(String runId, Scope scope, Map<String, Object> provenance) {
			Map<String, Map<String, Double>> stock = inventory.stock();
			ObjectNode fact = NODES.objectNode();
			ArrayNode warehouses = fact.putArray("warehouses");
			Set<String> known = new HashSet<>();
			for (RetailRecords.Warehouse w : network.warehouses()) {
				known.add(w.id());
				ObjectNode node = warehouses.addObject().put("id", w.id());
				if (w.capacity() != null) {
					node.put("capacity", check("inventory", w.id() + ".capacity", w.capacity()));
				}
				ObjectNode initial = node.putObject("initialInventory");
				stock.getOrDefault(w.id(), Map.of())
					.forEach((product, units) -> initial.put(product, check("inventory", "stock of " + product + " at " + w.id(),
							units)));
			}
			for (String w : stock.keySet()) {
				if (!known.contains(w)) {
					throw new IllegalStateException("inventory source: stock is held at warehouse " + w
							+ ", which the network does not have");
				}
			}
			provenance.put("warehouses", known.size());
			put(runId, CoordinatorProcess.FACT_INVENTORY, fact, provenance);
		}
	}

	/** Supply: one supplier's offers; a spot-market (external) supplier takes part only in an external scope. */
	static final class Supply extends Gatherer {

		private final SupplierSource source;

		Supply(RunContext context, SupplierSource source) {
			super(context);
			this.source = source;
		}

		static String idOf(String supplier) {
			return "supply-offers-" + supplier.toLowerCase(java.util.Locale.ROOT);
		}

		@Override
		public String agentId() {
			return idOf(source.supplier().id());
		}

		@Override
		void gather(String runId, Scope scope, Map<String, Object> provenance) {
			RetailRecords.Supplier supplier = source.supplier();
			boolean included = scope.external() || !supplier.external();
			ObjectNode fact = NODES.objectNode().put("supplier", supplier.id()).put("external", supplier.external())
				.put("included", included);
			ArrayNode offers = fact.putArray("supplyOffers");
			if (included) {
				for (RetailRecords.Offer o : source.offers()) {
					if (!supplier.id().equals(o.supplier())) {
						throw new IllegalStateException("supplier source " + supplier.id() + ": offer " + o.id() + " is from "
								+ o.supplier());
					}
					if (o.leadTime() < 0) {
						throw new IllegalStateException("supplier source " + supplier.id() + ": offer " + o.id() + " lead time is "
								+ o.leadTime());
					}
					ObjectNode node = offers.addObject().put("id", o.id()).put("supplier", o.supplier())
						.put("product", o.product()).put("warehouse", o.warehouse())
						.put("unitCost", check("supplier " + supplier.id(), "offer " + o.id() + " unitCost", o.unitCost()))
						.put("leadTime", o.leadTime())
						.put("co2PerUnit", check("supplier " + supplier.id(), "offer " + o.id() + " co2PerUnit", o.co2PerUnit()));
					if (o.maxPerPeriod() != null) {
						node.put("maxPerPeriod", check("supplier " + supplier.id(), "offer " + o.id() + " maxPerPeriod",
								o.maxPerPeriod()));
					}
				}
			}
			provenance.put("supplier", supplier.id());
			provenance.put("included", included);
			provenance.put("offers", offers.size());
			put(runId, CoordinatorProcess.FACT_SUPPLY_PREFIX + supplier.id(), fact, provenance);
		}
	}

	/** Logistics: own fleet always, third-party carriers in an external scope, with their lanes. */
	static final class Logistics extends Gatherer {

		static final String ID = "logistics-gathering-tms";

		private final LogisticsSource logistics;

		Logistics(RunContext context, LogisticsSource logistics) {
			super(context);
			this.logistics = logistics;
		}

		@Override
		public String agentId() {
			return ID;
		}

		@Override
		void gather(String runId, Scope scope, Map<String, Object> provenance) {
			ObjectNode fact = NODES.objectNode();
			ArrayNode carriers = fact.putArray("carriers");
			Set<String> included = new HashSet<>();
			for (RetailRecords.Carrier c : logistics.carriers()) {
				if (c.external() && !scope.external()) {
					continue;
				}
				included.add(c.id());
				carriers.addObject().put("id", c.id())
					.put("capacityPerPeriod", check("logistics", c.id() + ".capacityPerPeriod", c.capacityPerPeriod()))
					.put("fixedCostPerPeriod", check("logistics", c.id() + ".fixedCostPerPeriod", c.fixedCostPerPeriod()));
			}
			ArrayNode lanes = fact.putArray("lanes");
			for (RetailRecords.Lane l : logistics.lanes()) {
				if (included.contains(l.carrier())) {
					String lane = l.warehouse() + "->" + l.store() + "/" + l.carrier();
					lanes.addObject().put("warehouse", l.warehouse()).put("store", l.store()).put("carrier", l.carrier())
						.put("costPerUnit", check("logistics", lane + " costPerUnit", l.costPerUnit()))
						.put("co2PerUnit", check("logistics", lane + " co2PerUnit", l.co2PerUnit()));
				}
			}
			provenance.put("carriers", carriers.size());
			provenance.put("lanes", lanes.size());
			put(runId, CoordinatorProcess.FACT_LOGISTICS, fact, provenance);
		}
	}

	/**
	 * Constraint generation: declared policies become the scenario's policy (CO2 cap, carbon price,
	 * fill-rate floor) and extra rows (contractual minimum volumes per supplier).
	 */
	static final class Constraints extends Gatherer {

		static final String ID = "constraint-generation-policies";

		private final PolicySource policies;

		Constraints(RunContext context, PolicySource policies) {
			super(context);
			this.policies = policies;
		}

		@Override
		public String agentId() {
			return ID;
		}

		@Override
		void gather(String runId, Scope scope, Map<String, Object> provenance) {
			ObjectNode fact = NODES.objectNode();
			ObjectNode policy = fact.putObject("policy");
			ArrayNode rows = fact.putArray("rows");
			List<String> declared = new ArrayList<>();
			for (RetailRecords.Policy p : policies.policies()) {
				double amount = check("policy", p.name() + ".amount", p.amount());
				switch (p.kind()) {
					case "CO2_CAP" -> policy.put("co2Cap", amount);
					case "CARBON_PRICE" -> policy.put("carbonPrice", amount);
					case "FILL_RATE_FLOOR" -> {
						if (amount > 1) {
							throw new IllegalStateException("policy source: " + p.name() + ".amount " + amount + " is not within 0..1");
						}
						policy.put("minCommittedFillRate", amount);
					}
					case "MIN_SUPPLIER_VOLUME" -> {
						if (p.subject() == null || p.subject().isBlank()) {
							throw new IllegalStateException("policy source: " + p.name() + " names no supplier");
						}
						if (!scope.includes(Scope.Function.PROCUREMENT)) {
							declared.add(p.name() + " (left out: procurement plans alone in this scope)");
							continue;
						}
						ObjectNode row = rows.addObject().put("name", "min-volume[" + p.subject() + "]")
							.put("group", CoordinatorProcess.GROUP_COMMITMENT).put("sense", "ge").put("rhs", amount);
						row.putObject("select").put("variable", "buy").put("supplier", p.subject());
					}
					default -> throw new IllegalStateException("policy source: " + p.name() + " has kind " + p.kind()
							+ ", not one of CO2_CAP, CARBON_PRICE, FILL_RATE_FLOOR, MIN_SUPPLIER_VOLUME");
				}
				declared.add(p.name());
			}
			provenance.put("policies", declared);
			put(runId, CoordinatorProcess.FACT_POLICY, fact, provenance);
		}
	}

	/**
	 * Objective building: the declared P&amp;L must map every line of the model's objective; extra
	 * lines (a handling cost per unit shipped, say) become objective terms of their own.
	 */
	static final class Objective extends Gatherer {

		static final String ID = "objective-building-pnl";
		static final Set<String> BASES = Set.of("UNIT_SOLD", "UNIT_SHIPPED", "UNIT_BOUGHT");

		private final PolicySource policies;

		Objective(RunContext context, PolicySource policies) {
			super(context);
			this.policies = policies;
		}

		@Override
		public String agentId() {
			return ID;
		}

		@Override
		void gather(String runId, Scope scope, Map<String, Object> provenance) {
			List<RetailRecords.PnlLine> lines = policies.pnlDefinition();
			Set<String> standard = new HashSet<>();
			ObjectNode fact = NODES.objectNode();
			ArrayNode extra = fact.putArray("extraLines");
			for (RetailRecords.PnlLine l : lines) {
				if (!"income".equals(l.kind()) && !"cost".equals(l.kind())) {
					throw new IllegalStateException("P&L definition: line " + l.line() + " has kind " + l.kind()
							+ ", not income or cost");
				}
				if ("STANDARD".equals(l.basis())) {
					if (!STANDARD_LINES.contains(l.line())) {
						throw new IllegalStateException("P&L definition: " + l.line() + " is not a line of the model's objective "
								+ STANDARD_LINES + "; declare it with a basis UNIT_SOLD, UNIT_SHIPPED or UNIT_BOUGHT");
					}
					standard.add(l.line());
				}
				else if (BASES.contains(l.basis())) {
					if (STANDARD_LINES.contains(l.line())) {
						throw new IllegalStateException("P&L definition: " + l.line() + " is a standard line; its basis must be STANDARD");
					}
					extra.addObject().put("line", l.line()).put("income", "income".equals(l.kind())).put("basis", l.basis())
						.put("rate", check("P&L definition", l.line() + ".rate", l.rate()));
				}
				else {
					throw new IllegalStateException("P&L definition: line " + l.line() + " has basis " + l.basis()
							+ ", not STANDARD, UNIT_SOLD, UNIT_SHIPPED or UNIT_BOUGHT");
				}
			}
			List<String> missing = STANDARD_LINES.stream().filter(l -> !standard.contains(l)).toList();
			if (!missing.isEmpty()) {
				throw new IllegalStateException("P&L definition does not map the objective's lines " + missing);
			}
			provenance.put("lines", lines.size());
			put(runId, CoordinatorProcess.FACT_OBJECTIVE, fact, provenance);
		}
	}

	static double round(double v) {
		return Math.round(v * 100) / 100.0;
	}
}
