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

	/**
	 * Scenario families that differ in structure, not only in seed (docs/plan-format.md describes
	 * each). {@code STANDARD} is the generator as it always was: the same seed gives the same
	 * scenario.
	 */
	public enum Family {
		/** Two suppliers per product, lead times 0–2, three carriers, every lane, CO2 cap 1.1 × demand, fill rate 0.8. */
		STANDARD(2, 0, 2, 1.1, 0.8, 0, 1.0, false, 0.6, 1.2, 0),
		/** Four suppliers per product: more purchase options to choose among. */
		MANY_SUPPLIERS(4, 0, 2, 1.1, 0.8, 0, 1.0, false, 0.6, 1.2, 0),
		/** One supplier per product: purchases have no alternative. */
		SINGLE_SOURCED(1, 0, 2, 1.1, 0.8, 0, 1.0, false, 0.6, 1.2, 0),
		/** Lead times of 2–3 periods: early periods live on initial stock. */
		LONG_LEAD_TIMES(2, 2, 3, 1.1, 0.8, 0, 1.0, false, 0.6, 1.2, 0),
		/** A CO2 cap at 0.45 × demand: the cap binds and trades margin for emissions. */
		TIGHT_CO2(2, 0, 2, 0.45, 0.8, 0, 1.0, false, 0.6, 1.2, 0),
		/** No CO2 cap. */
		NO_CO2_CAP(2, 0, 2, Double.NaN, 0.8, 0, 1.0, false, 0.6, 1.2, 0),
		/** Committed orders must be served at 98%. */
		HIGH_FILL_RATE(2, 0, 2, 1.1, 0.98, 0, 1.0, false, 0.6, 1.2, 0),
		/** Four more third-party carriers, each with three times the fixed cost: many on/off choices. */
		MANY_CARRIERS(2, 0, 2, 1.1, 0.8, 4, 3.0, false, 0.6, 1.2, 0),
		/** One price option per demand entry: pricing is only "sell or not". */
		ONE_PRICE_OPTION(2, 0, 2, 1.1, 0.8, 0, 1.0, false, 0.6, 1.2, 1),
		/** Five price options per demand entry. */
		MANY_PRICE_OPTIONS(2, 0, 2, 1.1, 0.8, 0, 1.0, false, 0.6, 1.2, 5),
		/** Each store is reached from its nearest warehouse by the own fleet and from one other by a 3PL. */
		SPARSE_LANES(2, 0, 2, 1.1, 0.8, 0, 1.0, true, 0.6, 1.2, 0),
		/** Warehouses at 0.25–0.45 of their share of demand: storage binds in most periods. */
		FULL_WAREHOUSES(2, 0, 2, 1.1, 0.8, 0, 1.0, false, 0.25, 0.45, 0);

		final int suppliers;
		final int minLead;
		final int maxLead;
		final double co2CapFactor;
		final double fillRate;
		final int extraCarriers;
		final double carrierFixedFactor;
		final boolean sparseLanes;
		final double capacityLow;
		final double capacityHigh;
		/** Price options per demand entry; 0 keeps the size's. */
		final int options;

		Family(int suppliers, int minLead, int maxLead, double co2CapFactor, double fillRate, int extraCarriers,
				double carrierFixedFactor, boolean sparseLanes, double capacityLow, double capacityHigh, int options) {
			this.suppliers = suppliers;
			this.minLead = minLead;
			this.maxLead = maxLead;
			this.co2CapFactor = co2CapFactor;
			this.fillRate = fillRate;
			this.extraCarriers = extraCarriers;
			this.carrierFixedFactor = carrierFixedFactor;
			this.sparseLanes = sparseLanes;
			this.capacityLow = capacityLow;
			this.capacityHigh = capacityHigh;
			this.options = options;
		}

		/** The family's name on the command line: {@code many-carriers}. */
		public String label() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}

		/** Every family's label, in declaration order. */
		public static List<String> labels() {
			return java.util.Arrays.stream(values()).map(Family::label).toList();
		}

		/** The family with this label; an {@link IllegalArgumentException} naming the families when there is none. */
		public static Family parse(String label) {
			for (Family f : values()) {
				if (f.label().equals(label)) {
					return f;
				}
			}
			throw new IllegalArgumentException("no family " + label + "; one of " + labels());
		}
	}

	private final long seed;
	private final Family family;
	static final double SLACK = Double.parseDouble(System.getProperty("smartops.generator.slack", "1.0"));

	public ScenarioGenerator(long seed) {
		this(seed, Family.STANDARD);
	}

	public ScenarioGenerator(long seed, Family family) {
		this.seed = seed;
		this.family = family;
	}

	public Scenario generate(Size requested) {
		Family f = family;
		Size size = f.options == 0 ? requested
				: new Size(requested.products(), requested.warehouses(), requested.stores(), requested.periods(), f.options);
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
			double capacity = Math.round(demandPerPeriod / size.warehouses() * rnd.nextDouble(f.capacityLow, f.capacityHigh));
			warehouses.add(new Warehouse("W" + (w + 1), capacity, initial));
		}
		List<Store> stores = new ArrayList<>();
		double[][] storePos = new double[size.stores()][];
		int[] storeNearest = new int[size.stores()];
		for (int s = 0; s < size.stores(); s++) {
			stores.add(new Store("S" + (s + 1)));
			storePos[s] = new double[] { rnd.nextDouble(), rnd.nextDouble() };
		}
		List<Carrier> carriers = new ArrayList<>(List.of(
				new Carrier("OWN", Math.round(demandPerPeriod * 0.45 * SLACK), 0),
				new Carrier("3PL-A", Math.round(demandPerPeriod * 0.5 * SLACK), round((20 + size.stores() * 4.0) * f.carrierFixedFactor)),
				new Carrier("3PL-B", Math.round(demandPerPeriod * 0.35 * SLACK), round((10 + size.stores() * 2.0) * f.carrierFixedFactor))));
		List<String> thirdParties = new ArrayList<>(List.of("3PL-A", "3PL-B"));
		for (int c = 0; c < f.extraCarriers; c++) {
			String id = "3PL-" + (char) ('C' + c);
			carriers.add(new Carrier(id, Math.round(demandPerPeriod * 0.25 * SLACK),
					round((15 + size.stores() * 3.0) * f.carrierFixedFactor)));
			thirdParties.add(id);
		}
		List<Lane> lanes = new ArrayList<>();
		for (int s = 0; s < size.stores(); s++) {
			int nearest = 0;
			for (int w = 1; w < size.warehouses(); w++) {
				if (distance(whPos[w], storePos[s]) < distance(whPos[nearest], storePos[s])) {
					nearest = w;
				}
			}
			storeNearest[s] = nearest;
		}
		for (int w = 0; w < size.warehouses(); w++) {
			for (int s = 0; s < size.stores(); s++) {
				double dist = distance(whPos[w], storePos[s]);
				boolean own = !f.sparseLanes || w == storeNearest[s];
				boolean third = !f.sparseLanes || w == (storeNearest[s] + 1) % size.warehouses();
				String carrier = f.extraCarriers == 0 ? (rnd.nextBoolean() ? "3PL-A" : "3PL-B")
						: thirdParties.get(rnd.nextInt(thirdParties.size()));
				if (own) {
					lanes.add(new Lane("W" + (w + 1), "S" + (s + 1), "OWN", round(0.3 + 1.2 * dist), round(0.2 + 0.8 * dist)));
				}
				if (third) {
					lanes.add(new Lane("W" + (w + 1), "S" + (s + 1), carrier, round(0.2 + 0.9 * dist), round(0.3 + 1.0 * dist)));
				}
			}
		}
		List<SupplyOffer> offers = new ArrayList<>();
		for (int p = 0; p < size.products(); p++) {
			int suppliers = f.suppliers;
			for (int v = 1; v <= suppliers; v++) {
				for (int w = 0; w < size.warehouses(); w++) {
					if (w % suppliers == (v - 1) || rnd.nextDouble() < 0.3) {
						offers.add(new SupplyOffer("V" + v + "-P" + (p + 1) + "-W" + (w + 1), "V" + v, "P" + (p + 1),
								"W" + (w + 1), round(basePrice[p] * rnd.nextDouble(0.45, 0.7)), rnd.nextInt(f.minLead, f.maxLead + 1),
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
		Double co2Cap = Double.isNaN(f.co2CapFactor) ? null : (double) Math.round(demandPerPeriod * size.periods() * f.co2CapFactor);
		Policy policy = new Policy(co2Cap, round(rnd.nextDouble(0.02, 0.1)), committedTotal > 0 ? f.fillRate : null);
		String name = String.format("generated-%dx%dx%dx%dx%d-seed%d", size.products(), size.warehouses(),
				size.stores(), size.periods(), size.options(), seed)
				+ (f == Family.STANDARD ? "" : "-" + f.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
		return new Scenario(name, size.periods(), products, warehouses, stores, carriers, lanes, offers, demand, policy);
	}

	private static double distance(double[] a, double[] b) {
		return Math.hypot(a[0] - b[0], a[1] - b[1]);
	}

	/** Two decimals, like prices and rates in the examples (keeps CP-SAT's exact scaling small). */
	private static double round(double v) {
		return Math.round(v * 100) / 100.0;
	}
}
