package io.smartops.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;

import io.smartops.SmartOpsTest;
import io.smartops.agent.AgentLibrary;
import io.smartops.core.security.Roles;
import io.smartops.simulate.SimulationRequest.Change;
import io.smartops.simulate.model.ScenarioResult;
import io.smartops.support.Api;
import io.smartops.support.RoleUsers;

/**
 * The simulator fitted to a history whose generating parameters are known ({@link ClaimsHistory},
 * four weeks run through the real engine): it predicts the cycle times of the last weeks from the
 * first, gives the same answer for the same seed, moves the KPIs the way each kind of what-if
 * should, never touches the production engine's data, and names the field of a bad request.
 */
@SmartOpsTest
class ProcessSimulationTests {

	private static final Logger log = LoggerFactory.getLogger(ProcessSimulationTests.class);

	static final String PASSWORD = "simulation-secret";
	/** A Monday; four weeks of claims from here. */
	static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
	static final Instant T1 = T0.plus(Duration.ofDays(17));
	static final Instant T2 = T0.plus(Duration.ofDays(28));
	static boolean generated;

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	IdentityService identity;

	@Autowired
	Simulations simulations;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AgentLibrary library;

	Api designer;

	@BeforeEach
	void history() {
		RoleUsers.ensure(identity, Map.of("sim-designer", Roles.DESIGNERS, "sim-taker", Roles.ACTION_TAKERS), PASSWORD);
		designer = new Api(port, "sim-designer", PASSWORD);
		if (!generated) {
			engine.getRepositoryService().createDeployment().addClasspathResource("simulation/claims.bpmn").deploy();
			int claims = new ClaimsHistory(engine, 5).run(T0, T2);
			log.info("generated {} claims over {} to {}", claims, T0, T2);
			generated = true;
		}
	}

	static Simulations.SimulationView await(Simulations simulations, String id) throws InterruptedException {
		for (int i = 0; i < 600; i++) {
			Simulations.SimulationView v = simulations.get(id);
			if (v.status() == Simulations.Status.SUCCEEDED || v.status() == Simulations.Status.FAILED) {
				assertThat(v.error()).as("the simulation's error").isNull();
				return v;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("simulation " + id + " did not finish in two minutes");
	}

	SimulationRequest request(Integer instances, Long seed, List<Change> changes) {
		return new SimulationRequest(ClaimsHistory.KEY, instances, null, 3, seed, 0.2, T0.toString(), T1.toString(),
				changes, null);
	}

	@Test
	void fittedOnTheFirstWeeksItPredictsTheCycleTimesOfTheNextWithinBounds() throws InterruptedException {
		double[] observed = engine.getHistoryService().createHistoricProcessInstanceQuery()
			.processDefinitionKey(ClaimsHistory.KEY).startedAfter(Date.from(T1)).startedBefore(Date.from(T2)).finished()
			.list().stream().mapToDouble(HistoricProcessInstance::getDurationInMillis).toArray();
		int instances = (int) Math.ceil(observed.length / 0.8);
		Simulations.SimulationView done = await(simulations,
				simulations.submit(new SimulationRequest(ClaimsHistory.KEY, instances, null, 5, 3L, 0.2, T0.toString(),
						T1.toString(), List.of(), null), "test").id());
		Backtest backtest = Backtest.of(observed, done.result().scenarios().get(0).result());
		log.info("backtest on the generated claims history: {}", backtest);
		assertThat(done.result().fit().instances()).isGreaterThan(400);
		assertThat(backtest.p50Error()).isLessThan(0.2);
		assertThat(backtest.p90Error()).isLessThan(0.25);
		assertThat(backtest.relativeEmd()).isLessThan(0.2);
		ScenarioResult r = done.result().scenarios().get(0).result();
		double load = ClaimsHistory.ARRIVALS_PER_HOUR / (1 - ClaimsHistory.REWORK)
				* Math.exp(ClaimsHistory.HANDLE_MU + ClaimsHistory.HANDLE_SIGMA * ClaimsHistory.HANDLE_SIGMA / 2) / 3.6e6 / 2;
		assertThat(r.utilisation().get(ClaimsHistory.GROUP).mean()).as("the clerks' known load").isBetween(load * 0.85,
				load * 1.15);
	}

	@Test
	void theSameSeedGivesTheSameResultAndAnotherSeedAnother() throws InterruptedException {
		ScenarioResult a = await(simulations, simulations.submit(request(500, 7L, List.of()), "test").id()).result()
			.scenarios().get(0).result();
		ScenarioResult b = await(simulations, simulations.submit(request(500, 7L, List.of()), "test").id()).result()
			.scenarios().get(0).result();
		ScenarioResult c = await(simulations, simulations.submit(request(500, 8L, List.of()), "test").id()).result()
			.scenarios().get(0).result();
		assertThat(b.cycleTimeQuantiles()).containsExactly(a.cycleTimeQuantiles());
		assertThat(b.costPerInstance()).isEqualTo(a.costPerInstance());
		assertThat(c.cycleTimeQuantiles()).isNotEqualTo(a.cycleTimeQuantiles());
	}

	@Test
	void aHorizonRunsEachReplicationForThatLongOnTheVirtualClock() throws InterruptedException {
		ScenarioResult r = await(simulations, simulations.submit(new SimulationRequest(ClaimsHistory.KEY, null, "P14D", 2,
				5L, 0.2, T0.toString(), T1.toString(), List.of(), null), "test").id()).result().scenarios().get(0).result();
		// the last 80% of 14 days at 1.2 claims an hour, less those still running at the end, in each of 2 replications
		double expected = 2 * ClaimsHistory.ARRIVALS_PER_HOUR * 24 * 14 * 0.8;
		assertThat((double) r.completed()).isBetween(expected * 0.8, expected * 1.15);
		assertThat(r.throughputPerDay().mean()).isBetween(ClaimsHistory.ARRIVALS_PER_HOUR * 24 * 0.8,
				ClaimsHistory.ARRIVALS_PER_HOUR * 24 * 1.2);
	}

	@Test
	void aSimulationLeavesTheProductionEnginesDataAsItWas() throws InterruptedException {
		HistoryService history = engine.getHistoryService();
		long runtime = engine.getRuntimeService().createProcessInstanceQuery().count();
		long tasks = engine.getTaskService().createTaskQuery().count();
		long instances = history.createHistoricProcessInstanceQuery().count();
		long activities = history.createHistoricActivityInstanceQuery().count();
		long jobs = engine.getManagementService().createJobQuery().count();
		await(simulations, simulations.submit(request(1000, 1L, List.of(Change.morePeople(ClaimsHistory.GROUP, 1))),
				"test").id());
		assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(runtime);
		assertThat(engine.getTaskService().createTaskQuery().count()).isEqualTo(tasks);
		assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
		assertThat(history.createHistoricActivityInstanceQuery().count()).isEqualTo(activities);
		assertThat(engine.getManagementService().createJobQuery().count()).isEqualTo(jobs);
	}

	/** Runs a what-if over REST: the baseline's and the what-if's results. */
	JsonNode whatIf(String changes) throws InterruptedException {
		return SimulationsOverRest.run(designer, "/smartops/api/simulations", """
				{"processKey": "%s", "instances": 700, "replications": 2, "seed": 4, "warmUpShare": 0.2,
				 "fitFrom": "%s", "fitTo": "%s", "changes": %s}""".formatted(ClaimsHistory.KEY, T0, T1, changes))
			.get("scenarios");
	}

	static double kpi(JsonNode scenario, String... path) {
		return SimulationsOverRest.mean(scenario, path);
	}

	@Test
	void eachKindOfWhatIfMovesTheKpisTheWayItShould() throws InterruptedException {
		JsonNode people = whatIf("[{\"type\": \"PEOPLE\", \"group\": \"claims\", \"delta\": 1}]");
		assertThat(kpi(people.get(1), "waiting", "Task_HandleClaim"))
			.isLessThan(kpi(people.get(0), "waiting", "Task_HandleClaim") * 0.5);
		assertThat(kpi(people.get(1), "utilisation", "claims")).isLessThan(kpi(people.get(0), "utilisation", "claims"));

		JsonNode busier = whatIf("[{\"type\": \"ARRIVALS\", \"factor\": 1.4}]");
		assertThat(kpi(busier.get(1), "throughputPerDay")).isGreaterThan(kpi(busier.get(0), "throughputPerDay") * 1.25);
		assertThat(kpi(busier.get(1), "cycleTime", "p90")).isGreaterThan(kpi(busier.get(0), "cycleTime", "p90"));

		JsonNode noRework = whatIf("[{\"type\": \"BRANCH\", \"gatewayId\": \"Gateway_Complete\", \"probabilities\":"
				+ " {\"Flow_Rework\": 0, \"Flow_Done\": 1}}]");
		assertThat(kpi(noRework.get(1), "costPerInstance")).isLessThan(kpi(noRework.get(0), "costPerInstance") * 0.85);
		assertThat(kpi(noRework.get(1), "cycleTime", "mean")).isLessThan(kpi(noRework.get(0), "cycleTime", "mean"));

		JsonNode automated = whatIf("[{\"type\": \"AUTOMATE_TASK\", \"activityId\": \"Task_HandleClaim\"}]");
		assertThat(kpi(automated.get(1), "cycleTime", "p50")).isLessThan(kpi(automated.get(0), "cycleTime", "p50") / 10);
		assertThat(kpi(automated.get(1), "utilisation", "claims")).as("no one works it any more").isZero();

		String agent = library.registerForeign(new io.smartops.agent.AgentLibrary.Registration(
				"claims-" + Long.toString(System.nanoTime(), 36), "Claims agent", "1", 0.02, 500L, 0.9)).getId();
		JsonNode agentTakes = whatIf("[{\"type\": \"AGENT_TAKES_TASK\", \"activityId\": \"Task_HandleClaim\","
				+ " \"agentId\": \"" + agent + "\"}]");
		assertThat(kpi(agentTakes.get(1), "cycleTime", "p50")).isLessThan(kpi(agentTakes.get(0), "cycleTime", "p50"));
		assertThat(kpi(agentTakes.get(1), "wrongOutputsPerInstance")).isPositive();

		JsonNode checks = whatIf("[{\"type\": \"PERSON_CHECKS_OUTPUT\", \"activityId\": \"Task_CheckClaim\","
				+ " \"share\": 0.5, \"group\": \"claims\", \"minutes\": 20}]");
		assertThat(kpi(checks.get(1), "utilisation", "claims")).isGreaterThan(kpi(checks.get(0), "utilisation", "claims"));
		assertThat(kpi(checks.get(1), "costPerInstance")).isGreaterThan(kpi(checks.get(0), "costPerInstance"));

		JsonNode sla = whatIf("[{\"type\": \"SLA\", \"slaMillis\": 1800000}]");
		assertThat(kpi(sla.get(1), "slaAttainment")).as("few claims settle within half an hour").isBetween(0.0, 0.3);
	}

	@Test
	void badRequestsAreRefusedNamingTheFieldAndNothingIsKept() {
		Integer before = count();
		assertProblem("{\"processKey\": \"no-such-process\"}", "processKey");
		assertProblem(body("\"changes\": [{\"type\": \"AGENT_TAKES_TASK\", \"activityId\": \"Task_Nope\", \"agentId\":"
				+ " \"no-such-agent\"}]"), "changes[0].activityId");
		assertProblem(body("\"changes\": [{\"type\": \"AGENT_TAKES_TASK\", \"activityId\": \"Task_HandleClaim\","
				+ " \"agentId\": \"no-such-agent\"}]"), "changes[0].agentId");
		assertProblem(body("\"parameters\": {\"arrivalRatePerHour\": -2}"), "parameters.arrivalRatePerHour");
		assertProblem(body("\"parameters\": {\"activities\": {\"Task_HandleClaim\": {\"working\": {\"type\":"
				+ " \"EXPONENTIAL\", \"mean\": 0}}}}"), "parameters.activities.Task_HandleClaim.working.mean");
		assertProblem(body("\"parameters\": {\"branches\": {\"Gateway_Complete\": {\"Flow_Rework\": 0.5, \"Flow_Done\":"
				+ " 0.6}}}"), "parameters.branches.Gateway_Complete");
		assertProblem(body("\"parameters\": {\"people\": {\"claims\": 0}}"), "parameters.people.claims");
		assertProblem(body("\"changes\": [{\"type\": \"PEOPLE\", \"group\": \"claims\", \"delta\": -2}]"),
				"changes[0].delta");
		assertProblem(body("\"instances\": 0"), "instances");
		assertProblem(body("\"horizon\": \"soon\""), "horizon");
		assertProblem(body("\"horizon\": \"P-3D\""), "horizon");
		assertProblem(body("\"changes\": [{\"type\": \"TELEPORT\"}]"), "changes[0].type");
		assertThat(count()).isEqualTo(before);
		Api.Response forbidden = new Api(port, "sim-taker", PASSWORD).post("/smartops/api/simulations", body(""));
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(designer.get("/smartops/api/simulations/no-such-id").status()).isEqualTo(404);
	}

	private String body(String more) {
		return "{\"processKey\": \"" + ClaimsHistory.KEY + "\", \"fitFrom\": \"" + T0 + "\", \"fitTo\": \"" + T1 + "\""
				+ (more.isEmpty() ? "" : ", " + more) + "}";
	}

	private void assertProblem(String body, String field) {
		Api.Response r = designer.post("/smartops/api/simulations", body);
		assertThat(r.status()).as(r.body()).isEqualTo(400);
		assertThat(r.json().get("fields").has(field)).as(r.body()).isTrue();
	}

	private Integer count() {
		return jdbc.queryForObject("select count(*) from smartops_simulation", Integer.class);
	}
}
