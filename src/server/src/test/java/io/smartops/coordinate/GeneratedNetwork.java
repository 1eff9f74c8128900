package io.smartops.coordinate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import io.smartops.plan.scenario.Scenario;

/**
 * Writes a generated scenario's network into the retail source tables, so the coordinator's
 * agents gather a large case (the benchmark's 30×4×25×6): master data, stock, offers, carriers
 * (those with a fixed cost are third parties), lanes, policy and committed orders as they are,
 * and 36 months of seasonal sales history per store and product around the demand at the middle
 * price option, from which the forecast agent rebuilds demand.
 */
final class GeneratedNetwork {

	private GeneratedNetwork() {
	}

	static void load(DataSource dataSource, Scenario s, long seed) {
		new ResourceDatabasePopulator(new ClassPathResource("db/retail-sources.sql")).execute(dataSource);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		SplittableRandom rnd = new SplittableRandom(seed);
		Map<String, double[]> priceAndUnits = new LinkedHashMap<>();
		for (Scenario.DemandEntry e : s.demand()) {
			if (!e.priceOptions().isEmpty()) {
				Scenario.PriceOption mid = e.priceOptions().get(e.priceOptions().size() / 2);
				double[] acc = priceAndUnits.computeIfAbsent(e.product(), p -> new double[3]);
				acc[0] += mid.price();
				acc[1] += 1;
			}
		}
		for (Scenario.Product p : s.products()) {
			double[] acc = priceAndUnits.getOrDefault(p.id(), new double[] { 20, 1, 0 });
			double list = Math.round(acc[0] / acc[1] * 100) / 100.0;
			jdbc.update("INSERT INTO retail_product VALUES (?, ?, ?, ?, ?, ?)", p.id(), "Product " + p.id(), p.holdingCost(),
					list, 1.4, Math.round(list * 0.96 * 100) / 100.0);
		}
		s.stores().forEach(st -> jdbc.update("INSERT INTO retail_store VALUES (?, ?)", st.id(), "Store " + st.id()));
		boolean first = true;
		for (Scenario.Warehouse w : s.warehouses()) {
			jdbc.update("INSERT INTO retail_warehouse VALUES (?, ?, ?)", w.id(), w.hasCapacity() ? w.capacity() : null, first);
			first = false;
			for (Map.Entry<String, Double> stock : w.initialInventory().entrySet()) {
				jdbc.update("INSERT INTO retail_stock VALUES (?, ?, ?)", w.id(), stock.getKey(), stock.getValue());
			}
		}
		Map<String, Double> units = new LinkedHashMap<>();
		List<Object[]> orders = new ArrayList<>();
		for (Scenario.DemandEntry e : s.demand()) {
			String key = e.store() + "/" + e.product();
			double mid = e.priceOptions().isEmpty() ? 0 : e.priceOptions().get(e.priceOptions().size() / 2).quantity();
			units.merge(key, (mid + e.committedQuantity()) / s.periods(), Double::sum);
			if (e.committed() != null && e.committed().quantity() > 0) {
				orders.add(new Object[] { "O-" + (orders.size() + 1), e.store(), e.product(), e.period(), e.committed().quantity(),
						e.committed().price(), e.committed().penaltyPerUnit() });
			}
		}
		List<Object[]> history = new ArrayList<>();
		for (Scenario.Store st : s.stores()) {
			for (Scenario.Product p : s.products()) {
				double base = units.getOrDefault(st.id() + "/" + p.id(), 0.0);
				for (int m = 1; m <= 36; m++) {
					double season = 1 + 0.15 * Math.sin(2 * Math.PI * m / 12);
					history.add(new Object[] { st.id(), p.id(), m,
							Math.max(0, Math.round(base * season * (1 + rnd.nextDouble(-0.08, 0.08)) * 10) / 10.0) });
				}
			}
		}
		jdbc.batchUpdate("INSERT INTO retail_sales_history VALUES (?, ?, ?, ?)", history);
		jdbc.batchUpdate("INSERT INTO retail_open_order VALUES (?, ?, ?, ?, ?, ?, ?)", orders);
		Set<String> suppliers = new LinkedHashSet<>();
		s.supplyOffers().forEach(o -> suppliers.add(o.supplier()));
		suppliers.forEach(v -> jdbc.update("INSERT INTO retail_supplier VALUES (?, ?, ?, FALSE)", v, "Supplier " + v,
				"orders@" + v.toLowerCase() + ".example"));
		for (Scenario.SupplyOffer o : s.supplyOffers()) {
			jdbc.update("INSERT INTO retail_supply_offer VALUES (?, ?, ?, ?, ?, ?, ?, ?)", o.id(), o.supplier(), o.product(),
					o.warehouse(), o.unitCost(), o.leadTime(), Double.isFinite(o.maxPerPeriod()) ? o.maxPerPeriod() : null,
					o.co2PerUnit());
		}
		for (Scenario.Carrier c : s.carriers()) {
			jdbc.update("INSERT INTO retail_carrier VALUES (?, ?, ?, ?)", c.id(), c.capacityPerPeriod(), c.fixedCostPerPeriod(),
					c.fixedCostPerPeriod() > 0);
		}
		for (Scenario.Lane l : s.lanes()) {
			jdbc.update("INSERT INTO retail_lane VALUES (?, ?, ?, ?, ?)", l.warehouse(), l.store(), l.carrier(), l.costPerUnit(),
					l.co2PerUnit());
		}
		Scenario.Policy policy = s.policy() == null ? Scenario.Policy.NONE : s.policy();
		if (policy.co2Cap() != null) {
			jdbc.update("INSERT INTO retail_policy VALUES ('co2-cap', 'CO2_CAP', NULL, ?)", policy.co2Cap());
		}
		jdbc.update("INSERT INTO retail_policy VALUES ('carbon-price', 'CARBON_PRICE', NULL, ?)", policy.carbonPrice());
		if (policy.minCommittedFillRate() != null) {
			jdbc.update("INSERT INTO retail_policy VALUES ('fill-rate', 'FILL_RATE_FLOOR', NULL, ?)", policy.minCommittedFillRate());
		}
		for (String line : GatherAgents.STANDARD_LINES) {
			jdbc.update("INSERT INTO retail_pnl_line VALUES (?, ?, 'STANDARD', 1)", line,
					line.equals("revenue") || line.equals("committedRevenue") ? "income" : "cost");
		}
	}
}
