package io.smartops.demo;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;

import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentProvider;
import io.smartops.agent.AgentTelemetry;
import io.smartops.process.ClusterClaims;

/** Seeds the demo's history into the tests' shared engine, once per JVM, for tests of other packages. */
public final class DemoHistorySeeding {

	private static boolean seeded;

	private DemoHistorySeeding() {
	}

	/** {@code days} of the demo's leads up to today, {@code leadsPerDay} a working day, from {@code seed}. */
	public static synchronized void once(ProcessEngine engine, List<AgentProvider> providers, AgentLibrary library,
			AgentTelemetry telemetry, ClusterClaims claims, int days, int leadsPerDay, long seed) {
		if (seeded) {
			return;
		}
		providers.forEach(p -> p.register(library));
		new DemoHistory(engine, providers, library, telemetry, claims, new DemoHistoryProperties(days, leadsPerDay, seed))
			.runFor(providers);
		seeded = true;
	}
}
