package io.smartops.coordinate;

import io.smartops.orchestrate.ActionDraft;
import io.smartops.orchestrate.MqttGateway;

import java.util.List;

import org.springframework.stereotype.Component;

import io.smartops.coordinate.source.LogisticsSource;
import io.smartops.coordinate.source.NetworkSource;
import io.smartops.coordinate.source.SupplierDirectory;
import io.smartops.coordinate.source.SupplierSource;
import io.smartops.plan.Plan;

/**
 * The action drafts of a plan on this server's network: who the suppliers, carriers and
 * warehouses are (from the sources) and whether the device channel is on. Used for a run's plan
 * and for every re-plan alike.
 */
@Component
public class ActionDrafts {

	private final SupplierDirectory suppliers;
	private final LogisticsSource logistics;
	private final NetworkSource network;
	private final MqttGateway mqtt;

	ActionDrafts(SupplierDirectory suppliers, LogisticsSource logistics, NetworkSource network, MqttGateway mqtt) {
		this.suppliers = suppliers;
		this.logistics = logistics;
		this.network = network;
		this.mqtt = mqtt;
	}

	/** The stores' names by id, for the people who read the actions. */
	public java.util.Map<String, String> storeNames() {
		java.util.Map<String, String> names = new java.util.HashMap<>();
		network.stores().forEach(s -> names.put(s.id(), s.name()));
		return names;
	}

	public List<ActionDraft> of(Plan plan) {
		return ActionPlanner.drafts(plan, ActionPlanner.Network.of(
				suppliers.suppliers().stream().map(SupplierSource::supplier).toList(), logistics.carriers(),
				network.warehouses(), mqtt.enabled()));
	}
}
