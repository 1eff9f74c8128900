package io.smartops.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.smartops.plan.scenario.InvalidScenarioException;
import io.smartops.plan.scenario.Scenario;

/**
 * Refuses, before any of it is built, a model too large for the heap this JVM may still use, so
 * that a scenario too large for the memory limit fails with a message that names its size and the
 * limit (the command line exits 2, the API answers 400), not with an out-of-memory error halfway
 * through a solve.
 * <p>
 * The model's size is counted from the scenario (nonzeros of the rows: price options, shipments
 * on every lane to a store with demand, purchases and inventories), and {@value #BYTES_PER_NONZERO}
 * bytes of heap are asked for each: more than the model with its names, the search's column copies
 * and the analysis were measured to take (docs/plan-format.md).
 */
public final class ModelMemory {

	static final long BYTES_PER_NONZERO = 400;

	private ModelMemory() {
	}

	/** Nonzeros of the retail model's rows, counted from the scenario the way {@link RetailModel} builds them. */
	public static long nonzeros(Scenario scenario) {
		Map<String, Integer> entriesAtStore = new HashMap<>();
		long optionTerms = 0;
		long entries = scenario.demand().size();
		for (Scenario.DemandEntry e : scenario.demand()) {
			entriesAtStore.merge(e.store(), 1, Integer::sum);
			int k = e.priceOptions().size();
			// sold in the store flow; with a choice: the one-option row and the option links
			optionTerms += k > 1 ? 4L * k : k;
		}
		Map<String, Boolean> fixedCost = new HashMap<>();
		scenario.carriers().forEach(c -> fixedCost.put(c.id(), c.fixedCostPerPeriod() > 0));
		boolean capped = scenario.policy().co2Cap() != null;
		// a shipment: store flow, balance, carrier capacity, the carrier's use when it has a fixed
		// cost, emissions when capped; a purchase: balance, emissions; an inventory: two balances, capacity
		long shipmentTerms = 0;
		for (Scenario.Lane lane : scenario.lanes()) {
			int terms = 3 + (capped ? 1 : 0) + (fixedCost.getOrDefault(lane.carrier(), false) ? 1 : 0);
			shipmentTerms += (long) terms * entriesAtStore.getOrDefault(lane.store(), 0);
		}
		long purchaseTerms = (capped ? 2L : 1L) * scenario.supplyOffers().size() * scenario.periods();
		long inventoryTerms = 3L * scenario.warehouses().size() * scenario.products().size() * scenario.periods();
		return optionTerms + entries + shipmentTerms + purchaseTerms + inventoryTerms;
	}

	/** Throws when the model of {@code scenario} needs more heap than this JVM has left. */
	public static void check(Scenario scenario) {
		Runtime runtime = Runtime.getRuntime();
		long nonzeros = nonzeros(scenario);
		if (nonzeros * BYTES_PER_NONZERO > free(runtime)) {
			// garbage may be all that stands in the way
			runtime.gc();
		}
		check(nonzeros, runtime.maxMemory(), free(runtime));
	}

	/** Throws when a model of {@code nonzeros} needs more than {@code freeBytes} of a {@code limitBytes} heap. */
	static void check(long nonzeros, long limitBytes, long freeBytes) {
		long needed = nonzeros * BYTES_PER_NONZERO;
		if (needed > freeBytes) {
			throw new InvalidScenarioException(List.of(String.format(Locale.ROOT,
					"scenario: too large for this process's memory: its model has about %,d nonzeros and needs about %,d MB of heap; "
							+ "%,d MB of the %,d MB limit are free (raise the limit with -Xmx, or plan fewer products, stores or periods)",
					nonzeros, needed >> 20, freeBytes >> 20, limitBytes >> 20)));
		}
	}

	private static long free(Runtime runtime) {
		return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
	}
}
