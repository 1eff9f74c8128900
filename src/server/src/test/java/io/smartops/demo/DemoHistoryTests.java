package io.smartops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.smartops.SmartOpsTest;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentProvider;
import io.smartops.agent.AgentTelemetry;
import io.smartops.insight.ProcessInsight;
import io.smartops.insight.ProcessInsights;
import io.smartops.core.cluster.ClusterClaims;
import io.smartops.demo.sales.SalesProcess;
import io.smartops.insight.mining.Alignments;
import io.smartops.insight.mining.ProcessNet;
import io.smartops.support.Api;
import io.smartops.support.XesLogs;

/**
 * The demo's history runs through the real engine on a controlled clock and leaves what the
 * insights need: instances over the days asked for, people's waiting apart from their work, the
 * agents' calls, rework and passed SLAs; the clock is real again afterwards. Its event log validates
 * against the XES standard's schema, and every instance runs as the model allows.
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
	io.smartops.core.execution.NodeWarmUp warmUp;

	@Autowired
	ProcessInsights insights;

	@Autowired
	JdbcTemplate jdbc;

	@LocalServerPort
	int port;

	@Test
	void weeksOfLeadsWorkedByPeopleAgentsAndAutomationLeaveAHistoryWithEveryFigure() throws Exception {
		HistoryService history = engine.getHistoryService();
		Instant from = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(21, ChronoUnit.DAYS);
		java.util.Set<String> before = new java.util.HashSet<>();
		history.createHistoricProcessInstanceQuery().processDefinitionKey(SalesProcess.KEY).list()
			.forEach(i -> before.add(i.getId()));
		long earlier = history.createHistoricProcessInstanceQuery().processDefinitionKey(SalesProcess.KEY)
			.startedAfter(java.util.Date.from(from)).count();
		DemoHistory seeder = new DemoHistory(engine, providers, library, telemetry, claims, shadowRuns, promotions, warmUp,
				new DemoHistoryProperties(21, 12, 3));
		providers.forEach(p -> p.register(library));
		seeder.runFor(providers);

		assertThat(ClockUtil.getCurrentTime().getTime()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5_000L));
		long seeded = history.createHistoricProcessInstanceQuery().processDefinitionKey(SalesProcess.KEY)
			.startedAfter(java.util.Date.from(from)).count() - earlier;
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

		// its event log validates against the IEEE 1849 schema and reads back with the same cases and events
		Instant exported = Instant.now();
		String window = "from=" + from + "&to=" + exported;
		Api.Response xes = new Api(port).get("/smartops/api/insights/processes/" + SalesProcess.KEY + "/event-log?" + window);
		assertThat(xes.status()).as(xes.body()).isEqualTo(200);
		// (the instances that had ended when it was exported: the last leads may still move on)
		Map<String, Integer> expected = new HashMap<>();
		jdbc.query("select e.process_instance_id, e.duration_millis from smartops_task_execution e join ACT_HI_PROCINST p"
				+ " on p.ID_ = e.process_instance_id where p.PROC_DEF_KEY_ = ? and p.START_TIME_ >= ? and p.END_TIME_ < ?",
				rs -> {
					rs.getLong(2);
					expected.merge(rs.getString(1), rs.wasNull() ? 1 : 2, Integer::sum);
				}, SalesProcess.KEY, java.sql.Timestamp.from(from), java.sql.Timestamp.from(exported));
		Map<String, Integer> read = XesLogs.read(xes.body()).eventsPerCase();
		assertThat(expected).hasSizeGreaterThan(100);
		assertThat(read).containsAllEntriesOf(expected);
		// and every path it ran is one the model has: each seeded instance that ended aligns without a deviation
		ProcessNet net = ProcessNet.of(engine.getRepositoryService().getBpmnModelInstance(engine.getRepositoryService()
			.createProcessDefinitionQuery().processDefinitionKey(SalesProcess.KEY).latestVersion().singleResult().getId()));
		Map<String, List<String>> traces = new HashMap<>();
		jdbc.query("select e.process_instance_id, e.activity_id from smartops_task_execution e join ACT_HI_PROCINST p"
				+ " on p.ID_ = e.process_instance_id where p.PROC_DEF_KEY_ = ? and p.START_TIME_ >= ? and p.END_TIME_ is not null"
				+ " and e.outcome <> 'CANCELED' order by e.process_instance_id, e.started_epoch_millis, e.sequence_counter",
				rs -> {
					if (!before.contains(rs.getString(1))) {
						traces.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>()).add(rs.getString(2));
					}
				}, SalesProcess.KEY, java.sql.Timestamp.from(from));
		assertThat(traces).hasSizeGreaterThan(100);
		traces.forEach((instance, trace) -> assertThat(Alignments.align(net, trace).deviations()).as(instance + ": " + trace)
			.isZero());
	}
}
