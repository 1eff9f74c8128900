package io.smartops.coordinate.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.smartops.coordinate.source.RetailRecords.Carrier;
import io.smartops.coordinate.source.RetailRecords.Lane;
import io.smartops.coordinate.source.RetailRecords.Offer;
import io.smartops.coordinate.source.RetailRecords.OpenOrder;
import io.smartops.coordinate.source.RetailRecords.PnlLine;
import io.smartops.coordinate.source.RetailRecords.Policy;
import io.smartops.coordinate.source.RetailRecords.Product;
import io.smartops.coordinate.source.RetailRecords.Store;
import io.smartops.coordinate.source.RetailRecords.Supplier;
import io.smartops.coordinate.source.RetailRecords.Warehouse;

/**
 * The database-backed retail sources (the {@code retail_*} tables of the coordinator's migration,
 * seeded by the demo). Each interface is the seam for a real system: declare a {@code @Primary}
 * bean of, say, {@link InventorySource} backed by the WMS, and the inventory agent reads that.
 */
@Component
public class JdbcRetailSources implements NetworkSource, DemandSource, InventorySource, LogisticsSource, PolicySource,
		SupplierDirectory {

	private final JdbcTemplate jdbc;

	JdbcRetailSources(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public JdbcTemplate jdbc() {
		return jdbc;
	}

	@Override
	public List<Product> products() {
		return jdbc.query("SELECT id, name, holding_cost, list_price, elasticity, market_price FROM retail_product ORDER BY id",
				(r, i) -> new Product(r.getString(1), r.getString(2), r.getDouble(3), r.getDouble(4), r.getDouble(5),
						(Double) r.getObject(6, Double.class)));
	}

	@Override
	public List<Store> stores() {
		return jdbc.query("SELECT id, name FROM retail_store ORDER BY id", (r, i) -> new Store(r.getString(1), r.getString(2)));
	}

	@Override
	public List<Warehouse> warehouses() {
		return jdbc.query("SELECT id, capacity, automated FROM retail_warehouse ORDER BY id",
				(r, i) -> new Warehouse(r.getString(1), r.getObject(2, Double.class), r.getBoolean(3)));
	}

	@Override
	public double[] salesHistory(String store, String product, int months) {
		List<Double> units = jdbc.queryForList(
				"SELECT units FROM retail_sales_history WHERE store = ? AND product = ? ORDER BY month_index", Double.class,
				store, product);
		return units.subList(Math.max(0, units.size() - months), units.size()).stream().mapToDouble(Double::doubleValue)
			.toArray();
	}

	@Override
	public List<OpenOrder> openOrders(int horizon) {
		return jdbc.query("SELECT id, store, product, period, quantity, price, penalty_per_unit FROM retail_open_order "
				+ "WHERE period <= ? ORDER BY id", (r, i) -> new OpenOrder(r.getString(1), r.getString(2), r.getString(3),
						r.getInt(4), r.getDouble(5), r.getDouble(6), r.getDouble(7)), horizon);
	}

	@Override
	public Map<String, Map<String, Double>> stock() {
		Map<String, Map<String, Double>> stock = new LinkedHashMap<>();
		jdbc.query("SELECT warehouse, product, quantity FROM retail_stock ORDER BY warehouse, product",
				r -> {
					stock.computeIfAbsent(r.getString(1), w -> new LinkedHashMap<>()).put(r.getString(2), r.getDouble(3));
				});
		return stock;
	}

	@Override
	public List<Carrier> carriers() {
		return jdbc.query("SELECT id, capacity_per_period, fixed_cost_per_period, is_external FROM retail_carrier ORDER BY id",
				(r, i) -> new Carrier(r.getString(1), r.getDouble(2), r.getDouble(3), r.getBoolean(4)));
	}

	@Override
	public List<Lane> lanes() {
		return jdbc.query("SELECT warehouse, store, carrier, cost_per_unit, co2_per_unit FROM retail_lane "
				+ "ORDER BY warehouse, store, carrier",
				(r, i) -> new Lane(r.getString(1), r.getString(2), r.getString(3), r.getDouble(4), r.getDouble(5)));
	}

	@Override
	public List<Policy> policies() {
		return jdbc.query("SELECT name, kind, subject, amount FROM retail_policy ORDER BY name",
				(r, i) -> new Policy(r.getString(1), r.getString(2), r.getString(3), r.getDouble(4)));
	}

	@Override
	public List<PnlLine> pnlDefinition() {
		return jdbc.query("SELECT line, kind, basis, rate FROM retail_pnl_line ORDER BY line",
				(r, i) -> new PnlLine(r.getString(1), r.getString(2), r.getString(3), r.getDouble(4)));
	}

	@Override
	public List<SupplierSource> suppliers() {
		return jdbc.query("SELECT id, name, email, is_external FROM retail_supplier ORDER BY id",
				(r, i) -> new Supplier(r.getString(1), r.getString(2), r.getString(3), r.getBoolean(4)))
			.stream()
			.map(s -> (SupplierSource) new TableSupplier(s))
			.toList();
	}

	/** One supplier's offers from the offer table. */
	private final class TableSupplier implements SupplierSource {

		private final Supplier supplier;

		TableSupplier(Supplier supplier) {
			this.supplier = supplier;
		}

		@Override
		public Supplier supplier() {
			return supplier;
		}

		@Override
		public List<Offer> offers() {
			return jdbc.query("SELECT id, supplier, product, warehouse, unit_cost, lead_time, max_per_period, co2_per_unit "
					+ "FROM retail_supply_offer WHERE supplier = ? ORDER BY id",
					(r, i) -> new Offer(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getDouble(5),
							r.getInt(6), r.getObject(7, Double.class), r.getDouble(8)), supplier.id());
		}
	}
}
