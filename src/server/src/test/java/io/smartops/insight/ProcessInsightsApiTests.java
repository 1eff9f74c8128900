package io.smartops.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import io.smartops.SmartOpsTest;
import io.smartops.agent.AgentCall;
import io.smartops.agent.AgentCallReport;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentTelemetry;
import io.smartops.agent.builtin.BuiltinAgents;
import io.smartops.core.security.Roles;
import io.smartops.support.Api;
import io.smartops.support.RoleUsers;

/**
 * The insights over REST, from instances run through the real engine on a controlled clock: a
 * person claims a task an hour after it was created and works on it for two; an agent's call on
 * the next task takes five of its twenty minutes. The owner sets targets and a baseline; others
 * may not; bad requests name their field.
 */
@SmartOpsTest
class ProcessInsightsApiTests {

	static final String PASSWORD = "insight-secret";
	static final Map<String, String> USERS = Map.of("pi-designer", Roles.DESIGNERS, "pi-owner", "sales-emea",
			"pi-other", "sales-emea");
	static final long MINUTE = 60_000;
	static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	RepositoryService repository;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	ExternalTaskService externalTasks;

	@Autowired
	IdentityService identity;

	@Autowired
	AgentLibrary library;

	@Autowired
	BuiltinAgents builtins;

	@Autowired
	AgentTelemetry telemetry;

	String key;

	@BeforeEach
	void deploy() {
		RoleUsers.ensure(identity, USERS, PASSWORD);
		builtins.register(library);
		key = "insight-" + Long.toString(System.nanoTime(), 36);
		BpmnModelInstance model = Bpmn.createExecutableProcess(key).name("Insight test")
			.startEvent("Start").name("Request received")
			.userTask("Task_Review").name("Review request").camundaCandidateGroups("sales-emea")
			.serviceTask("Task_Score").name("Score request").camundaExternalTask("insight-score")
			.endEvent("End").name("Request handled")
			.done();
		deploy(model);
	}

	/** Deploys the model, its review task marked in Modeler's way as one a lead-scoring agent could take. */
	void deploy(BpmnModelInstance model) {
		UserTask review = model.getModelElementById("Task_Review");
		CamundaProperties properties = model.newInstance(CamundaProperties.class);
		CamundaProperty capability = model.newInstance(CamundaProperty.class);
		capability.setCamundaName("capability");
		capability.setCamundaValue("lead-scoring");
		properties.addChildElement(capability);
		review.builder().addExtensionElement(properties);
		repository.createDeployment().addModelInstance(key + ".bpmn", model).deploy();
	}

	@AfterEach
	void clock() {
		ClockUtil.reset();
	}

	Api as(String user) {
		return user.equals("demo") ? new Api(port, "demo", "demo") : new Api(port, user, PASSWORD);
	}

	/** One instance from T0 + offset: review claimed after 1 h and done 2 h later; scoring waits 15 min, works 5. */
	void runOne(long offsetMinutes) {
		Instant start = T0.plusSeconds(offsetMinutes * 60);
		ClockUtil.setCurrentTime(Date.from(start));
		ProcessInstance pi = runtime.startProcessInstanceByKey(key, key + "-" + offsetMinutes);
		Task review = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
		ClockUtil.setCurrentTime(Date.from(start.plusSeconds(3600)));
		tasks.claim(review.getId(), "pi-other");
		ClockUtil.setCurrentTime(Date.from(start.plusSeconds(3 * 3600)));
		tasks.complete(review.getId());
		ClockUtil.setCurrentTime(Date.from(start.plusSeconds(3 * 3600 + 15 * 60)));
		List<LockedExternalTask> locked = externalTasks.fetchAndLock(10, "insight-worker").topic("insight-score", 60_000)
			.businessKey(pi.getBusinessKey()).execute();
		String agent = library.all().get(0).getId();
		telemetry.record(new AgentCallReport(agent, locked.get(0).getId(), pi.getId(), "Task_Score", "insight-worker",
				start.plusSeconds(3 * 3600 + 15 * 60), 5 * MINUTE, AgentCall.Outcome.COMPLETED, 0.9, null, 1, 0, 0, "p",
				"r", null, null));
		ClockUtil.setCurrentTime(Date.from(start.plusSeconds(3 * 3600 + 20 * 60)));
		externalTasks.complete(locked.get(0).getId(), "insight-worker");
	}

	String window() {
		return "from=2026-03-02&to=2026-03-09";
	}

	@Test
	void aProcessShowsItsCycleTimeAndEachTasksWaitingAndWorkingTimeFromItsHistory() {
		for (int i = 0; i < 3; i++) {
			runOne(i * 60);
		}
		Api.Response r = as("pi-designer").get("/smartops/api/insights/processes/" + key + "?" + window());
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		JsonNode insight = r.json();
		JsonNode e2e = insight.get("endToEnd");
		assertThat(e2e.get("started").asLong()).isEqualTo(3);
		assertThat(e2e.get("completed").asLong()).isEqualTo(3);
		assertThat(e2e.get("cycleTime").get("p50").asLong()).isEqualTo(200 * MINUTE);
		assertThat(insight.get("owner").asText()).isEqualTo("olivia");

		JsonNode review = activity(insight, "Task_Review");
		assertThat(review.get("executorKind").asText()).isEqualTo("HUMAN");
		assertThat(review.get("waiting").get("p50").asLong()).isEqualTo(60 * MINUTE);
		assertThat(review.get("working").get("p50").asLong()).isEqualTo(120 * MINUTE);
		// two hours at the default rate of 50 an hour (sales-emea has no rate of its own)
		assertThat(review.get("costPerExecution").asDouble()).isEqualTo(100.0);
		JsonNode score = activity(insight, "Task_Score");
		assertThat(score.get("executorKind").asText()).isEqualTo("AGENT");
		assertThat(score.get("duration").get("p50").asLong()).isEqualTo(20 * MINUTE);
		assertThat(score.get("waiting").get("p50").asLong()).isEqualTo(15 * MINUTE);
		assertThat(score.get("quality").get("agentCalls").asLong()).isEqualTo(3);
		assertThat(insight.get("variants").get(0).get("activities").toString())
			.isEqualTo("[\"Task_Review\",\"Task_Score\"]");
		assertThat(insight.get("bottlenecks").get("byWaiting").get(0).get("activityId").asText()).isEqualTo("Task_Review");

		JsonNode overview = as("pi-designer").get("/smartops/api/insights/processes?" + window()).json();
		JsonNode mine = null;
		for (JsonNode p : overview) {
			mine = p.get("processKey").asText().equals(key) ? p : mine;
		}
		assertThat(mine).isNotNull();
		assertThat(mine.get("kpis").get("CYCLE_TIME_P50").asDouble()).isEqualTo(200.0 * MINUTE);
	}

	@Test
	void onlyTheOwnerOrAnAdministratorSetsTargetsAndTheBaselineAndEveryChangeIsAudited() {
		runOne(0);
		String path = "/smartops/api/insights/processes/" + key;
		assertThat(as("pi-owner").send("PUT", path + "/owner", "{\"owner\":\"pi-owner\",\"pod\":\"sales-emea\"}").status())
			.isEqualTo(403);
		Api.Response handover = as("demo").send("PUT", path + "/owner", "{\"owner\":\"pi-owner\",\"pod\":\"sales-emea\"}");
		assertThat(handover.status()).as(handover.body()).isEqualTo(200);

		Api.Response refused = as("pi-other").send("PUT", path + "/targets", "{\"CYCLE_TIME_P50\": 3600000}");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).contains("pi-owner");
		Api.Response set = as("pi-owner").send("PUT", path + "/targets",
				"{\"CYCLE_TIME_P50\": 7200000, \"SLA_CYCLE_TIME\": 10800000}");
		assertThat(set.status()).as(set.body()).isEqualTo(200);
		Api.Response baseline = as("pi-owner").post(path + "/baseline?" + window(), "");
		assertThat(baseline.status()).as(baseline.body()).isEqualTo(200);

		JsonNode kpis = as("pi-designer").get(path + "?" + window()).json().get("kpis");
		JsonNode p50 = null;
		JsonNode sla = null;
		for (JsonNode k : kpis) {
			p50 = k.get("kpi").asText().equals("CYCLE_TIME_P50") ? k : p50;
			sla = k.get("kpi").asText().equals("SLA_ATTAINMENT") ? k : sla;
		}
		assertThat(p50.get("current").asDouble()).isEqualTo(200.0 * MINUTE);
		assertThat(p50.get("baseline").asDouble()).isEqualTo(200.0 * MINUTE);
		assertThat(p50.get("target").asDouble()).isEqualTo(120.0 * MINUTE);
		assertThat(p50.get("gapToTarget").asDouble()).isEqualTo(80.0 * MINUTE);
		assertThat(sla.get("current").asDouble()).as("200 min within a 180 min SLA").isEqualTo(0.0);

		JsonNode changes = as("pi-designer").get(path + "/changes").json();
		assertThat(changes.toString()).contains("owner olivia → pi-owner").contains("CYCLE_TIME_P50")
			.contains("baseline measured");
		assertThat(changes.get(1).get("changedBy").asText()).isEqualTo("pi-owner");
	}

	@Test
	void theOwnerAcceptsTheTopImprovementAndSeesItsKpisBeforeAndAfterTheNewVersion() {
		for (int i = 0; i < 21; i++) {
			runOne(i * 30);
		}
		String path = "/smartops/api/insights/processes/" + key;
		JsonNode segments = as("pi-designer").get(path + "/segmentation?" + window()).json();
		JsonNode review = null;
		for (JsonNode t : segments) {
			review = t.get("activityId").asText().equals("Task_Review") ? t : review;
		}
		assertThat(review.get("recommendation").asText()).as(review.toString()).isEqualTo("AGENT");
		assertThat(review.get("capability").asText()).isEqualTo("lead-scoring");
		assertThat(review.get("candidateAgents").size()).isPositive();

		JsonNode plan = as("pi-designer").get(path + "/improvements?" + window()).json();
		JsonNode top = plan.get("candidates").get(0);
		assertThat(top.get("id").asText()).isEqualTo("AGENT_TAKES_HUMAN_TASK:Task_Review");
		// 21 reviews in 7 days, 1,095 a year, each two hours at 50
		assertThat(top.get("annualVolume").asDouble()).isEqualTo(1095.0);
		assertThat(top.get("annualBenefit").asDouble()).isGreaterThan(1095 * 99.0).isLessThanOrEqualTo(1095 * 100.0);

		String accept = path + "/improvements/" + top.get("id").asText() + "/acceptance?" + window();
		assertThat(as("pi-other").post(accept, "").status()).isEqualTo(403);
		Api.Response accepted = as("demo").post(accept, "");
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
		assertThat(accepted.json().get("before").get("CYCLE_TIME_P50").asDouble()).isEqualTo(200.0 * MINUTE);
		assertThat(as("demo").post(accept, "").status()).isEqualTo(409);
		assertThat(as("demo").post(path + "/improvements/NO_SUCH:Task/acceptance?" + window(), "").status())
			.isEqualTo(404);

		// the changed process: the review is gone, an agent scores straight away
		deploy(Bpmn.createExecutableProcess(key).name("Insight test").startEvent("Start")
			.userTask("Task_Review").name("Review request").camundaCandidateGroups("sales-emea")
			.endEvent("End").done());
		ClockUtil.setCurrentTime(Date.from(T0.plusSeconds(86_400)));
		ProcessInstance pi = runtime.startProcessInstanceByKey(key);
		ClockUtil.setCurrentTime(Date.from(T0.plusSeconds(86_400 + 1800)));
		tasks.complete(tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId());
		JsonNode tracked = as("pi-designer").get(path + "/improvements?" + window()).json().get("accepted").get(0);
		assertThat(tracked.get("acceptedVersion").asInt()).isEqualTo(1);
		assertThat(tracked.get("afterVersion").asInt()).isEqualTo(2);
		assertThat(tracked.get("after").get("CYCLE_TIME_P50").asDouble()).isEqualTo(30.0 * MINUTE);
	}

	@Test
	void badRequestsNameTheirFieldAndChangeNothing() {
		String path = "/smartops/api/insights/processes/" + key;
		Api designer = as("pi-designer");
		assertThat(designer.get("/smartops/api/insights/processes/no-such-process").status()).isEqualTo(404);
		Api.Response badFrom = designer.get(path + "?from=last-week");
		assertThat(badFrom.status()).isEqualTo(400);
		assertThat(badFrom.json().get("fields").has("from")).isTrue();
		Api.Response reversed = designer.get(path + "?from=2026-03-09&to=2026-03-02");
		assertThat(reversed.status()).isEqualTo(400);
		assertThat(reversed.json().get("fields").has("from")).isTrue();
		assertThat(designer.get(path + "?version=first").json().get("fields").has("version")).isTrue();
		assertThat(designer.get(path + "?version=99").status()).isEqualTo(404);

		Api admin = as("demo");
		Api.Response negative = admin.send("PUT", path + "/targets",
				"{\"CYCLE_TIME_P90\": 3600000, \"COST_PER_INSTANCE\": -1}");
		assertThat(negative.status()).isEqualTo(400);
		assertThat(negative.json().get("fields").has("COST_PER_INSTANCE")).isTrue();
		Api.Response notANumber = admin.send("PUT", path + "/targets", "{\"FIRST_PASS_YIELD\": \"NaN\"}");
		assertThat(notANumber.json().get("fields").get("FIRST_PASS_YIELD").asText()).contains("number");
		assertThat(admin.send("PUT", path + "/targets", "{\"FIRST_PASS_YIELD\": 1.5}").json().get("fields")
			.get("FIRST_PASS_YIELD").asText()).contains("at most 1");
		assertThat(admin.send("PUT", path + "/targets", "{\"SPEED\": 1}").json().get("fields").has("SPEED")).isTrue();
		for (String kpi : List.of("CYCLE_TIME_P50", "THROUGHPUT_PER_DAY", "COST_PER_INSTANCE", "SLA_CYCLE_TIME")) {
			Api.Response huge = admin.send("PUT", path + "/targets", "{\"" + kpi + "\": 1e308}");
			assertThat(huge.status()).as(kpi).isEqualTo(400);
			assertThat(huge.json().get("fields").get(kpi).asText()).contains("is at most");
		}
		assertThat(admin.get(path + "/targets").json().size()).as("nothing half-written").isZero();
		Api.Response noUser = admin.send("PUT", path + "/owner", "{\"owner\":\"nobody-here\",\"pod\":\"sales-emea\"}");
		assertThat(noUser.status()).isEqualTo(400);
		assertThat(noUser.json().get("fields").has("owner")).isTrue();
		assertThat(admin.get(path + "/owner").json().get("owner").asText()).isEqualTo("olivia");
	}

	static JsonNode activity(JsonNode insight, String id) {
		for (JsonNode a : insight.get("activities")) {
			if (a.get("activityId").asText().equals(id)) {
				return a;
			}
		}
		throw new AssertionError("no activity " + id + " in " + insight);
	}
}
