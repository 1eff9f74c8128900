package io.smartops.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.smartops.plan.scenario.Scenario;
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
 * Writes valid scenarios of a given size for tests and benchmarks, reproducibly from a seed.
 * Capacities grow with the network so that larger scenarios stay feasible yet tight: carriers and
 * warehouses are sized to a share of expected demand, so some capacity rows bind. Stores and
 * warehouses sit on a plane; lane cost and CO2 grow with distance. About four in five
 * (store, product, period) triples have demand, a third of them with a committed order.
 */
public final class ScenarioGenerator {

	public record Size(int products, int warehouses, int stores, int periods, int options) {
	}

	private final long seed;
	static final double SLACK = Double.parseDouble(System.getProperty("smartops.generator.slack", "1.0"));

	public ScenarioGenerator(long seed) {
		this.seed = seed;
	}

	public Scenario generate(Size size) {
		SplittableRandom rnd = new SplittableRandom(seed);
		List<Product> products = new ArrayList<>();
		double[] basePrice = new double[size.products()];
		double[] baseDemand = new double[size.products()];
		for (int p = 0; p < size.products(); p++) {
			products.add(new Product("P" + (p + 1), round(rnd.nextDouble(0.1, 0.8))));
			basePrice[p] = rnd.nextDouble(12, 40);
			baseDemand[p] = rnd.nextDouble(20, 80);
		}
		double demandPerPeriod = 0;
		for (double d : baseDemand) {
			demandPerPeriod += d * 0.8 * size.stores();
		}

		double[][] whPos = new double[size.warehouses()][];
		List<Warehouse> warehouses = new ArrayList<>();
		for (int w = 0; w < size.warehouses(); w++) {
			whPos[w] = new double[] { rnd.nextDouble(), rnd.nextDouble() };
			Map<String, Double> initial = new LinkedHashMap<>();
			for (int p = 0; p < size.products(); p++) {
				if (rnd.nextDouble() < 0.6) {
					initial.put("P" + (p + 1), (double) Math.round(baseDemand[p] * rnd.nextDouble(0.5, 2.0)));
				}
			}
			double capacity = Math.round(demandPerPeriod / size.warehouses() * rnd.nextDouble(0.6, 1.2));
			warehouses.add(new Warehouse("W" + (w + 1), capacity, initial));
		}
		List<Store> stores = new ArrayList<>();
		double[][] storePos = new double[size.stores()][];
		for (int s = 0; s < size.stores(); s++) {
			stores.add(new Store("S" + (s + 1)));
			storePos[s] = new double[] { rnd.nextDouble(), rnd.nextDouble() };
		}
		List<Carrier> carriers = List.of(
				new Carrier("OWN", Math.round(demandPerPeriod * 0.45 * SLACK), 0),
				new Carrier("3PL-A", Math.round(demandPerPeriod * 0.5 * SLACK), round(20 + size.stores() * 4.0)),
				new Carrier("3PL-B", Math.round(demandPerPeriod * 0.35 * SLACK), round(10 + size.stores() * 2.0)));
		List<Lane> lanes = new ArrayList<>();
		for (int w = 0; w < size.warehouses(); w++) {
			for (int s = 0; s < size.stores(); s++) {
				double dist = Math.hypot(whPos[w][0] - storePos[s][0], whPos[w][1] - storePos[s][1]);
				lanes.add(new Lane("W" + (w + 1), "S" + (s + 1), "OWN", round(0.3 + 1.2 * dist), round(0.2 + 0.8 * dist)));
				lanes.add(new Lane("W" + (w + 1), "S" + (s + 1), rnd.nextBoolean() ? "3PL-A" : "3PL-B",
						round(0.2 + 0.9 * dist), round(0.3 + 1.0 * dist)));
			}
		}
		List<SupplyOffer> offers = new ArrayList<>();
		for (int p = 0; p < size.products(); p++) {
			int suppliers = 2;
			for (int v = 1; v <= suppliers; v++) {
				for (int w = 0; w < size.warehouses(); w++) {
					if (w % suppliers == (v - 1) || rnd.nextDouble() < 0.3) {
						offers.add(new SupplyOffer("V" + v + "-P" + (p + 1) + "-W" + (w + 1), "V" + v, "P" + (p + 1),
								"W" + (w + 1), round(basePrice[p] * rnd.nextDouble(0.45, 0.7)), rnd.nextInt(0, 3),
								Math.round(baseDemand[p] * size.stores() * rnd.nextDouble(0.3, 0.7)),
								round(rnd.nextDouble(0.5, 1.5))));
					}
				}
			}
		}
		List<DemandEntry> demand = new ArrayList<>();
		double committedTotal = 0;
		for (int s = 0; s < size.stores(); s++) {
			for (int p = 0; p < size.products(); p++) {
				for (int t = 1; t <= size.periods(); t++) {
					if (rnd.nextDouble() >= 0.8) {
						continue;
					}
					List<PriceOption> options = new ArrayList<>();
					double level = baseDemand[p] * rnd.nextDouble(0.6, 1.4);
					for (int k = 0; k < size.options(); k++) {
						double price = basePrice[p] * (0.85 + 0.15 * k);
						double quantity = Math.max(1, Math.round(level * Math.pow(0.7, k)));
						options.add(new PriceOption(round(price), quantity));
					}
					Committed committed = null;
					if (rnd.nextDouble() < 1.0 / 3) {
						double q = Math.max(1, Math.round(level * rnd.nextDouble(0.1, 0.3)));
						committed = new Committed(q, round(basePrice[p] * 0.95), round(basePrice[p] * rnd.nextDouble(0.1, 0.3)));
						committedTotal += q;
					}
					demand.add(new DemandEntry("S" + (s + 1), "P" + (p + 1), t, committed, options));
				}
			}
		}
		double co2Cap = Math.round(demandPerPeriod * size.periods() * 1.1);
		Policy policy = new Policy(co2Cap, round(rnd.nextDouble(0.02, 0.1)), committedTotal > 0 ? 0.8 : null);
		String name = String.format("generated-%dx%dx%dx%dx%d-seed%d", size.products(), size.warehouses(),
				size.stores(), size.periods(), size.options(), seed);
		return new Scenario(name, size.periods(), products, warehouses, stores, carriers, lanes, offers, demand, policy);
	}

	/** Two decimals, like prices and rates in the examples (keeps CP-SAT's exact scaling small). */
	private static double round(double v) {
		return Math.round(v * 100) / 100.0;
	}
}
