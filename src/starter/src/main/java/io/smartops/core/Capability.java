package io.smartops.core;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.env.Environment;

/**
 * What a host switches on or off, each with {@code smartops.<name>.enabled}. A capability that is
 * off adds no bean, endpoint, table, job, thread or deployment: its auto-configuration does not apply.
 * The defaults fit a host application: agents, insights, simulation and the dashboard on; the
 * retail coordinator, its orchestration and sensing, and the MCP server only when asked for (the
 * Smart Ops server asks for all).
 */
public enum Capability {

	/** Agent-backed service tasks: the agent library, routing, workers, quality and stage gates. */
	AGENTS("agents", true),
	/** Insights from the engine's history: per-task figures, KPIs, segmentation, the ROI plan. */
	INSIGHTS("insights", true, AGENTS),
	/** What-if simulation of a process on the engine's own BPMN. */
	SIMULATION("simulation", true, INSIGHTS),
	/** The dashboard pages and the Cockpit plugin (the latter where the host has the web apps). */
	DASHBOARD("dashboard", true, INSIGHTS),
	/** Action items fanned out to applications, people, suppliers and devices. */
	ORCHESTRATION("orchestration", false),
	/** The agentic coordinator: gather agents, the optimizer, the plan's approval (and {@code /plans}). */
	COORDINATOR("coordinator", false, AGENTS, ORCHESTRATION),
	/** Sensed events that touch a binding constraint re-plan the plan in force. */
	SENSE("sense", false, COORDINATOR),
	/** Smart Ops as an MCP server at {@code /mcp}, with the tools of the capabilities that are on. */
	MCP("mcp", false);

	private final String key;
	private final boolean enabledByDefault;
	private final List<Capability> requires;

	Capability(String key, boolean enabledByDefault, Capability... requires) {
		this.key = key;
		this.enabledByDefault = enabledByDefault;
		this.requires = List.of(requires);
	}

	/** The name in {@code smartops.<name>.enabled}. */
	public String key() {
		return key;
	}

	public String property() {
		return "smartops." + key + ".enabled";
	}

	public boolean enabledByDefault() {
		return enabledByDefault;
	}

	/** The capabilities this one needs on. */
	public List<Capability> requires() {
		return requires;
	}

	public boolean isOn(Environment environment) {
		return environment.getProperty(property(), Boolean.class, enabledByDefault);
	}

	/**
	 * Refuses a combination that cannot work, naming each capability that is on without one it
	 * needs, before anything starts.
	 */
	public static void check(Environment environment) {
		List<String> problems = new ArrayList<>();
		for (Capability capability : values()) {
			if (!capability.isOn(environment)) {
				continue;
			}
			for (Capability needed : capability.requires) {
				if (!needed.isOn(environment)) {
					problems.add(capability.property() + "=true needs " + needed.property() + "=true");
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Smart Ops' capabilities do not fit together: " + String.join("; ", problems));
		}
	}
}
