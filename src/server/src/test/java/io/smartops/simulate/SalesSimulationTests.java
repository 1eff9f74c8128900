package io.smartops.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;

import io.smartops.SmartOpsTest;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentProvider;
import io.smartops.agent.AgentTelemetry;
import io.smartops.agent.builtin.TemplateProposalWriter;
import io.smartops.demo.DemoHistorySeeding;
import io.smartops.core.cluster.ClusterClaims;
import io.smartops.demo.sales.SalesProcess;
import io.smartops.core.security.Roles;
import io.smartops.support.Api;
import io.smartops.support.RoleUsers;

/**
 * The questions the simulator is for, asked of the demo's sales process over REST: what if an
 * agent took "Review proposal", what if two more people joined the sales team — and the
 * improvement plan with each item's simulated before and after.
 */
@SmartOpsTest
class SalesSimulationTests {

	static final String PASSWORD = "sales-simulation-secret";

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
	IdentityService identity;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	io.smartops.core.execution.NodeWarmUp warmUp;

	Api planner;

	@BeforeEach
	void demoHistory() {
		DemoHistorySeeding.once(engine, providers, library, telemetry, claims, shadowRuns, promotions, warmUp, jdbc, 28, 10,
				11);
		RoleUsers.ensure(identity, Map.of("sales-sim-planner", Roles.PLANNERS), PASSWORD);
		planner = new Api(port, "sales-sim-planner", PASSWORD);
	}

	JsonNode run(String path, String body) throws InterruptedException {
		return SimulationsOverRest.run(planner, path, body);
	}

	static double mean(JsonNode scenario, String... path) {
		return SimulationsOverRest.mean(scenario, path);
	}

	@Test
	void whatIfAnAgentTookReviewProposal() throws InterruptedException {
		JsonNode result = run("/smartops/api/simulations", """
				{"processKey": "%s", "instances": 400, "replications": 2, "seed": 2, "changes": [
				 {"type": "AGENT_TAKES_TASK", "activityId": "%s", "agentId": "%s"}]}"""
			.formatted(SalesProcess.KEY, SalesProcess.TASK_REVIEW_PROPOSAL, TemplateProposalWriter.ID));
		JsonNode baseline = result.get("scenarios").get(0);
		JsonNode whatIf = result.get("scenarios").get(1);
		assertThat(result.get("fit").get("instances").asInt()).isGreaterThan(100);
		assertThat(baseline.get("result").get("cycleTime").get("p50").get("low").isNumber()).isTrue();
		assertThat(mean(whatIf, "cycleTime", "p90")).isLessThan(mean(baseline, "cycleTime", "p90"));
		assertThat(whatIf.get("result").get("waiting").has(SalesProcess.TASK_REVIEW_PROPOSAL)).isFalse();
		assertThat(baseline.get("result").get("waiting").has(SalesProcess.TASK_REVIEW_PROPOSAL)).isTrue();
	}

	@Test
	void whatIfTwoMorePeopleJoinedTheSalesTeam() throws InterruptedException {
		JsonNode result = run("/smartops/api/simulations", """
				{"processKey": "%s", "instances": 400, "replications": 2, "seed": 2, "changes": [
				 {"type": "PEOPLE", "group": "sales-emea", "delta": 2}, {"type": "ARRIVALS", "factor": 3}]}"""
			.formatted(SalesProcess.KEY));
		JsonNode baseline = result.get("scenarios").get(0);
		JsonNode whatIf = result.get("scenarios").get(1);
		assertThat(mean(whatIf, "throughputPerDay")).isGreaterThan(mean(baseline, "throughputPerDay") * 2);
		assertThat(whatIf.get("result").get("utilisation").has("sales-emea")).isTrue();
	}

	@Test
	void theImprovementPlansItemsShowTheirSimulatedBeforeAndAfter() throws InterruptedException {
		JsonNode result = run("/smartops/api/insights/processes/" + SalesProcess.KEY + "/improvements/simulation", "");
		assertThat(result.get("scenarios").size()).as(result.get("notSimulated").toString()).isGreaterThan(1);
		JsonNode plan = planner.get("/smartops/api/insights/processes/" + SalesProcess.KEY + "/improvements").json();
		assertThat(plan.get("candidates").size()).isPositive();
		for (JsonNode item : plan.get("candidates")) {
			JsonNode simulated = item.get("simulated");
			assertThat(simulated.isNull()).as(item.toString()).isFalse();
			if (simulated.get("notSimulated").isNull()) {
				assertThat(simulated.get("before").get("cycleTimeP50").get("mean").asDouble()).isPositive();
				assertThat(simulated.get("after").get("cycleTimeP50").has("low")).isTrue();
			}
		}
	}
}
