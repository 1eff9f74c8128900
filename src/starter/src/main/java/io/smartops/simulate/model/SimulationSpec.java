package io.smartops.simulate.model;

import java.util.List;
import java.util.Map;

/**
 * One simulation job, as the server hands it to the simulator process: the process's BPMN and the
 * DMN it calls (resource name → XML), the scenarios (the baseline first), and how long to run.
 *
 * @param instances instances to start in a replication (null when a horizon is given)
 * @param horizonMillis virtual time a replication runs (null when instances are given)
 * @param warmUpShare the first share of instances (or of the horizon) left out of the KPIs, so that
 * they measure a loaded process rather than an empty one
 */
public record SimulationSpec(String processKey, String bpmnXml, Map<String, String> dmnXml, List<Scenario> scenarios,
		Integer instances, Long horizonMillis, int replications, long seed, double warmUpShare) {

	/**
	 * Instances the whole job starts, over its scenarios and replications: exact with
	 * {@code instances}, expected from the baseline's arrivals with a horizon.
	 */
	public long instancesToStart() {
		long perReplication = instances != null ? instances
				: Math.round(horizonMillis / scenarios.get(0).parameters().arrivals().meanInterArrivalMillis());
		return perReplication * replications * scenarios.size();
	}
}
