package io.smartops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.smartops.SmartOpsTest;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentProvider;
import io.smartops.agent.AgentTelemetry;
import io.smartops.core.cluster.ClusterClaims;
import io.smartops.demo.sales.SalesProcess;

/**
 * The demo's insights as a person sees them, in Debian's Chromium driven by
 * {@code playwright-core}: logged in to Cockpit, the same session opens the dashboard (its charts,
 * tasks, segmentation and plan) and the process definition in Cockpit, whose diagram shows each
 * task's p50/p95 and executor; on the dashboard's what-if page, two more people join a sales team
 * and the simulation's baseline and what-if are drawn; the process-mining page shows conformance and
 * the variants (filtered by executor kind) and Cockpit's diagram the heatmap (frequency, then
 * duration, with its legend). The screenshots are kept in {@code target/browser/}.
 */
@SmartOpsTest
@Tag("services")
class DemoInsightsInBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	List<AgentProvider> providers;

	@Autowired
	AgentLibrary library;

	@Autowired
	AgentTelemetry telemetry;

	@Autowired
	ClusterClaims claims;

	@Autowired
	io.smartops.agent.ShadowRuns shadowRuns;

	@Autowired
	io.smartops.agent.lifecycle.AgentPromotions promotions;

	@Autowired
	io.smartops.core.execution.NodeWarmUp warmUp;

	@Test
	void theDashboardAndTheCockpitDiagramShowTheDemosHistory() throws Exception {
		providers.forEach(p -> p.register(library));
		new DemoHistory(engine, providers, library, telemetry, claims, shadowRuns, promotions, warmUp, new DemoHistoryProperties(14, 8, 11))
			.runFor(providers);
		String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
			.processDefinitionKey(SalesProcess.KEY).latestVersion().singleResult().getId();
		Path shots = Files.createDirectories(Path.of("target", "browser"));
		ProcessBuilder node = new ProcessBuilder("node", "src/server/src/test/browser/insights-dashboard.cjs",
				"http://localhost:" + port, definitionId, SalesProcess.TASK_REVIEW_PROPOSAL, "Review proposal",
				shots.toString()).redirectErrorStream(true);
		node.environment().put("NODE_PATH", Path.of(".ci", "node_modules").toAbsolutePath().toString());
		Process browser = node.start();
		assertThat(browser.waitFor(300, TimeUnit.SECONDS)).isTrue();
		String output = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(browser.exitValue()).as(output).isZero();
		assertThat(output).contains("Task_ReviewProposal reads \"HUMAN · p50");
		assertThat(shots.resolve("dashboard.png")).exists();
		assertThat(shots.resolve("cockpit-overlay.png")).exists();
		assertThat(output).contains("what-if");
		assertThat(shots.resolve("simulation.png")).exists();

		// an administrator ends a waiting lead by hand in Cockpit's way: the conformance check shows the deviation
		String lead = engine.getRuntimeService().createMessageCorrelation(SalesProcess.MESSAGE_LEAD_RECEIVED)
			.setVariables(java.util.Map.of(SalesProcess.VAR_COMPANY_NAME, "Hand Moved GmbH", SalesProcess.VAR_CONTACT_NAME,
					"Hanna Hand", SalesProcess.VAR_EMAIL, "hanna@hand-moved.example", SalesProcess.VAR_COUNTRY, "DE",
					SalesProcess.VAR_EMPLOYEES, 120L, SalesProcess.VAR_SOURCE, "web"))
			.correlateStartMessage()
			.getId();
		String waitingAt = engine.getRuntimeService().getActiveActivityIds(lead).get(0);
		engine.getIdentityService().setAuthentication("demo", List.of(io.smartops.core.security.Roles.ADMINS));
		try {
			engine.getRuntimeService().createProcessInstanceModification(lead).cancelAllForActivity(waitingAt)
				.startBeforeActivity(SalesProcess.END_LEAD_DISQUALIFIED).execute();
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
		ProcessBuilder mining = new ProcessBuilder("node", "src/server/src/test/browser/process-mining.cjs",
				"http://localhost:" + port, definitionId, SalesProcess.TASK_REVIEW_PROPOSAL, shots.toString())
			.redirectErrorStream(true);
		mining.environment().put("NODE_PATH", Path.of(".ci", "node_modules").toAbsolutePath().toString());
		Process miner = mining.start();
		assertThat(miner.waitFor(300, TimeUnit.SECONDS)).isTrue();
		String mined = new String(miner.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(miner.exitValue()).as(mined).isZero();
		assertThat(mined).contains("heatmap:", "with a person:");
		assertThat(shots.resolve("mining.png")).exists();
		assertThat(shots.resolve("cockpit-heatmap-frequency.png")).exists();
		assertThat(shots.resolve("cockpit-heatmap-duration.png")).exists();
	}
}
