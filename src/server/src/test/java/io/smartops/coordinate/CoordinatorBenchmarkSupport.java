package io.smartops.coordinate;

import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.RuntimeService;

import io.smartops.plan.scenario.Scenario;

/** What the benchmarks of other packages use of the coordinator's test fixtures. */
public final class CoordinatorBenchmarkSupport {

	private CoordinatorBenchmarkSupport() {
	}

	public static void loadGenerated(DataSource dataSource, Scenario scenario) {
		GeneratedNetwork.load(dataSource, scenario, 1);
	}

	/** Starts a run as the REST API does; returns its process instance id. */
	public static String start(RuntimeService runtime, Map<String, Object> scope) {
		return CoordinatorRuns.start(runtime, scope).getId();
	}
}
