package io.smartops.coordinate;

import io.smartops.orchestrate.ActionDraft;
import io.smartops.orchestrate.Channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smartops.coordinate.source.RetailRecords;
import io.smartops.plan.Plan;
import io.smartops.core.security.Roles;

/**
 * Turns a plan into action items, one per action-taker and period: price changes to each store's
 * POS (application), purchase orders to each supplier (e-mail), bookings with third-party
 * carriers (application) and dispatch work orders for the own fleet (operator), pick lists to
 * each warehouse (its device by MQTT when it is automated and the device channel is on, else the
 * warehouse team in Tasklist). Engine-free: the same plan always gives the same drafts.
 */
public final class ActionPlanner {

	public static final String PRICE_CHANGE = "PRICE_CHANGE";
	public static final String PURCHASE_ORDER = "PURCHASE_ORDER";
	public static final String CARRIER_BOOKING = "CARRIER_BOOKING";
	public static final String FLEET_DISPATCH = "FLEET_DISPATCH";
	public static final String PICK_LIST = "PICK_LIST";

	static final double MIN_QUANTITY = 1e-6;
	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/** What the planner needs to know of the network: who the suppliers, carriers and warehouses are. */
	public record Network(Map<String, RetailRecords.Supplier> suppliers, Map<String, RetailRecords.Carrier> carriers,
			Map<String, RetailRecords.Warehouse> warehouses, boolean devicesOn) {

		public static Network of(List<RetailRecords.Supplier> suppliers, List<RetailRecords.Carrier> carriers,
				List<RetailRecords.Warehouse> warehouses, boolean devicesOn) {
			return new Network(index(suppliers, RetailRecords.Supplier::id), index(carriers, RetailRecords.Carrier::id),
					index(warehouses, RetailRecords.Warehouse::id), devicesOn);
		}

		private static <T> Map<String, T> index(List<T> list, Function<T, String> id) {
			return list.stream().collect(Collectors.toMap(id, t -> t, (a, b) -> a, TreeMap::new));
		}
	}

	private ActionPlanner() {
	}

	public static List<ActionDraft> drafts(Plan plan, Network network) {
		List<ActionDraft> drafts = new ArrayList<>();
		// price changes: one per store and period
		Map<String, List<Plan.PriceDecision>> prices = new TreeMap<>();
		for (Plan.PriceDecision p : plan.prices()) {
			if (p.price() != null || p.committedUnits() > MIN_QUANTITY) {
				prices.computeIfAbsent(p.store() + "#" + p.period(), k -> new ArrayList<>()).add(p);
			}
		}
		prices.forEach((key, list) -> {
			ObjectNode payload = NODES.objectNode().put("store", list.get(0).store()).put("period", list.get(0).period());
			ArrayNode lines = payload.putArray("prices");
			list.forEach(p -> {
				ObjectNode line = lines.addObject().put("product", p.product());
				if (p.price() != null) {
					line.put("price", p.price());
				}
				line.put("newUnits", round(p.newUnits())).put("committedUnits", round(p.committedUnits()));
			});
			drafts.add(new ActionDraft(PRICE_CHANGE, list.get(0).store(), list.get(0).period(), Channel.APPLICATION, null,
					"store-pos", payload.toString()));
		});
		// purchase orders: one per supplier and order period
		Map<String, List<Plan.Purchase>> orders = new TreeMap<>();
		plan.purchases().stream().filter(p -> p.quantity() > MIN_QUANTITY)
			.forEach(p -> orders.computeIfAbsent(p.supplier() + "#" + p.period(), k -> new ArrayList<>()).add(p));
		orders.forEach((key, list) -> {
			Plan.Purchase first = list.get(0);
			RetailRecords.Supplier supplier = network.suppliers().get(first.supplier());
			ObjectNode payload = NODES.objectNode().put("supplier", first.supplier())
				.put("supplierName", supplier == null ? first.supplier() : supplier.name()).put("orderPeriod", first.period());
			ArrayNode lines = payload.putArray("lines");
			list.forEach(p -> lines.addObject().put("offer", p.offer()).put("product", p.product())
				.put("warehouse", p.warehouse()).put("quantity", round(p.quantity())).put("arrivalPeriod", p.arrivalPeriod()));
			drafts.add(new ActionDraft(PURCHASE_ORDER, first.supplier(), first.period(), Channel.SUPPLIER, "procurement-buyers",
					supplier == null ? null : supplier.email(), payload.toString()));
		});
		// transport: third-party bookings by API, own-fleet dispatch by the dispatchers; pick lists per warehouse
		Map<String, List<Plan.Shipment>> byCarrier = new TreeMap<>();
		Map<String, List<Plan.Shipment>> byWarehouse = new TreeMap<>();
		plan.shipments().stream().filter(s -> s.quantity() > MIN_QUANTITY).forEach(s -> {
			byCarrier.computeIfAbsent(s.carrier() + "#" + s.period(), k -> new ArrayList<>()).add(s);
			byWarehouse.computeIfAbsent(s.warehouse() + "#" + s.period(), k -> new ArrayList<>()).add(s);
		});
		byCarrier.forEach((key, list) -> {
			Plan.Shipment first = list.get(0);
			RetailRecords.Carrier carrier = network.carriers().get(first.carrier());
			boolean external = carrier != null && carrier.external();
			ObjectNode payload = NODES.objectNode().put("carrier", first.carrier()).put("period", first.period());
			ArrayNode lines = payload.putArray("loads");
			list.forEach(s -> lines.addObject().put("warehouse", s.warehouse()).put("store", s.store())
				.put("product", s.product()).put("quantity", round(s.quantity())));
			payload.put("totalUnits", round(list.stream().mapToDouble(Plan.Shipment::quantity).sum()));
			drafts.add(external
					? new ActionDraft(CARRIER_BOOKING, first.carrier(), first.period(), Channel.APPLICATION, null, "carrier-booking",
							payload.toString())
					: new ActionDraft(FLEET_DISPATCH, first.carrier(), first.period(), Channel.OPERATOR, "fleet-dispatchers", null,
							payload.toString()));
		});
		byWarehouse.forEach((key, list) -> {
			Plan.Shipment first = list.get(0);
			RetailRecords.Warehouse w = network.warehouses().get(first.warehouse());
			boolean device = w != null && w.automated() && network.devicesOn();
			ObjectNode payload = NODES.objectNode().put("warehouse", first.warehouse()).put("period", first.period());
			ArrayNode lines = payload.putArray("picks");
			list.forEach(s -> lines.addObject().put("product", s.product()).put("store", s.store())
				.put("carrier", s.carrier()).put("quantity", round(s.quantity())));
			drafts.add(new ActionDraft(PICK_LIST, first.warehouse(), first.period(), device ? Channel.DEVICE : Channel.OPERATOR,
					device ? null : "warehouse-operators", device ? first.warehouse() : null, payload.toString()));
		});
		return drafts;
	}

	/** Whether any draft puts work in front of people (operators or suppliers). */
	public static boolean anyForPeople(List<ActionDraft> drafts) {
		return drafts.stream().anyMatch(d -> d.channel().forPeople());
	}

	static {
		// keeps the groups the planner names in step with the groups the identity bootstrap creates
		if (!Roles.OPERATIONS_TEAMS.containsAll(List.of("warehouse-operators", "fleet-dispatchers", "procurement-buyers"))) {
			throw new IllegalStateException("operations teams are missing from Roles.OPERATIONS_TEAMS");
		}
	}

	static double round(double v) {
		return Math.round(v * 1000) / 1000.0;
	}
}
