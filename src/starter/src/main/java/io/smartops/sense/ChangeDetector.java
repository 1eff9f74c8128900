package io.smartops.sense;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.smartops.plan.Plan;
import io.smartops.plan.scenario.Scenario;

/**
 * Does a sensed change matter to the plan in force? A change that touches a binding (zero-slack)
 * constraint, or moves a right-hand side past its row's slack (outside its sensitivity range),
 * or changes the cost or timing of what the plan buys, triggers re-optimization; a change the
 * plan's slack absorbs does not. Either way the decision comes with its reason and the
 * constraints it touches. Engine-free: scenario, plan and event in, decision out.
 *
 * <p>Events are read as happening in the plan's first period. Cost ranges are not computed: any
 * cost change on an offer the plan buys triggers, and an offer not bought triggers only when it
 * becomes cheaper than the offers bought for the same product.
 */
public final class ChangeDetector {

	static final double EPS = 1e-6;

	public record Decision(boolean triggers, String reason, List<String> touched) {

		static Decision absorbed(String reason) {
			return new Decision(false, reason, List.of());
		}

		static Decision triggered(String reason, List<String> touched) {
			return new Decision(true, reason, touched);
		}
	}

	private final Scenario scenario;
	private final Plan plan;
	private final Map<String, Plan.ConstraintReport> rows;

	public ChangeDetector(Scenario scenario, Plan plan) {
		this.scenario = scenario;
		this.plan = plan;
		this.rows = plan.constraints().stream().collect(Collectors.toMap(Plan.ConstraintReport::name, Function.identity(),
				(a, b) -> a));
	}

	public Decision decide(SensorEvent e) {
		return switch (e.type()) {
			case "stock-level" -> stock(e);
			case "carrier-capacity" -> carrierCapacity(e);
			case "warehouse-capacity" -> warehouseCapacity(e);
			case "supplier-cost" -> supplierCost(e);
			case "supplier-lead-time" -> leadTime(e);
			case "store-demand" -> demand(e);
			case "policy" -> policy(e);
			default -> throw new IllegalArgumentException("unknown event type " + e.type());
		};
	}

	/** What the subject names that the scenario does not have, or null. */
	public String unknownSubject(SensorEvent e) {
		String[] parts = e.subject().split("/");
		return switch (e.type()) {
			case "stock-level" -> warehouse(parts[0]) == null ? "no warehouse " + parts[0]
					: product(parts[1]) ? null : "no product " + parts[1];
			case "warehouse-capacity" -> warehouse(e.subject()) == null ? "no warehouse " + e.subject() : null;
			case "carrier-capacity" -> carrier(e.subject()) == null ? "no carrier " + e.subject() : null;
			case "supplier-cost", "supplier-lead-time" -> offer(e.subject()) == null ? "no supply offer " + e.subject() : null;
			case "store-demand" -> scenario.stores().stream().noneMatch(s -> s.id().equals(parts[0])) ? "no store " + parts[0]
					: product(parts[1]) ? null : "no product " + parts[1];
			default -> null;
		};
	}

	private Decision stock(SensorEvent e) {
		String w = e.subject().split("/")[0];
		String p = e.subject().split("/")[1];
		double delta = e.value() - warehouse(w).initial(p);
		if (Math.abs(delta) <= EPS) {
			return Decision.absorbed("stock of " + p + " at " + w + " is as planned");
		}
		double[] inv = inventory(w, p);
		if (delta < 0) {
			double min = Double.POSITIVE_INFINITY;
			for (int t = 1; t <= scenario.periods(); t++) {
				min = Math.min(min, inv[t]);
			}
			if (min >= -delta - EPS) {
				return Decision.absorbed(f("stock of %s at %s falls by %.1f; the plan leaves at least %.1f of it unused in every period",
						p, w, -delta, min));
			}
			return Decision.triggered(f("stock of %s at %s falls by %.1f; the plan leaves only %.1f of it unused", p, w, -delta, min),
					List.of("warehouse-balance[" + w + "," + p + "]"));
		}
		List<String> short_ = new ArrayList<>();
		for (int t = 1; t <= scenario.periods(); t++) {
			Plan.ConstraintReport r = rows.get("warehouse-capacity[" + w + "," + t + "]");
			if (r != null && r.slack() < delta - EPS) {
				short_.add(r.name());
			}
		}
		if (!short_.isEmpty()) {
			return Decision.triggered(f("%.1f more of %s at %s does not fit: capacity slack is smaller", delta, p, w), short_);
		}
		boolean bought = plan.purchases().stream().anyMatch(b -> b.product().equals(p) && b.warehouse().equals(w)
				&& b.quantity() > EPS);
		if (bought) {
			return Decision.triggered(f("%.1f more of %s at %s can replace the plan's purchases of it", delta, p, w),
					List.of("warehouse-balance[" + w + "," + p + "]"));
		}
		return Decision.absorbed(f("%.1f more of %s at %s: the plan buys none to replace and capacity slack holds it", delta, p, w));
	}

	private Decision carrierCapacity(SensorEvent e) {
		Scenario.Carrier c = carrier(e.subject());
		double[] used = new double[scenario.periods() + 1];
		plan.shipments().stream().filter(s -> s.carrier().equals(c.id())).forEach(s -> used[s.period()] += s.quantity());
		return capacity("carrier-capacity", c.id(), c.capacityPerPeriod(), e.value(), used);
	}

	private Decision warehouseCapacity(SensorEvent e) {
		Scenario.Warehouse w = warehouse(e.subject());
		double[] used = new double[scenario.periods() + 1];
		for (Scenario.Product p : scenario.products()) {
			double[] inv = inventory(w.id(), p.id());
			for (int t = 1; t <= scenario.periods(); t++) {
				used[t] += inv[t];
			}
		}
		return capacity("warehouse-capacity", w.id(), w.capacity(), e.value(), used);
	}

	/** A capacity's new limit against what the plan uses of it in each period. */
	private Decision capacity(String group, String id, double old, double limit, double[] used) {
		if (Math.abs(limit - old) <= EPS) {
			return Decision.absorbed(group + " of " + id + " is as planned");
		}
		List<String> touched = new ArrayList<>();
		double minSlack = Double.POSITIVE_INFINITY;
		for (int t = 1; t < used.length; t++) {
			String name = group + "[" + id + "," + t + "]";
			boolean binding = used[t] > EPS && Math.abs(old - used[t]) <= 1e-4;
			if (limit < old ? used[t] > limit + EPS : binding) {
				touched.add(name);
			}
			minSlack = Math.min(minSlack, limit - used[t]);
		}
		if (!touched.isEmpty()) {
			return Decision.triggered(limit < old
					? f("%s of %s falls from %.1f to %.1f, below what the plan uses in %s", group, id, old, limit, touched)
					: f("%s of %s rises from %.1f to %.1f and binds the plan in %s", group, id, old, limit, touched), touched);
		}
		return Decision.absorbed(limit < old
				? f("%s of %s falls from %.1f to %.1f; the plan's use fits, slack at least %.1f", group, id, old, limit, minSlack)
				: f("%s of %s rises from %.1f to %.1f; the plan never uses it fully", group, id, old, limit));
	}

	private Decision supplierCost(SensorEvent e) {
		Scenario.SupplyOffer o = offer(e.subject());
		if (Math.abs(e.value() - o.unitCost()) <= EPS) {
			return Decision.absorbed("unit cost of " + o.id() + " is as planned");
		}
		double bought = bought(o.id());
		if (bought > EPS) {
			return Decision.triggered(f("the plan buys %.1f from %s, whose unit cost moves from %.2f to %.2f", bought, o.id(),
					o.unitCost(), e.value()), List.of("purchases[" + o.id() + "]"));
		}
		double cheapestBought = plan.purchases().stream().filter(b -> b.product().equals(o.product()) && b.quantity() > EPS)
			.mapToDouble(b -> offer(b.offer()).unitCost()).min().orElse(Double.POSITIVE_INFINITY);
		if (e.value() < cheapestBought - EPS) {
			return Decision.triggered(f("%s, not bought, now costs %.2f: less than the %.2f of the offers bought for %s", o.id(),
					e.value(), cheapestBought, o.product()), List.of("purchases[" + o.product() + "]"));
		}
		return Decision.absorbed(f("%s is not bought and at %.2f is no cheaper than the offers bought for %s (%.2f)", o.id(),
				e.value(), o.product(), cheapestBought));
	}

	private Decision leadTime(SensorEvent e) {
		Scenario.SupplyOffer o = offer(e.subject());
		if ((int) e.value() == o.leadTime()) {
			return Decision.absorbed("lead time of " + o.id() + " is as planned");
		}
		double bought = bought(o.id());
		if (bought > EPS) {
			return Decision.triggered(f("the plan buys %.1f from %s, whose lead time moves from %d to %d periods", bought, o.id(),
					o.leadTime(), (int) e.value()), List.of("purchases[" + o.id() + "]"));
		}
		return Decision.absorbed(o.id() + " is not bought in the plan");
	}

	private Decision demand(SensorEvent e) {
		String s = e.subject().split("/")[0];
		String p = e.subject().split("/")[1];
		List<String> touched = new ArrayList<>();
		List<String> why = new ArrayList<>();
		for (Scenario.DemandEntry d : scenario.demand()) {
			if (!d.store().equals(s) || !d.product().equals(p) || d.priceOptions().isEmpty()) {
				continue;
			}
			double factor = e.value() / Math.max(EPS, ScenarioPatch.baseQuantity(d));
			Plan.PriceDecision sold = plan.prices().stream()
				.filter(x -> x.store().equals(s) && x.product().equals(p) && x.period() == d.period()).findFirst().orElse(null);
			if (sold == null || sold.price() == null) {
				if (factor > 1 + EPS) {
					touched.add("store-flow[" + s + "," + p + "," + d.period() + "]");
					why.add(f("period %d: not offered, demand rises", d.period()));
				}
				continue;
			}
			double q = d.priceOptions().stream().filter(o -> Math.abs(o.price() - sold.price()) <= EPS).findFirst()
				.map(Scenario.PriceOption::quantity).orElse(0.0);
			if (sold.newUnits() > q * factor + EPS) {
				touched.add("store-flow[" + s + "," + p + "," + d.period() + "]");
				why.add(f("period %d: the plan sells %.1f, demand at %.2f is now %.1f", d.period(), sold.newUnits(), sold.price(),
						q * factor));
			}
			else if (factor > 1 + EPS && sold.newUnits() >= q - 1e-4) {
				touched.add("store-flow[" + s + "," + p + "," + d.period() + "]");
				why.add(f("period %d: the plan sells out (%.1f) at %.2f and demand rises to %.1f", d.period(), q, sold.price(),
						q * factor));
			}
		}
		if (!touched.isEmpty()) {
			return Decision.triggered("demand of " + p + " at " + s + " changes what the plan sells: " + String.join("; ", why),
					touched);
		}
		return Decision.absorbed(f("demand of %s at %s moves to %.1f per period; the plan's sales there stay within it and do "
				+ "not sell out", p, s, e.value()));
	}

	private Decision policy(SensorEvent e) {
		Scenario.Policy policy = scenario.policy() == null ? Scenario.Policy.NONE : scenario.policy();
		switch (e.subject()) {
			case "co2-cap" -> {
				double co2 = plan.co2() == null ? 0 : plan.co2();
				Plan.ConstraintReport row = rows.get("co2-cap");
				if (row != null && row.binding()) {
					return Decision.triggered(f("the CO2 cap binds the plan (%.1f kg); it moves to %.1f", co2, e.value()),
							List.of("co2-cap"));
				}
				if (e.value() < co2 - EPS) {
					return Decision.triggered(f("the CO2 cap falls to %.1f, below the plan's %.1f kg", e.value(), co2),
							List.of("co2-cap"));
				}
				return Decision.absorbed(f("the plan's %.1f kg of CO2 stay within the new cap %.1f", co2, e.value()));
			}
			case "fill-rate" -> {
				double total = scenario.totalCommitted();
				double served = plan.prices().stream().mapToDouble(Plan.PriceDecision::committedUnits).sum();
				double achieved = total <= 0 ? 1 : served / total;
				Plan.ConstraintReport row = rows.get("fill-rate");
				if (row != null && row.binding()) {
					return Decision.triggered(f("the fill-rate floor binds the plan; it moves to %.3f", e.value()),
							List.of("fill-rate"));
				}
				if (e.value() > achieved + EPS) {
					return Decision.triggered(f("the fill-rate floor rises to %.3f, above the plan's %.3f", e.value(), achieved),
							List.of("fill-rate"));
				}
				return Decision.absorbed(f("the plan's fill rate %.3f meets the new floor %.3f", achieved, e.value()));
			}
			default -> {
				double co2 = plan.co2() == null ? 0 : plan.co2();
				if (Math.abs(e.value() - policy.carbonPrice()) <= EPS) {
					return Decision.absorbed("the carbon price is as planned");
				}
				if (co2 <= EPS) {
					return Decision.absorbed("the plan emits no CO2; the carbon price does not change its cost");
				}
				return Decision.triggered(f("the carbon price moves from %.3f to %.3f on the plan's %.1f kg", policy.carbonPrice(),
						e.value(), co2), List.of("carbonCost"));
			}
		}
	}

	/** End-of-period stock of a product at a warehouse in the plan, index 0 the initial stock. */
	double[] inventory(String w, String p) {
		int h = scenario.periods();
		double[] inv = new double[h + 1];
		inv[0] = warehouse(w).initial(p);
		double[] in = new double[h + 1];
		double[] out = new double[h + 1];
		plan.purchases().stream().filter(b -> b.warehouse().equals(w) && b.product().equals(p) && b.arrivalPeriod() <= h)
			.forEach(b -> in[b.arrivalPeriod()] += b.quantity());
		plan.shipments().stream().filter(s -> s.warehouse().equals(w) && s.product().equals(p))
			.forEach(s -> out[s.period()] += s.quantity());
		for (int t = 1; t <= h; t++) {
			inv[t] = inv[t - 1] + in[t] - out[t];
		}
		return inv;
	}

	private double bought(String offer) {
		return plan.purchases().stream().filter(b -> b.offer().equals(offer)).mapToDouble(Plan.Purchase::quantity).sum();
	}

	private Scenario.Warehouse warehouse(String id) {
		return scenario.warehouses().stream().filter(w -> w.id().equals(id)).findFirst().orElse(null);
	}

	private Scenario.Carrier carrier(String id) {
		return scenario.carriers().stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
	}

	private Scenario.SupplyOffer offer(String id) {
		return scenario.supplyOffers().stream().filter(o -> o.id().equals(id)).findFirst().orElse(null);
	}

	private boolean product(String id) {
		return scenario.products().stream().anyMatch(p -> p.id().equals(id));
	}

	private static String f(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}
}
