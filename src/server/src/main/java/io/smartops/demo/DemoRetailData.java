package io.smartops.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import io.smartops.coordinate.source.SourceData;
import io.smartops.coordinate.source.JdbcRetailSources;

/**
 * The retail demo: three stores, four products, two warehouses (one automated), three suppliers
 * (one a spot-market feed), own fleet and two third-party carriers, 36 months of sales history,
 * open customer orders, declared policies and a P&amp;L definition. Seeded into the source tables
 * when they are empty ({@code smartops.demo.seed}, on by default).
 */
@Component
public class DemoRetailData implements SourceData {

	private static final Logger log = LoggerFactory.getLogger(DemoRetailData.class);

	private final JdbcTemplate jdbc;

	DemoRetailData(JdbcRetailSources sources, PlatformTransactionManager transactions,
			@Value("${smartops.demo.seed:true}") boolean seed) {
		this.jdbc = sources.jdbc();
		if (seed) {
			try {
				new TransactionTemplate(transactions).executeWithoutResult(status -> seedIfEmpty());
			}
			catch (DataIntegrityViolationException seededByAnother) {
				// nodes started at once: the other node's seed committed first (its rows held ours back)
				log.info("the retail demo was seeded by another node");
			}
		}
	}

	public boolean seeded() {
		Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM retail_product", Integer.class);
		return n != null && n > 0;
	}

	/** Seeds the demo when the source tables are empty; returns whether it did. */
	public boolean seedIfEmpty() {
		if (seeded()) {
			return false;
		}
		long start = System.nanoTime();
		String[][] products = { { "P1", "Espresso beans 1 kg", "0.25", "15.0", "1.6", "14.2" },
				{ "P2", "Olive oil 1 l", "0.20", "22.0", "1.3", "22.9" }, { "P3", "Pasta 500 g", "0.10", "9.0", "2.0", "8.4" },
				{ "P4", "Parmesan 1 kg", "0.40", "30.0", "1.1", "28.5" } };
		for (String[] p : products) {
			jdbc.update("INSERT INTO retail_product VALUES (?, ?, ?, ?, ?, ?)", p[0], p[1], d(p[2]), d(p[3]), d(p[4]), d(p[5]));
		}
		for (String[] s : new String[][] { { "S1", "Berlin Mitte" }, { "S2", "Hamburg Altona" }, { "S3", "Munich Schwabing" } }) {
			jdbc.update("INSERT INTO retail_store VALUES (?, ?)", s[0], s[1]);
		}
		jdbc.update("INSERT INTO retail_warehouse VALUES ('W1', 2500, TRUE)");
		jdbc.update("INSERT INTO retail_warehouse VALUES ('W2', 1500, FALSE)");
		double[][] stock = { { 300, 180, 400, 90 }, { 150, 220, 200, 110 } };
		for (int w = 0; w < 2; w++) {
			for (int p = 0; p < 4; p++) {
				jdbc.update("INSERT INTO retail_stock VALUES (?, ?, ?)", "W" + (w + 1), "P" + (p + 1), stock[w][p]);
			}
		}
		List<Object[]> history = history(DemoRetailData.class.getResourceAsStream("/io/smartops/data/sales-history.csv"));
		jdbc.batchUpdate("INSERT INTO retail_sales_history VALUES (?, ?, ?, ?)", history);
		Object[][] orders = { { "O-1001", "S1", "P1", 1, 40, 14.0, 4.0 }, { "O-1002", "S2", "P2", 1, 30, 21.0, 5.0 },
				{ "O-1003", "S3", "P4", 2, 25, 29.0, 8.0 }, { "O-1004", "S1", "P3", 2, 60, 8.5, 2.0 },
				{ "O-1005", "S2", "P1", 3, 35, 14.5, 4.0 }, { "O-1006", "S3", "P2", 3, 25, 21.0, 5.0 } };
		for (Object[] o : orders) {
			jdbc.update("INSERT INTO retail_open_order VALUES (?, ?, ?, ?, ?, ?, ?)", o);
		}
		jdbc.update("INSERT INTO retail_supplier VALUES ('V1', 'Northwind Foods', 'orders@northwind.example', FALSE)");
		jdbc.update("INSERT INTO retail_supplier VALUES ('V2', 'Contoso Wholesale', 'po@contoso.example', FALSE)");
		jdbc.update("INSERT INTO retail_supplier VALUES ('V3', 'Spot Market Exchange', 'desk@spotmarket.example', TRUE)");
		double[] list = { 15, 22, 9, 30 };
		for (int p = 0; p < 4; p++) {
			String product = "P" + (p + 1);
			jdbc.update("INSERT INTO retail_supply_offer VALUES (?, 'V1', ?, 'W1', ?, 1, 450, 0.5)", "V1-" + product + "-W1",
					product, round(list[p] * 0.55));
			jdbc.update("INSERT INTO retail_supply_offer VALUES (?, 'V2', ?, 'W2', ?, 0, 250, 0.8)", "V2-" + product + "-W2",
					product, round(list[p] * 0.62));
		}
		jdbc.update("INSERT INTO retail_supply_offer VALUES ('V3-P1-W1', 'V3', 'P1', 'W1', 7.6, 0, 150, 1.2)");
		jdbc.update("INSERT INTO retail_supply_offer VALUES ('V3-P3-W2', 'V3', 'P3', 'W2', 4.4, 0, 200, 1.2)");
		jdbc.update("INSERT INTO retail_carrier VALUES ('OWN', 900, 0, FALSE)");
		jdbc.update("INSERT INTO retail_carrier VALUES ('3PL-A', 800, 150, TRUE)");
		jdbc.update("INSERT INTO retail_carrier VALUES ('3PL-B', 600, 90, TRUE)");
		double[][] distance = { { 0.6, 0.9, 1.1 }, { 1.0, 0.6, 1.2 } };
		for (int w = 0; w < 2; w++) {
			for (int s = 0; s < 3; s++) {
				String wh = "W" + (w + 1);
				String st = "S" + (s + 1);
				jdbc.update("INSERT INTO retail_lane VALUES (?, ?, 'OWN', ?, 0.30)", wh, st, distance[w][s]);
				jdbc.update("INSERT INTO retail_lane VALUES (?, ?, '3PL-A', ?, 0.20)", wh, st, round(distance[w][s] * 0.8));
				jdbc.update("INSERT INTO retail_lane VALUES (?, ?, '3PL-B', ?, 0.25)", wh, st, round(distance[w][s] * 0.9));
			}
		}
		jdbc.update("INSERT INTO retail_policy VALUES ('co2-cap', 'CO2_CAP', NULL, 4200)");
		jdbc.update("INSERT INTO retail_policy VALUES ('carbon-price', 'CARBON_PRICE', NULL, 0.05)");
		jdbc.update("INSERT INTO retail_policy VALUES ('fill-rate', 'FILL_RATE_FLOOR', NULL, 0.9)");
		jdbc.update("INSERT INTO retail_policy VALUES ('northwind-contract', 'MIN_SUPPLIER_VOLUME', 'V1', 300)");
		for (String line : List.of("revenue", "committedRevenue")) {
			jdbc.update("INSERT INTO retail_pnl_line VALUES (?, 'income', 'STANDARD', 1)", line);
		}
		for (String line : List.of("purchaseCost", "transportCost", "holdingCost", "carrierFixedCost", "penaltyCost",
				"carbonCost")) {
			jdbc.update("INSERT INTO retail_pnl_line VALUES (?, 'cost', 'STANDARD', 1)", line);
		}
		jdbc.update("INSERT INTO retail_pnl_line VALUES ('handlingCost', 'cost', 'UNIT_SHIPPED', 0.1)");
		log.info("seeded the retail demo: 4 products, 3 stores, 2 warehouses, 3 suppliers, 3 carriers, {} months of sales "
				+ "history rows, {} open orders in {} ms", history.size(), orders.length, (System.nanoTime() - start) / 1_000_000);
		return true;
	}

	private static List<Object[]> history(InputStream in) {
		if (in == null) {
			throw new IllegalStateException("data/sales-history.csv is not on the classpath");
		}
		List<Object[]> rows = new ArrayList<>();
		try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			r.readLine();
			for (String line = r.readLine(); line != null; line = r.readLine()) {
				String[] f = line.split(",");
				rows.add(new Object[] { f[0], f[1], Integer.parseInt(f[2]), Double.parseDouble(f[3]) });
			}
		}
		catch (IOException e) {
			throw new IllegalStateException("data/sales-history.csv cannot be read", e);
		}
		return rows;
	}

	private static double d(String s) {
		return Double.parseDouble(s);
	}

	private static double round(double v) {
		return Math.round(v * 100) / 100.0;
	}
}
