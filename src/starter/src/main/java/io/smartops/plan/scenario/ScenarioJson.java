package io.smartops.plan.scenario;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smartops.plan.scenario.Scenario.Carrier;
import io.smartops.plan.scenario.Scenario.Committed;
import io.smartops.plan.scenario.Scenario.DemandEntry;
import io.smartops.plan.scenario.Scenario.Lane;
import io.smartops.plan.scenario.Scenario.Policy;
import io.smartops.plan.scenario.Scenario.PriceOption;
import io.smartops.plan.scenario.Scenario.Product;
import io.smartops.plan.scenario.Scenario.Store;
import io.smartops.plan.scenario.Scenario.SupplyOffer;
import io.smartops.plan.scenario.Scenario.Warehouse;

/**
 * Reads and writes the scenario JSON of the planning contract. Reading validates every field rule
 * and collects all problems, each naming the field by its JSON path and the offending value
 * ({@code demand[3].period: 5 is outside 1..4}); a scenario with any problem is never returned.
 */
public final class ScenarioJson {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	/**
	 * The largest number a scenario may hold: the solvers work in doubles with a feasibility
	 * tolerance of 1e-6, so larger coefficients (1e308, say) would make their answers meaningless.
	 */
	public static final double MAX_NUMBER = 1e10;

	/** The fields of a scenario; any other is refused. */
	public static final List<String> FIELDS = List.of("name", "periods", "products", "warehouses", "stores", "carriers",
			"lanes", "supplyOffers", "demand", "policy");

	/** The longest id or name a scenario may hold. */
	public static final int MAX_TEXT = 100;

	private ScenarioJson() {
	}

	public static Scenario parse(String json) {
		JsonNode root;
		try {
			root = MAPPER.readTree(json);
		}
		catch (JsonProcessingException e) {
			throw new InvalidScenarioException(
					List.of("scenario: not valid JSON (" + io.smartops.core.web.ClientMessages.plain(e.getOriginalMessage(),
							"it cannot be read") + ")"));
		}
		return read(root);
	}

	public static Scenario read(JsonNode root) {
		return new Reader().scenario(root);
	}

	public static String write(Scenario scenario) {
		try {
			return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(scenario));
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	public static ObjectNode toJson(Scenario s) {
		ObjectNode root = MAPPER.createObjectNode();
		root.put("name", s.name());
		root.put("periods", s.periods());
		ArrayNode products = root.putArray("products");
		s.products().forEach(p -> products.addObject().put("id", p.id()).put("holdingCost", p.holdingCost()));
		ArrayNode warehouses = root.putArray("warehouses");
		for (Warehouse w : s.warehouses()) {
			ObjectNode n = warehouses.addObject().put("id", w.id());
			if (w.hasCapacity()) {
				n.put("capacity", w.capacity());
			}
			ObjectNode inv = n.putObject("initialInventory");
			w.initialInventory().forEach(inv::put);
		}
		ArrayNode stores = root.putArray("stores");
		s.stores().forEach(st -> stores.addObject().put("id", st.id()));
		ArrayNode carriers = root.putArray("carriers");
		s.carriers().forEach(c -> carriers.addObject().put("id", c.id()).put("capacityPerPeriod", c.capacityPerPeriod())
			.put("fixedCostPerPeriod", c.fixedCostPerPeriod()));
		ArrayNode lanes = root.putArray("lanes");
		s.lanes().forEach(l -> lanes.addObject().put("warehouse", l.warehouse()).put("store", l.store())
			.put("carrier", l.carrier()).put("costPerUnit", l.costPerUnit()).put("co2PerUnit", l.co2PerUnit()));
		ArrayNode offers = root.putArray("supplyOffers");
		for (SupplyOffer o : s.supplyOffers()) {
			ObjectNode n = offers.addObject().put("id", o.id()).put("supplier", o.supplier()).put("product", o.product())
				.put("warehouse", o.warehouse()).put("unitCost", o.unitCost()).put("leadTime", o.leadTime());
			if (Double.isFinite(o.maxPerPeriod())) {
				n.put("maxPerPeriod", o.maxPerPeriod());
			}
			n.put("co2PerUnit", o.co2PerUnit());
		}
		ArrayNode demand = root.putArray("demand");
		for (DemandEntry d : s.demand()) {
			ObjectNode n = demand.addObject().put("store", d.store()).put("product", d.product()).put("period", d.period());
			if (d.committed() != null) {
				n.putObject("committed").put("quantity", d.committed().quantity()).put("price", d.committed().price())
					.put("penaltyPerUnit", d.committed().penaltyPerUnit());
			}
			ArrayNode options = n.putArray("priceOptions");
			d.priceOptions().forEach(o -> options.addObject().put("price", o.price()).put("quantity", o.quantity()));
		}
		ObjectNode policy = root.putObject("policy");
		Policy p = s.policy();
		if (p.co2Cap() != null) {
			policy.put("co2Cap", p.co2Cap());
		}
		policy.put("carbonPrice", p.carbonPrice());
		if (p.minCommittedFillRate() != null) {
			policy.put("minCommittedFillRate", p.minCommittedFillRate());
		}
		return root;
	}

	/** One read of one document; collects problems instead of failing on the first. */
	private static final class Reader {

		private final List<String> problems = new ArrayList<>();

		Scenario scenario(JsonNode root) {
			if (root == null || !root.isObject()) {
				throw new InvalidScenarioException(List.of("scenario: must be a JSON object"));
			}
			allowOnly(root, "", FIELDS.toArray(String[]::new));
			String name = root.has("name") ? text(root, "name", "") : "scenario";
			Integer periodsOrNull = integer(root, "periods", "", null);
			int periods = periodsOrNull == null ? 0 : periodsOrNull;
			if (periodsOrNull != null && periods < 1) {
				problems.add("periods: " + periods + " must be at least 1");
			}
			List<Product> products = list(root, "products", (n, path) -> {
				allowOnly(n, path, "id", "holdingCost");
				return new Product(text(n, "id", path), number(n, "holdingCost", path, 0.0));
			});
			Set<String> productIds = ids(products, Product::id, "products");
			List<Warehouse> warehouses = list(root, "warehouses", (n, path) -> {
				allowOnly(n, path, "id", "capacity", "initialInventory");
				Map<String, Double> initial = new LinkedHashMap<>();
				JsonNode inv = n.get("initialInventory");
				if (inv != null && !inv.isNull()) {
					if (!inv.isObject()) {
						problems.add(path + ".initialInventory: must be an object of product id to quantity");
					}
					else {
						for (Iterator<String> it = inv.fieldNames(); it.hasNext();) {
							String product = it.next();
							Double q = number(inv, product, path + ".initialInventory", null);
							if (!productIds.contains(product)) {
								problems.add(path + ".initialInventory." + product + ": unknown product \"" + product + "\"");
							}
							if (q != null) {
								initial.put(product, q);
							}
						}
					}
				}
				return new Warehouse(text(n, "id", path), number(n, "capacity", path, Double.POSITIVE_INFINITY),
						initial);
			});
			Set<String> warehouseIds = ids(warehouses, Warehouse::id, "warehouses");
			List<Store> stores = list(root, "stores", (n, path) -> {
				allowOnly(n, path, "id");
				return new Store(text(n, "id", path));
			});
			Set<String> storeIds = ids(stores, Store::id, "stores");
			List<Carrier> carriers = list(root, "carriers", (n, path) -> {
				allowOnly(n, path, "id", "capacityPerPeriod", "fixedCostPerPeriod");
				return new Carrier(text(n, "id", path), number(n, "capacityPerPeriod", path, null),
						number(n, "fixedCostPerPeriod", path, 0.0));
			});
			Set<String> carrierIds = ids(carriers, Carrier::id, "carriers");
			List<Lane> lanes = list(root, "lanes", (n, path) -> {
				allowOnly(n, path, "warehouse", "store", "carrier", "costPerUnit", "co2PerUnit");
				return new Lane(ref(n, "warehouse", path, warehouseIds), ref(n, "store", path, storeIds),
						ref(n, "carrier", path, carrierIds), number(n, "costPerUnit", path, null),
						number(n, "co2PerUnit", path, 0.0));
			});
			final int horizon = periods;
			List<SupplyOffer> offers = list(root, "supplyOffers", (n, path) -> {
				allowOnly(n, path, "id", "supplier", "product", "warehouse", "unitCost", "leadTime", "maxPerPeriod",
						"co2PerUnit");
				Integer lead = integer(n, "leadTime", path, 0);
				if (lead != null && lead < 0) {
					problems.add(path + ".leadTime: " + lead + " must be at least 0");
				}
				return new SupplyOffer(text(n, "id", path), text(n, "supplier", path), ref(n, "product", path, productIds),
						ref(n, "warehouse", path, warehouseIds), number(n, "unitCost", path, null),
						lead == null ? 0 : lead, number(n, "maxPerPeriod", path, Double.POSITIVE_INFINITY),
						number(n, "co2PerUnit", path, 0.0));
			});
			ids(offers, SupplyOffer::id, "supplyOffers");
			Set<String> demandKeys = new HashSet<>();
			List<DemandEntry> demand = list(root, "demand", (n, path) -> {
				allowOnly(n, path, "store", "product", "period", "committed", "priceOptions");
				String store = ref(n, "store", path, storeIds);
				String product = ref(n, "product", path, productIds);
				Integer period = integer(n, "period", path, null);
				if (period != null && horizon >= 1 && (period < 1 || period > horizon)) {
					problems.add(path + ".period: " + period + " is outside 1.." + horizon);
				}
				if (period != null && !demandKeys.add(store + "\u0000" + product + "\u0000" + period)) {
					problems.add(path + ": a second demand entry for store \"" + store + "\", product \"" + product
							+ "\", period " + period);
				}
				Committed committed = null;
				JsonNode c = n.get("committed");
				if (c != null && !c.isNull()) {
					String cp = path + ".committed";
					if (!c.isObject()) {
						problems.add(cp + ": must be an object");
					}
					else {
						allowOnly(c, cp, "quantity", "price", "penaltyPerUnit");
						committed = new Committed(number(c, "quantity", cp, null), number(c, "price", cp, null),
								number(c, "penaltyPerUnit", cp, null));
					}
				}
				List<PriceOption> options = list(n, "priceOptions", path, false, (o, op) -> {
					allowOnly(o, op, "price", "quantity");
					return new PriceOption(number(o, "price", op, null), number(o, "quantity", op, null));
				});
				return new DemandEntry(store, product, period == null ? 0 : period, committed, options);
			});
			Policy policy = Policy.NONE;
			JsonNode p = root.get("policy");
			if (p != null && !p.isNull()) {
				if (!p.isObject()) {
					problems.add("policy: must be an object");
				}
				else {
					allowOnly(p, "policy", "co2Cap", "carbonPrice", "minCommittedFillRate");
					Double fill = number(p, "minCommittedFillRate", "policy", null, false);
					if (fill != null && fill > 1) {
						problems.add("policy.minCommittedFillRate: " + num(fill) + " is outside [0, 1]");
					}
					policy = new Policy(number(p, "co2Cap", "policy", null, false), number(p, "carbonPrice", "policy", 0.0),
							fill);
				}
			}
			if (!problems.isEmpty()) {
				throw new InvalidScenarioException(problems);
			}
			return new Scenario(name, periods, products, warehouses, stores, carriers, lanes, offers, demand, policy);
		}

		private interface ItemReader<T> {
			T read(JsonNode node, String path);
		}

		private <T> List<T> list(JsonNode parent, String field, ItemReader<T> reader) {
			return list(parent, field, "", true, reader);
		}

		private <T> List<T> list(JsonNode parent, String field, String parentPath, boolean required,
				ItemReader<T> reader) {
			String path = join(parentPath, field);
			JsonNode node = parent.get(field);
			List<T> items = new ArrayList<>();
			if (node == null || node.isNull()) {
				if (required) {
					problems.add(path + ": is required (a list, possibly empty)");
				}
				return items;
			}
			if (!node.isArray()) {
				problems.add(path + ": " + node + " is not a list");
				return items;
			}
			for (int i = 0; i < node.size(); i++) {
				String itemPath = path + "[" + i + "]";
				JsonNode item = node.get(i);
				if (!item.isObject()) {
					problems.add(itemPath + ": " + item + " is not an object");
					continue;
				}
				items.add(reader.read(item, itemPath));
			}
			return items;
		}

		private <T> Set<String> ids(List<T> items, Function<T, String> id, String list) {
			Set<String> seen = new HashSet<>();
			for (int i = 0; i < items.size(); i++) {
				String value = id.apply(items.get(i));
				if (value != null && !value.isEmpty() && !seen.add(value)) {
					problems.add(list + "[" + i + "].id: \"" + value + "\" is not unique");
				}
			}
			return seen;
		}

		private void allowOnly(JsonNode node, String path, String... fields) {
			Set<String> allowed = Set.of(fields);
			for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
				String f = it.next();
				if (!allowed.contains(f)) {
					problems.add(join(path, f) + ": unknown field");
				}
			}
		}

		private String text(JsonNode n, String field, String path) {
			JsonNode v = n.get(field);
			String fp = join(path, field);
			if (v == null || v.isNull()) {
				problems.add(fp + ": is required");
				return null;
			}
			if (!v.isTextual()) {
				problems.add(fp + ": " + v + " is not a string");
				return null;
			}
			if (v.asText().isBlank()) {
				problems.add(fp + ": must not be empty");
				return null;
			}
			if (v.asText().length() > MAX_TEXT) {
				problems.add(fp + ": is longer than " + MAX_TEXT + " characters");
				return null;
			}
			return v.asText();
		}

		private String ref(JsonNode n, String field, String path, Set<String> known) {
			String value = text(n, field, path);
			if (value != null && !known.contains(value)) {
				problems.add(join(path, field) + ": unknown " + field + " \"" + value + "\"");
			}
			return value;
		}

		private Double number(JsonNode n, String field, String path, Double defaultValue) {
			return number(n, field, path, defaultValue, true);
		}

		/** A finite number in [0, {@link ScenarioJson#MAX_NUMBER}]; {@code defaultValue} null means required (when {@code required}). */
		private Double number(JsonNode n, String field, String path, Double defaultValue, boolean required) {
			JsonNode v = n.get(field);
			String fp = join(path, field);
			if (v == null || v.isNull()) {
				if (defaultValue == null && required) {
					problems.add(fp + ": is required");
					return 0.0;
				}
				return defaultValue;
			}
			if (!v.isNumber()) {
				problems.add(fp + ": " + v + " is not a number");
				return 0.0;
			}
			double d = v.asDouble();
			if (!Double.isFinite(d)) {
				problems.add(fp + ": " + v + " is not finite");
				return 0.0;
			}
			if (d < 0) {
				problems.add(fp + ": " + num(d) + " must be at least 0");
			}
			else if (d > MAX_NUMBER) {
				problems.add(fp + ": " + v + " is larger than " + num(MAX_NUMBER)
						+ ", beyond what the optimizer represents exactly");
				return 0.0;
			}
			return d;
		}

		private Integer integer(JsonNode n, String field, String path, Integer defaultValue) {
			JsonNode v = n.get(field);
			String fp = join(path, field);
			if (v == null || v.isNull()) {
				if (defaultValue == null) {
					problems.add(fp + ": is required");
				}
				return defaultValue;
			}
			if (!v.isNumber() || (!v.isIntegralNumber() && v.asDouble() != Math.rint(v.asDouble()))) {
				problems.add(fp + ": " + v + " is not a whole number");
				return null;
			}
			if (Math.abs(v.asDouble()) > Integer.MAX_VALUE) {
				problems.add(fp + ": " + v + " is too large");
				return null;
			}
			return (int) v.asDouble();
		}

		private static String join(String path, String field) {
			return path.isEmpty() ? field : path + "." + field;
		}

		private static String num(double d) {
			return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
		}

	}

}
