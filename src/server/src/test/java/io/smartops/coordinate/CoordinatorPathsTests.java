package io.smartops.coordinate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.smartops.support.FormWording;
import io.smartops.SmartOpsTest;
import io.smartops.agent.worker.AgentWorkers;
import io.smartops.coordinate.source.JdbcRetailSources;
import io.smartops.support.Api;

/**
 * The coordinator's other paths: an infeasible scenario goes to a person who relaxes a policy, a
 * source with malformed data fails only its own agent with an incident that names the problem,
 * the scope narrows what the agents gather, and the REST API refuses bad requests.
 */
@SmartOpsTest
class CoordinatorPathsTests extends CoordinatorHarness {

	@Autowired
	JdbcRetailSources sources;

	@Test
	void anInfeasiblePlanGoesToRelaxConstraintsAndIsOptimizedAgainWithThePersonsPolicy() {
		var jdbc = sources.jdbc();
		jdbc.update("UPDATE retail_policy SET amount = 10 WHERE name = 'co2-cap'");
		jdbc.update("UPDATE retail_policy SET amount = 1.0 WHERE name = 'fill-rate'");
		try (AgentWorkers workers = workers("paths-relax")) {
			String runId = startRun("{}");
			driver().until(() -> !tasksOf(runId, CoordinatorProcess.TASK_RELAX).isEmpty());
			Task relax = tasksOf(runId, CoordinatorProcess.TASK_RELAX).get(0);
			Map<String, Object> form = tasks.getVariables(relax.getId());
			FormWording.assertInWords("relax-constraints", form);
			assertThat((String) form.get("conflict")).contains("co2-cap");
			assertThat(form.get("co2Cap")).isEqualTo(10.0);
			assertThat(runs.find(runId).orElseThrow().getPlanStatus()).isEqualTo("INFEASIBLE");

			submit(relax.getId(), "{\"co2Cap\": {\"value\": 100000}, \"minCommittedFillRate\": {\"value\": 0.5}, "
					+ "\"carbonPrice\": {\"value\": 0.05}}");
			driver().until(() -> !tasksOf(runId, CoordinatorProcess.TASK_APPROVE).isEmpty());
			assertThat(runs.find(runId).orElseThrow().getPlanStatus()).isIn("OPTIMAL", "FEASIBLE");
			JsonNode policyFacts = api().get("/smartops/api/coordinator/runs/" + runId + "/facts").json();
			JsonNode relaxed = null;
			for (JsonNode f : policyFacts) {
				if (f.path("name").asText().equals("policy") && f.path("agentId").asText().equals("person")) {
					relaxed = f;
				}
			}
			assertThat(relaxed).isNotNull();
			assertThat(relaxed.path("value").path("policy").path("co2Cap").asDouble()).isEqualTo(100000);
			assertThat(relaxed.path("inputs").path("by").asText()).isEqualTo("demo");
			submit(tasksOf(runId, CoordinatorProcess.TASK_APPROVE).get(0).getId(), "{\"approved\": {\"value\": false}}");
			driver().until(() -> runs.find(runId).orElseThrow().getStatus() == PlanningRun.Status.REJECTED);
		}
		finally {
			jdbc.update("UPDATE retail_policy SET amount = 4200 WHERE name = 'co2-cap'");
			jdbc.update("UPDATE retail_policy SET amount = 0.9 WHERE name = 'fill-rate'");
		}
	}

	@Test
	void malformedStockFailsTheInventoryAgentWithAnIncidentNamingTheValueAndNothingLater() {
		var jdbc = sources.jdbc();
		jdbc.update("UPDATE retail_stock SET quantity = -5 WHERE warehouse = 'W2' AND product = 'P1'");
		String pi = null;
		try (AgentWorkers workers = workers("paths-malformed")) {
			String runId = startRun("{}");
			pi = processInstance(runId);
			String instance = pi;
			driver().until(() -> runtime.createIncidentQuery().processInstanceId(instance).count() > 0);
			Incident incident = runtime.createIncidentQuery().processInstanceId(instance).singleResult();
			assertThat(incident.getActivityId()).isEqualTo(CoordinatorProcess.TASK_GATHER_INVENTORY);
			assertThat(incident.getIncidentMessage()).contains("inventory source", "stock of P1 at W2 is -5.0");
			assertThat(runs.find(runId).orElseThrow().getScenarioDocument()).isNull();
		}
		finally {
			jdbc.update("UPDATE retail_stock SET quantity = 150 WHERE warehouse = 'W2' AND product = 'P1'");
			if (pi != null) {
				runtime.deleteProcessInstance(pi, "test over");
			}
		}
	}

	@Test
	void anInternalOnlyScopeLeavesOutTheSpotSupplierThirdPartyCarriersAndTheMarketPrice() {
		String runId;
		try (AgentWorkers workers = workers("paths-internal")) {
			runId = startRun("{\"external\": false, \"historyMonths\": 12, \"horizon\": 2}");
			driver().until(() -> !tasksOf(runId, CoordinatorProcess.TASK_APPROVE).isEmpty());
			JsonNode scenario = api().get("/smartops/api/coordinator/runs/" + runId + "/scenario").json();
			assertThat(scenario.path("periods").asInt()).isEqualTo(2);
			assertThat(scenario.path("supplyOffers").findValuesAsText("supplier")).doesNotContain("V3").contains("V1", "V2");
			assertThat(scenario.path("carriers").findValuesAsText("id")).containsExactly("OWN");
			assertThat(scenario.path("demand").get(0).path("priceOptions")).hasSize(3);
			JsonNode facts = api().get("/smartops/api/coordinator/runs/" + runId + "/facts").json();
			// the paid spot-market feed is not even asked
			assertThat(facts.findValuesAsText("name")).contains("supply:V1", "supply:V2").doesNotContain("supply:V3");
			for (JsonNode f : facts) {
				if (f.path("name").asText().equals("demand")) {
					assertThat(f.path("inputs").path("method").asText()).isEqualTo("mean of the history window");
				}
			}
			assertThat(api().get("/smartops/api/coordinator/scopes").json().findValuesAsText("scope"))
				.contains("12m/2p pricing+procurement+logistics internal");
		}
		runtime.deleteProcessInstance(processInstance(runId), "test over");
	}

	@Test
	void theTimerStartsARunOnThePlanningCycle() {
		var timer = management.createJobQuery().processDefinitionKey(CoordinatorProcess.KEY).activityId("Start_PlanningCycle")
			.timers().list().stream().findFirst().orElseThrow();
		// smartops.coordinator.cycle R/P1D: the next run is due a day after deployment
		assertThat(timer.getDuedate()).isAfter(new java.util.Date(System.currentTimeMillis() + 20 * 3600_000L));
		long before = runs.latest().size();
		management.executeJob(timer.getId());
		List<PlanningRun> after = runs.latest();
		assertThat(after).hasSize((int) before + 1);
		PlanningRun started = after.get(0);
		assertThat(started.getScopeLabel()).isEqualTo("36m/3p pricing+procurement+logistics external");
		assertThat(runtime.createProcessInstanceQuery().processInstanceId(started.getProcessInstanceId()).count()).isOne();
		runtime.deleteProcessInstance(started.getProcessInstanceId(), "test over");
	}

	@Test
	void aBadScopeIsRefusedWithEveryFieldNamedAndNoRunStarts() {
		long before = runs.latest().size();
		Api.Response r = api().post("/smartops/api/coordinator/runs", "{\"horizon\": 40, \"functions\": [\"marketing\"]}");
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.json().path("error").asText()).contains("scope.horizon: 40 is outside 1..12",
				"scope.functions: 'marketing' is not one of pricing, procurement, logistics");
		assertThat(runs.latest()).hasSize((int) before);
	}

	@Test
	void theCoordinatorApiNeedsCredentialsAndNamesUnknownRuns() {
		assertThat(new Api(port, null, null).get("/smartops/api/coordinator/runs").status()).isEqualTo(401);
		assertThat(new Api(port, null, null).post("/smartops/api/coordinator/runs", "{}").status()).isEqualTo(401);
		Api.Response missing = api().get("/smartops/api/coordinator/runs/nope");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.json().path("error").asText()).isEqualTo("no planning run nope");
	}
}
