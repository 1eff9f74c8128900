package io.smartops.plan.scenario;

import java.util.List;
import java.util.Map;

/**
 * A retail planning scenario, exactly as {@code shared/specs/retail-plan.md} defines it.
 * Optional fields are already resolved to their defaults: unlimited capacities are
 * {@link Double#POSITIVE_INFINITY}, absent policies are {@code null}.
 */
public record Scenario(String name, int periods, List<Product> products, List<Warehouse> warehouses,
		List<Store> stores, List<Carrier> carriers, List<Lane> lanes, List<SupplyOffer> supplyOffers,
		List<DemandEntry> demand, Policy policy) {

	public record Product(String id, double holdingCost) {
	}

	public record Warehouse(String id, double capacity, Map<String, Double> initialInventory) {
		public double initial(String product) {
			return initialInventory.getOrDefault(product, 0.0);
		}

		public boolean hasCapacity() {
			return Double.isFinite(capacity);
		}
	}

	public record Store(String id) {
	}

	public record Carrier(String id, double capacityPerPeriod, double fixedCostPerPeriod) {
	}

	public record Lane(String warehouse, String store, String carrier, double costPerUnit, double co2PerUnit) {
		public String label() {
			return warehouse + "->" + store + "/" + carrier;
		}
	}

	public record SupplyOffer(String id, String supplier, String product, String warehouse, double unitCost,
			int leadTime, double maxPerPeriod, double co2PerUnit) {
	}

	public record DemandEntry(String store, String product, int period, Committed committed,
			List<PriceOption> priceOptions) {
		public double committedQuantity() {
			return committed == null ? 0 : committed.quantity();
		}
	}

	public record Committed(double quantity, double price, double penaltyPerUnit) {
	}

	public record PriceOption(double price, double quantity) {
	}

	/** {@code co2Cap} and {@code minCommittedFillRate} are null when absent. */
	public record Policy(Double co2Cap, double carbonPrice, Double minCommittedFillRate) {
		public static final Policy NONE = new Policy(null, 0, null);
	}

	public double totalCommitted() {
		return demand.stream().mapToDouble(DemandEntry::committedQuantity).sum();
	}
}
