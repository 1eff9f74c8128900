package io.smartops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.smartops.SmartOpsTest;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentProvider;
import io.smartops.agent.AgentTelemetry;
import io.smartops.insight.ProcessInsight;
import io.smartops.insight.ProcessInsights;
import io.smartops.core.cluster.ClusterClaims;
import io.smartops.demo.sales.SalesProcess;

/**
 * The demo's history runs through the real engine on a controlled clock and leaves what the
 * insights need: instances over the days asked for, people's waiting apart from their work, the
 * agents' calls, rework and passed SLAs; the clock is real again afterwards.
 */
@SmartOpsTest
class DemoHistoryTests {

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
	ProcessInsights insights;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void weeksOfLeadsWorkedByPeopleAgentsAndAutomationLeaveAHistoryWithEveryFigure() {
		HistoryService history = engine.getHistoryService();
		Instant from = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(21, ChronoUnit.DAYS);
		long before = history.createHistoricProcessInstanceQuery().processDefinitionKey(SalesProcess.KEY)
			.startedAfter(java.util.Date.from(from)).count();
		DemoHistory seeder = new DemoHistory(engine, providers, library, telemetry, claims, shadowRuns, promotions,
				new DemoHistoryProperties(21, 12, 3));
		providers.forEach(p -> p.register(library));
		seeder.runFor(providers);

		assertThat(ClockUtil.getCurrentTime().getTime()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5_000L));
		long seeded = history.createHistoricProcessInstanceQuery().processDefinitionKey(SalesProcess.KEY)
			.startedAfter(java.util.Date.from(from)).count() - before;
		assertThat(seeded).as("about 12 a working day for three weeks").isBetween(150L, 260L);

		ProcessInsight insight = insights.insight(SalesProcess.KEY, null, from, Instant.now());
		assertThat(insight.endToEnd().completed()).isGreaterThan(100);
		assertThat(insight.endToEnd().runningAtEnd()).as("the last days' leads wait for review").isPositive();
		ProcessInsight.ActivityInsight review = insight.activities().stream()
			.filter(a -> a.activityId().equals(SalesProcess.TASK_REVIEW_PROPOSAL)).findFirst().orElseThrow();
		assertThat(review.waiting().p50()).isGreaterThan(review.working().p50());
		assertThat(review.working().p50()).isBetween(10 * 60_000L, 60 * 60_000L);
		assertThat(review.quality().slaBreaches()).isPositive();
		ProcessInsight.ActivityInsight draft = insight.activities().stream()
			.filter(a -> a.activityId().equals(SalesProcess.TASK_DRAFT_PROPOSAL)).findFirst().orElseThrow();
		assertThat(draft.quality().agentCalls()).isPositive();
		assertThat(draft.quality().edited()).isPositive();
		assertThat(draft.costPerExecution()).isPositive();
		assertThat(insight.activities()).anySatisfy(a -> assertThat(a.reworkRate()).isPositive());
		assertThat(insight.variants().size()).isGreaterThan(2);
		assertThat(DemoHistory.companies()).as("the README's example company stays new to the demo")
			.noneMatch(c -> c[0].equals("globex.example")).hasSizeGreaterThan(20);
		assertThat(insight.variants()).allSatisfy(v -> assertThat(v.activities().get(0))
			.as("tasks in the order they ran").isEqualTo(SalesProcess.TASK_VALIDATE_LEAD));
	}
}
