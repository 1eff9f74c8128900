package io.smartops.sense;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smartops.orchestrate.ActionItem;
import io.smartops.coordinate.ActionPlanner;
import io.smartops.orchestrate.Channel;
import io.smartops.plan.Plan;
import io.smartops.plan.scenario.Scenario;

/**
 * Which actions of the plan in force a re-plan must keep, and the model decisions that keeps:
 * <ul>
 * <li><b>pinned</b> (in-flight atomic work): actions of the current period that are acknowledged,
 * sent to a system or device and not yet answered, or that a person has started (claimed);</li>
 * <li><b>held</b> (stability for people): other actions for people (operators, suppliers) due to
 * start within the stability window.</li>
 * </ul>
 * Each kept action fixes the decisions it carries: a price change its store's price choices and
 * sales in that period, a purchase order its supplier's buys in that period, a booking or dispatch
 * its carrier's loads, a pick list its warehouse's shipments. Engine-free.
 */
public final class StabilityRules {

	public record Selection(List<ActionItem> pinned, List<ActionItem> held, Map<String, Double> pinnedDecisions,
			Map<String, Double> heldDecisions) {

		public Map<String, Double> all() {
			Map<String, Double> all = new LinkedHashMap<>(heldDecisions);
			all.putAll(pinnedDecisions);
			return all;
		}
	}

	private StabilityRules() {
	}

	/**
	 * @param currentPeriod the plan period now falls in
	 * @param lastWindowPeriod the last period that starts within the stability window
	 * @param inProgress ids of actions a person has started
	 */
	public static Selection select(Scenario scenario, Plan plan, List<ActionItem> inForce, int currentPeriod,
			int lastWindowPeriod, Set<String> inProgress) {
		Index index = new Index(plan);
		List<ActionItem> pinned = new ArrayList<>();
		List<ActionItem> held = new ArrayList<>();
		Map<String, Double> pinnedDecisions = new LinkedHashMap<>();
		Map<String, Double> heldDecisions = new LinkedHashMap<>();
		for (ActionItem a : inForce) {
			if (a.getPeriod() <= currentPeriod && inFlight(a, inProgress)) {
				pinned.add(a);
				pinnedDecisions.putAll(decisions(a, scenario, index));
			}
			else if (a.getChannel().forPeople() && a.getPeriod() <= lastWindowPeriod) {
				held.add(a);
				heldDecisions.putAll(decisions(a, scenario, index));
			}
		}
		return new Selection(pinned, held, pinnedDecisions, heldDecisions);
	}

	static boolean inFlight(ActionItem a, Set<String> inProgress) {
		if (a.getStatus() == ActionItem.Status.ACKNOWLEDGED || inProgress.contains(a.getId())) {
			return true;
		}
		return a.getStatus() == ActionItem.Status.DISPATCHED
				&& (a.getChannel() == Channel.APPLICATION || a.getChannel() == Channel.DEVICE);
	}

	/** The model variables an action's slot decides, at their values in the plan. */
	static Map<String, Double> decisions(ActionItem a, Scenario scenario, Index plan) {
		Map<String, Double> fixed = new LinkedHashMap<>();
		int t = a.getPeriod();
		switch (a.getKind()) {
			case ActionPlanner.PRICE_CHANGE -> {
				for (Scenario.DemandEntry d : scenario.demand()) {
					if (!d.store().equals(a.getTarget()) || d.period() != t) {
						continue;
					}
					String at = "[" + d.store() + "," + d.product() + "," + t + "]";
					Plan.PriceDecision p = plan.prices.get(at);
					for (int k = 0; k < d.priceOptions().size(); k++) {
						boolean chosen = p != null && p.price() != null && Math.abs(d.priceOptions().get(k).price() - p.price()) < 1e-9;
						fixed.put("y" + at + "#" + k, chosen ? 1.0 : 0.0);
						fixed.put("x" + at + "#" + k, chosen ? p.newUnits() : 0.0);
					}
					if (d.committedQuantity() > 0) {
						fixed.put("c" + at, p == null ? 0.0 : p.committedUnits());
					}
				}
			}
			case ActionPlanner.PURCHASE_ORDER -> {
				for (Scenario.SupplyOffer o : scenario.supplyOffers()) {
					if (o.supplier().equals(a.getTarget())) {
						String name = "buy[" + o.id() + "," + t + "]";
						fixed.put(name, plan.quantities.getOrDefault(name, 0.0));
					}
				}
			}
			case ActionPlanner.CARRIER_BOOKING, ActionPlanner.FLEET_DISPATCH -> shipments(fixed, scenario, plan, t,
					l -> l.carrier().equals(a.getTarget()));
			case ActionPlanner.PICK_LIST -> shipments(fixed, scenario, plan, t, l -> l.warehouse().equals(a.getTarget()));
			default -> throw new IllegalArgumentException("unknown action kind " + a.getKind());
		}
		return fixed;
	}

	private static void shipments(Map<String, Double> fixed, Scenario scenario, Index plan, int t,
			java.util.function.Predicate<Scenario.Lane> lanes) {
		for (Scenario.Lane l : scenario.lanes()) {
			if (!lanes.test(l)) {
				continue;
			}
			for (Scenario.Product p : scenario.products()) {
				String name = "ship[" + l.label() + "," + p.id() + "," + t + "]";
				fixed.put(name, plan.quantities.getOrDefault(name, 0.0));
			}
		}
	}

	/** The plan's decisions by model variable name, for lookups per action. */
	static final class Index {

		final Map<String, Plan.PriceDecision> prices = new java.util.HashMap<>();
		final Map<String, Double> quantities = new java.util.HashMap<>();

		Index(Plan plan) {
			plan.prices().forEach(p -> prices.put("[" + p.store() + "," + p.product() + "," + p.period() + "]", p));
			plan.purchases().forEach(b -> quantities.merge("buy[" + b.offer() + "," + b.period() + "]", b.quantity(), Double::sum));
			plan.shipments().forEach(s -> quantities.merge("ship[" + s.warehouse() + "->" + s.store() + "/" + s.carrier() + ","
					+ s.product() + "," + s.period() + "]", s.quantity(), Double::sum));
		}
	}
}
