package io.smartops.demo;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.jdbc.core.JdbcTemplate;

import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentProvider;
import io.smartops.agent.AgentTelemetry;
import io.smartops.agent.ShadowRuns;
import io.smartops.agent.lifecycle.AgentPromotions;
import io.smartops.core.cluster.ClusterClaims;
import io.smartops.core.execution.NodeWarmUp;

/**
 * Seeds the demo's history into the tests' shared engine, once per JVM, for tests of other
 * packages. The customers the seeded leads became are removed again: other tests send leads of the
 * demo's companies and expect them new.
 */
public final class DemoHistorySeeding {

	private static boolean seeded;

	private DemoHistorySeeding() {
	}

	/** {@code days} of the demo's leads up to today, {@code leadsPerDay} a working day, from {@code seed}. */
	public static synchronized void once(ProcessEngine engine, List<AgentProvider> providers, AgentLibrary library,
			AgentTelemetry telemetry, ClusterClaims claims, ShadowRuns shadowRuns, AgentPromotions promotions,
			NodeWarmUp warmUp, JdbcTemplate jdbc, int days, int leadsPerDay, long seed) {
		if (seeded) {
			return;
		}
		Long before = jdbc.queryForObject("select coalesce(max(id), 0) from smartops_customer", Long.class);
		providers.forEach(p -> p.register(library));
		new DemoHistory(engine, providers, library, telemetry, claims, shadowRuns, promotions, warmUp, new DemoHistoryProperties(days, leadsPerDay, seed))
			.runFor(providers);
		jdbc.update("delete from smartops_customer where id > ?", before);
		seeded = true;
	}
}
