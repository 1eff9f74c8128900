package io.smartops.coordinate;


import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;

import org.springframework.stereotype.Component;

import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentKind;
import io.smartops.agent.AgentLibrary.Descriptor;
import io.smartops.agent.AgentProvider;
import io.smartops.coordinate.source.SourceData;
import io.smartops.coordinate.source.SupplierSource;
import io.smartops.coordinate.source.DemandSource;
import io.smartops.coordinate.source.InventorySource;
import io.smartops.coordinate.source.LogisticsSource;
import io.smartops.coordinate.source.NetworkSource;
import io.smartops.coordinate.source.PolicySource;
import io.smartops.coordinate.source.SupplierDirectory;

/**
 * The coordinator's agents and their library entries: one gatherer per source (one per supplier),
 * constraint generation, objective building and the optimizer. Supplier agents are made from the
 * supplier directory at start: a new supplier source plugs in with its own agent and capability
 * {@code supply-offers-<supplier>}. Costs per call are the data's price (the spot-market feed is
 * paid per query) and count toward each run's cost of data and compute.
 */
@Component
public class CoordinatorAgents implements AgentProvider {

	/** What an external feed's query costs, against an internal table read. */
	static final double INTERNAL_DATA_COST = 0.001;
	static final double EXTERNAL_DATA_COST = 0.05;

	private final List<AgentHandler> handlers = new ArrayList<>();
	private final List<Descriptor> descriptors = new ArrayList<>();

	CoordinatorAgents(RunContext context, PlanningRuns runs, PlanSolver solver, CoordinatorProperties properties,
			NetworkSource network, DemandSource demand, InventorySource inventory, SupplierDirectory suppliers,
			LogisticsSource logistics, PolicySource policies, ObjectProvider<SourceData> seededFirst) {
		// data seeded at start (the demo's) is in the tables before the supplier directory is read
		seededFirst.orderedStream().forEach(seeded -> { });
		add(new GatherAgents.Demand(context, network, demand), CoordinatorProcess.CAPABILITY_DEMAND,
				"Demand gatherer (forecast, order book, price response)", INTERNAL_DATA_COST * 2, 200,
				List.of("demand"));
		add(new GatherAgents.Inventory(context, network, inventory), CoordinatorProcess.CAPABILITY_INVENTORY,
				"Inventory gatherer (WMS)", INTERNAL_DATA_COST, 50, List.of("inventory"));
		for (SupplierSource supplier : suppliers.suppliers()) {
			String id = supplier.supplier().id();
			add(new GatherAgents.Supply(context, supplier), supplyCapability(id),
					"Supply offers of " + supplier.supplier().name() + (supplier.supplier().external() ? " (external feed)" : ""),
					supplier.supplier().external() ? EXTERNAL_DATA_COST : INTERNAL_DATA_COST, 50, List.of("supply:" + id));
		}
		add(new GatherAgents.Logistics(context, logistics), CoordinatorProcess.CAPABILITY_LOGISTICS,
				"Logistics gatherer (fleet and carriers)", INTERNAL_DATA_COST, 50, List.of("logistics"));
		add(new GatherAgents.Constraints(context, policies), CoordinatorProcess.CAPABILITY_CONSTRAINTS,
				"Constraint generator (declared policies)", INTERNAL_DATA_COST, 20, List.of("policy"));
		add(new GatherAgents.Objective(context, policies), CoordinatorProcess.CAPABILITY_OBJECTIVE,
				"Objective builder (declared P&L)", INTERNAL_DATA_COST, 20, List.of("objective"));
		OptimizerAgent optimizer = new OptimizerAgent(context, runs, solver, properties);
		handlers.add(optimizer);
		descriptors.add(new Descriptor(OptimizerAgent.ID, CoordinatorProcess.CAPABILITY_OPTIMIZE,
				"Operating-plan optimizer (OR-Tools)", GatherAgents.VERSION, AgentKind.BUILTIN_MODEL, 0.001, 0, 5_000, 0.99,
				optimizer.inputs(), List.of("planDocument", "planStatus", "margin"), null, null, null, null));
	}

	/** A supplier agent's capability: its own id, one capability per supplier source. */
	public static String supplyCapability(String supplierId) {
		return GatherAgents.Supply.idOf(supplierId);
	}

	private void add(AgentHandler handler, String capability, String name, double cost, long latency, List<String> facts) {
		handlers.add(handler);
		descriptors.add(new Descriptor(handler.agentId(), capability, name, GatherAgents.VERSION, AgentKind.BUILTIN_MODEL,
				cost, 0, latency, 0.95, handler.inputs(), facts, null, null, null, null));
	}

	@Override
	public List<AgentHandler> handlers() {
		return handlers;
	}

	@Override
	public List<Descriptor> descriptors() {
		return descriptors;
	}
}
