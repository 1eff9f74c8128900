package io.smartops.coordinate.source;

/**
 * The rows the retail data sources return: what an ERP, WMS or TMS adapter must deliver to plug
 * in behind the source interfaces.
 */
public final class RetailRecords {

	private RetailRecords() {
	}

	/** A product with its holding cost per unit and period, list price, price elasticity and, from the market feed, a competitor price. */
	public record Product(String id, String name, double holdingCost, double listPrice, double elasticity,
			Double marketPrice) {
	}

	/** {@code capacity} null means unlimited; an automated warehouse takes pick lists by MQTT. */
	public record Warehouse(String id, Double capacity, boolean automated) {
	}

	public record Store(String id, String name) {
	}

	/** A customer order for a future period: committed demand at a contract price with a penalty per unit short. */
	public record OpenOrder(String id, String store, String product, int period, double quantity, double price,
			double penaltyPerUnit) {
	}

	public record Supplier(String id, String name, String email, boolean external) {
	}

	/** {@code maxPerPeriod} null means unlimited. */
	public record Offer(String id, String supplier, String product, String warehouse, double unitCost, int leadTime,
			Double maxPerPeriod, double co2PerUnit) {
	}

	/** Own fleet (internal) or a third-party carrier (external, booked through its API). */
	public record Carrier(String id, double capacityPerPeriod, double fixedCostPerPeriod, boolean external) {
	}

	public record Lane(String warehouse, String store, String carrier, double costPerUnit, double co2PerUnit) {
	}

	/**
	 * A declared policy: {@code CO2_CAP} (amount: kg over the horizon), {@code CARBON_PRICE} (per kg),
	 * {@code FILL_RATE_FLOOR} (0..1) or {@code MIN_SUPPLIER_VOLUME} (a contractual commitment: at
	 * least amount units from supplier {@code subject} over the horizon).
	 */
	public record Policy(String name, String kind, String subject, double amount) {
	}

	/**
	 * A line of the declared P&amp;L: a line of the model's objective ({@code basis} STANDARD) or an
	 * extra income or cost line at {@code rate} per unit sold, shipped or bought.
	 */
	public record PnlLine(String line, String kind, String basis, double rate) {
	}
}
