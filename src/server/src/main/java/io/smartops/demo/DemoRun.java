package io.smartops.demo;

import io.smartops.coordinate.CoordinatorProcess;
import io.smartops.coordinate.CoordinatorRuns;
import io.smartops.coordinate.PlanningRuns;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.smartops.core.cluster.ClusterClaims;

/**
 * Starts one coordinator run when the demo server comes up and no run exists yet, so Cockpit shows
 * it and Tasklist holds its approval ({@code smartops.demo.start-run}, on by default). In a cluster
 * started all at once, the nodes claim the run in {@code smartops_cluster_claim}: exactly one
 * starts it.
 */
@Component
class DemoRun {

	private static final Logger log = LoggerFactory.getLogger(DemoRun.class);

	static final String CLAIM = "demo-coordinator-run";

	private final RuntimeService runtime;
	private final PlanningRuns runs;
	private final ClusterClaims claims;
	private final boolean enabled;

	DemoRun(RuntimeService runtime, PlanningRuns runs, ClusterClaims claims,
			@Value("${smartops.demo.start-run:true}") boolean enabled) {
		this.runtime = runtime;
		this.runs = runs;
		this.claims = claims;
		this.enabled = enabled;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (enabled && runs.latest().isEmpty() && claimed()) {
			var pi = CoordinatorRuns.start(runtime, Map.of());
			log.info("demo: started coordinator run {} (process instance {}); its approval will wait in Tasklist",
					runtime.getVariable(pi.getId(), CoordinatorProcess.VAR_RUN_ID), pi.getId());
		}
	}

	/** True for the one node whose claim of the demo run is stored first. */
	private boolean claimed() {
		if (claims.claim(CLAIM)) {
			return true;
		}
		log.info("demo: another node claimed the demo's coordinator run");
		return false;
	}
}
