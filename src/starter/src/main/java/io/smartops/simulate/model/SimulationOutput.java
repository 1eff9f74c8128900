package io.smartops.simulate.model;

import java.util.List;

/**
 * One line the simulator process writes: progress (instances simulated of the total), the results
 * (a scenario each, the baseline first, and the raw cycle times for backtests when asked), or an error.
 */
public record SimulationOutput(Long instances, Long total, List<ScenarioResult> results, String error) {

	public static SimulationOutput progress(long instances, long total) {
		return new SimulationOutput(instances, total, null, null);
	}

	public static SimulationOutput done(List<ScenarioResult> results) {
		return new SimulationOutput(null, null, results, null);
	}

	public static SimulationOutput failed(String error) {
		return new SimulationOutput(null, null, null, error);
	}
}
