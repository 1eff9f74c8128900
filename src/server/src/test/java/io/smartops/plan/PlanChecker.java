package io.smartops.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Re-checks a plan against its scenario from the raw JSON of both, written without the model or
 * the scenario records: every constraint of retail-plan.md, and the margin recomputed from the
 * decisions. Returns the violations found (empty for a correct plan).
 */
final class PlanChecker {

	private static final double TOL = 1e-5;

	private final JsonNode scenario;
	private final JsonNode plan;
	private final List<String> violations = new ArrayList<>();
	private double margin;

	private PlanChecker(JsonNode scenario, JsonNode plan) {
		this.scenario = scenario;
		this.plan = plan;
	}

	static List<String> check(JsonNode scenario, JsonNode plan) {
		PlanChecker c = new PlanChecker(scenario, plan);
		c.run();
		return c.violations;
	}

	/** The margin recomputed from the decisions alone. */
	static double margin(JsonNode scenario, JsonNode plan) {
		PlanChecker c = new PlanChecker(scenario, plan);
		c.run();
		return c.margin;
	}

	private static String key(Object... parts) {
		StringBuilder b = new StringBuilder();
		for (Object p : parts) {
			b.append(p).append('|');
		}
		return b.toString();
	}

	private static double num(JsonNode n, String field, double dflt) {
		JsonNode v = n.get(field);
		return v == null || v.isNull() ? dflt : v.asDouble();
	}

	private void run() {
		int horizon = scenario.get("periods").asInt();
		Map<String, Double> holding = new HashMap<>();
		scenario.get("products").forEach(p -> holding.put(p.get("id").asText(), num(p, "holdingCost", 0)));
		Map<String, JsonNode> warehouses = new HashMap<>();
		scenario.get("warehouses").forEach(w -> warehouses.put(w.get("id").asText(), w));
		Map<String, JsonNode> carriers = new HashMap<>();
		scenario.get("carriers").forEach(c -> carriers.put(c.get("id").asText(), c));
		Map<String, JsonNode> lanes = new HashMap<>();
		scenario.get("lanes").forEach(l -> lanes.put(key(l.get("warehouse").asText(), l.get("store").asText(),
				l.get("carrier").asText()), l));
		Map<String, JsonNode> offers = new HashMap<>();
		scenario.get("supplyOffers").forEach(o -> offers.put(o.get("id").asText(), o));
		Map<String, JsonNode> demand = new HashMap<>();
		scenario.get("demand").forEach(d -> demand.put(key(d.get("store").asText(), d.get("product").asText(),
				d.get("period").asInt()), d));
		JsonNode policy = scenario.has("policy") ? scenario.get("policy") : null;
		double carbonPrice = policy == null ? 0 : num(policy, "carbonPrice", 0);

		double revenue = 0, committedRevenue = 0, purchase = 0, transport = 0, hold = 0, fixed = 0, penalty = 0, co2 = 0;
		Map<String, Double> sold = new HashMap<>();
		double servedTotal = 0, committedTotal = 0;
		for (JsonNode d : scenario.get("demand")) {
			committedTotal += d.has("committed") ? d.get("committed").get("quantity").asDouble() : 0;
		}
		for (JsonNode p : plan.get("prices")) {
			String k = key(p.get("store").asText(), p.get("product").asText(), p.get("period").asInt());
			JsonNode d = demand.get(k);
			if (d == null) {
				violations.add("price decision for unknown demand entry " + k);
				continue;
			}
			double units = p.get("newUnits").asDouble();
			double committed = p.get("committedUnits").asDouble();
			JsonNode c = d.get("committed");
			double cq = c == null ? 0 : c.get("quantity").asDouble();
			if (committed < -TOL || committed > cq + TOL) {
				violations.add("committed units " + committed + " outside 0.." + cq + " at " + k);
			}
			if (units > TOL) {
				JsonNode price = p.get("price");
				JsonNode option = null;
				for (JsonNode o : d.get("priceOptions")) {
					if (price != null && Math.abs(o.get("price").asDouble() - price.asDouble()) < 1e-9) {
						option = o;
					}
				}
				if (option == null) {
					violations.add("units sold at " + k + " without an offered price option");
				}
				else {
					if (units > option.get("quantity").asDouble() + TOL) {
						violations.add("sold " + units + " above the option's quantity at " + k);
					}
					revenue += units * option.get("price").asDouble();
				}
			}
			if (c != null) {
				committedRevenue += committed * c.get("price").asDouble();
				penalty += (cq - committed) * c.get("penaltyPerUnit").asDouble();
			}
			servedTotal += committed;
			sold.put(k, units + committed);
		}
		for (JsonNode d : scenario.get("demand")) {
			String k = key(d.get("store").asText(), d.get("product").asText(), d.get("period").asInt());
			if (!sold.containsKey(k) && d.has("committed")) {
				penalty += d.get("committed").get("quantity").asDouble() * d.get("committed").get("penaltyPerUnit").asDouble();
			}
		}

		Map<String, Double> arrivals = new HashMap<>();
		Map<String, Double> boughtPerOfferPeriod = new HashMap<>();
		for (JsonNode b : plan.get("purchases")) {
			JsonNode o = offers.get(b.get("offer").asText());
			int t = b.get("period").asInt();
			double q = b.get("quantity").asDouble();
			int arrival = t + (int) num(o, "leadTime", 0);
			if (t < 1 || arrival > horizon || b.get("arrivalPeriod").asInt() != arrival) {
				violations.add("purchase " + b + " arrives outside the horizon or at the wrong period");
			}
			boughtPerOfferPeriod.merge(key(o.get("id").asText(), t), q, Double::sum);
			arrivals.merge(key(o.get("warehouse").asText(), o.get("product").asText(), arrival), q, Double::sum);
			purchase += q * o.get("unitCost").asDouble();
			co2 += q * num(o, "co2PerUnit", 0);
		}
		boughtPerOfferPeriod.forEach((k, q) -> {
			JsonNode o = offers.get(k.substring(0, k.indexOf('|')));
			if (q > num(o, "maxPerPeriod", Double.POSITIVE_INFINITY) + TOL) {
				violations.add("offer " + k + " bought " + q + " above maxPerPeriod");
			}
		});

		Map<String, Double> shippedTo = new HashMap<>();
		Map<String, Double> shippedFrom = new HashMap<>();
		Map<String, Double> carried = new HashMap<>();
		for (JsonNode s : plan.get("shipments")) {
			JsonNode lane = lanes.get(key(s.get("warehouse").asText(), s.get("store").asText(), s.get("carrier").asText()));
			double q = s.get("quantity").asDouble();
			int t = s.get("period").asInt();
			if (lane == null) {
				violations.add("shipment on a lane that does not exist: " + s);
				continue;
			}
			shippedTo.merge(key(s.get("store").asText(), s.get("product").asText(), t), q, Double::sum);
			shippedFrom.merge(key(s.get("warehouse").asText(), s.get("product").asText(), t), q, Double::sum);
			carried.merge(key(s.get("carrier").asText(), t), q, Double::sum);
			transport += q * lane.get("costPerUnit").asDouble();
			co2 += q * num(lane, "co2PerUnit", 0);
		}
		// store flow: shipped in = sold, for every (store, product, period)
		Map<String, Double> all = new HashMap<>(sold);
		shippedTo.forEach((k, q) -> all.putIfAbsent(k, 0.0));
		all.forEach((k, s) -> {
			double in = shippedTo.getOrDefault(k, 0.0);
			if (Math.abs(in - sold.getOrDefault(k, 0.0)) > TOL) {
				violations.add("store flow at " + k + ": shipped " + in + " but sold " + sold.getOrDefault(k, 0.0));
			}
		});
		// warehouse balance and capacity
		for (JsonNode w : scenario.get("warehouses")) {
			String wid = w.get("id").asText();
			double capacity = num(w, "capacity", Double.POSITIVE_INFINITY);
			Map<String, Double> stock = new HashMap<>();
			for (String p : holding.keySet()) {
				JsonNode init = w.get("initialInventory");
				stock.put(p, init != null && init.has(p) ? init.get(p).asDouble() : 0);
			}
			for (int t = 1; t <= horizon; t++) {
				double total = 0;
				for (String p : holding.keySet()) {
					double s = stock.get(p) + arrivals.getOrDefault(key(wid, p, t), 0.0)
							- shippedFrom.getOrDefault(key(wid, p, t), 0.0);
					if (s < -TOL) {
						violations.add("negative stock " + s + " of " + p + " at " + wid + " in period " + t);
					}
					stock.put(p, s);
					total += s;
					hold += s * holding.get(p);
				}
				if (total > capacity + TOL) {
					violations.add("warehouse " + wid + " holds " + total + " above capacity " + capacity + " in period " + t);
				}
			}
		}
		for (JsonNode c : scenario.get("carriers")) {
			for (int t = 1; t <= horizon; t++) {
				double q = carried.getOrDefault(key(c.get("id").asText(), t), 0.0);
				if (q > c.get("capacityPerPeriod").asDouble() + TOL) {
					violations.add("carrier " + c.get("id").asText() + " carries " + q + " above capacity in period " + t);
				}
				if (q > TOL) {
					fixed += num(c, "fixedCostPerPeriod", 0);
				}
			}
		}
		if (policy != null && policy.has("co2Cap") && co2 > policy.get("co2Cap").asDouble() + TOL) {
			violations.add("CO2 " + co2 + " above the cap " + policy.get("co2Cap").asDouble());
		}
		if (policy != null && policy.has("minCommittedFillRate")
				&& servedTotal < policy.get("minCommittedFillRate").asDouble() * committedTotal - TOL) {
			violations.add("fill rate " + servedTotal / committedTotal + " below the floor");
		}
		if (plan.has("co2") && Math.abs(plan.get("co2").asDouble() - co2) > 1e-4 * Math.max(1, co2)) {
			violations.add("plan co2 " + plan.get("co2").asDouble() + " but decisions emit " + co2);
		}
		margin = revenue + committedRevenue - purchase - transport - hold - fixed - penalty - carbonPrice * co2;
	}
}
