package io.smartops.insight.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;


import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smartops.SmartOpsTest;
import io.smartops.core.security.Roles;
import io.smartops.support.Api;
import io.smartops.support.RoleUsers;
import io.smartops.support.XesLogs;

/**
 * Process mining over REST on instances run through the real engine on a controlled clock: three
 * run as modelled (A → B → C), three are made to deviate with Camunda's process-instance
 * modification, as an administrator would in Cockpit — A skipped, B done again, A and B swapped. The
 * conformance check finds exactly those deviations, with the fitness worked out by hand; the XES
 * export validates against the IEEE 1849 schema and reads back with the same cases and events;
 * OCEL 2.0 and CSV round-trip their counts; people are pseudonymised; bad requests name their
 * parameter; only designers, operators and planners export.
 */
@SmartOpsTest
class ProcessMiningTests {

	static final String PASSWORD = "mining-secret";
	static final Map<String, String> USERS = Map.of("pm-designer", Roles.DESIGNERS, "pm-operator", Roles.OPERATORS,
			"pm-taker", Roles.ACTION_TAKERS, "pm-worker", "sales-emea");
	/** The process's key; application-test.yaml names its business object ({@code email}: a customer e-mail). */
	static final String KEY = "mining-check";
	/** Each test runs its instances in a week of its own. */
	static final AtomicInteger WEEK = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	RepositoryService repository;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	IdentityService identity;

	@Autowired
	JdbcTemplate jdbc;

	String key = KEY;
	Instant t0;
	String window;
	int version;
	final List<String> conforming = new ArrayList<>();
	String skipped;
	String repeated;
	String swapped;
	long minute;

	@BeforeEach
	void run() {
		RoleUsers.ensure(identity, USERS, PASSWORD);
		t0 = Instant.parse("2026-04-06T08:00:00Z").plus(Duration.ofDays(7L * WEEK.getAndIncrement()));
		LocalDate day = LocalDate.ofInstant(t0, ZoneOffset.UTC);
		window = "from=" + day + "&to=" + day.plusDays(7);
		repository.createDeployment()
			.addModelInstance(key + ".bpmn", Bpmn.createExecutableProcess(key).name("Mining test").camundaHistoryTimeToLive(30)
				.startEvent("Start").userTask("Task_A").name("Check request").camundaCandidateGroups("sales-emea")
				.userTask("Task_B").name("Decide, offer").camundaCandidateGroups("sales-emea")
				.userTask("Task_C").name("Send answer").camundaCandidateGroups("sales-emea")
				.endEvent("End").name("Answered").done())
			.deploy();
		version = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult()
			.getVersion();
		for (int i = 0; i < 3; i++) {
			String id = start(i);
			work(id, "Task_A");
			work(id, "Task_B");
			work(id, "Task_C");
			conforming.add(id);
		}
		// A skipped: an administrator moves the token from A to B
		skipped = start(3);
		move(skipped, "Task_A", "Task_B");
		work(skipped, "Task_B");
		work(skipped, "Task_C");
		// B done again: from C back to B
		repeated = start(4);
		work(repeated, "Task_A");
		work(repeated, "Task_B");
		move(repeated, "Task_C", "Task_B");
		work(repeated, "Task_B");
		work(repeated, "Task_C");
		// A and B swapped: B first, then back to A, then on to C
		swapped = start(5);
		move(swapped, "Task_A", "Task_B");
		work(swapped, "Task_B");
		move(swapped, "Task_C", "Task_A");
		work(swapped, "Task_A");
		move(swapped, "Task_B", "Task_C");
		work(swapped, "Task_C");
	}

	@AfterEach
	void clock() {
		ClockUtil.reset();
	}

	String start(int n) {
		minute = n * 600L;
		tick(0);
		ProcessInstance pi = runtime.startProcessInstanceByKey(key, key + "-" + n,
				Map.of("email", "customer" + n + "@example.com"));
		return pi.getId();
	}

	/** The worker claims the task after 10 minutes and completes it 20 minutes later. */
	void work(String instance, String activity) {
		Task task = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(activity).singleResult();
		tick(10);
		tasks.claim(task.getId(), "pm-worker");
		tick(20);
		tasks.complete(task.getId());
	}

	/** Process-instance modification as an administrator does it in Cockpit: the token taken off one task and put before another. */
	void move(String instance, String from, String to) {
		tick(5);
		identity.setAuthentication("demo", List.of(Roles.ADMINS));
		try {
			runtime.createProcessInstanceModification(instance).cancelAllForActivity(from).startBeforeActivity(to).execute();
		}
		finally {
			identity.clearAuthentication();
		}
	}

	void tick(long minutes) {
		minute += minutes;
		ClockUtil.setCurrentTime(Date.from(t0.plusSeconds(minute * 60)));
	}

	Api as(String user) {
		return new Api(port, user, PASSWORD);
	}

	String path() {
		return "/smartops/api/insights/processes/" + key;
	}

	@Test
	void conformanceFindsExactlyTheDeviationsPlantedByInstanceModification() {
		Api.Response r = as("pm-designer").get(path() + "/conformance?" + window);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		JsonNode report = r.json();
		// worked out by hand: deviations 0, 0, 0, 1 (A skipped), 1 (B inserted), 2 (A or B out of order);
		// worst costs 6, 6, 6, 5, 7, 6 (events + the model's shortest run of 3)
		assertThat(report.get("fitness").asDouble()).isCloseTo(1 - 4.0 / 36, within(1e-9));
		assertThat(report.get("instances").asLong()).isEqualTo(6);
		assertThat(report.get("fitting").asLong()).isEqualTo(3);
		assertThat(report.get("changedByHand").asLong()).isEqualTo(3);
		assertThat(report.get("algorithm").asText()).contains("alignments");

		Map<String, JsonNode> deviations = new HashMap<>();
		report.get("deviations").forEach(d -> deviations.put(d.get("activityId").asText(), d));
		long outOfOrder = 0;
		Set<String> instancesOutOfOrder = new HashSet<>();
		for (JsonNode d : deviations.values()) {
			outOfOrder += d.get("outOfOrder").asLong();
			d.get("examples").forEach(e -> {
				if (e.get("deviation").asText().equals("out of order")) {
					instancesOutOfOrder.add(e.get("instanceId").asText());
				}
				assertThat(e.get("changedByHand").asBoolean()).isTrue();
				assertThat(e.get("cockpit").asText()).endsWith("/process-instance/" + e.get("instanceId").asText());
			});
		}
		assertThat(outOfOrder).isEqualTo(1);
		assertThat(instancesOutOfOrder).containsExactly(swapped);
		assertThat(deviations.get("Task_A").get("skipped").asLong()).isEqualTo(1);
		assertThat(deviations.get("Task_A").get("examples").get(0).get("instanceId").asText()).isEqualTo(skipped);
		assertThat(deviations.get("Task_B").get("inserted").asLong()).isEqualTo(1);
		assertThat(deviations.get("Task_B").get("examples").get(0).get("instanceId").asText()).isEqualTo(repeated);
		assertThat(deviations.values().stream().mapToLong(d -> d.get("skipped").asLong()).sum()).isEqualTo(1);
		assertThat(deviations.values().stream().mapToLong(d -> d.get("inserted").asLong()).sum()).isEqualTo(1);
		assertThat(deviations).doesNotContainKey("Task_C");

		List<String> least = new ArrayList<>();
		report.get("leastFitting").forEach(i -> least.add(i.get("instanceId").asText()));
		assertThat(least).containsExactly(swapped, skipped, repeated);
		assertThat(report.get("leastFitting").get(0).get("fitness").asDouble()).isCloseTo(1 - 2.0 / 6, within(1e-9));
		assertThat(report.get("distribution").get("1").asLong()).isEqualTo(3);

		JsonNode heat = report.get("heatmap");
		// B ran 3 + 1 + 2 + 1 times; the token left the start on every instance
		assertThat(heat.get("activities").get("Task_B").get("frequency").asLong()).isEqualTo(7);
		assertThat(heat.get("activities").get("Task_B").get("meanMillis").asLong()).isEqualTo(30 * 60_000);
		String intoA = repository.getBpmnModelInstance(definitionId()).<org.camunda.bpm.model.bpmn.instance.FlowNode>getModelElementById("Task_A")
			.getIncoming().iterator().next().getId();
		assertThat(heat.get("flows").get(intoA).get("frequency").asLong()).as(heat.toString()).isEqualTo(6);
		long overTime = 0;
		for (JsonNode day : report.get("overTime")) {
			overTime += day.get("instances").asLong();
		}
		assertThat(overTime).isEqualTo(6);

		// the plan shows a frequent deviation as a finding
		Api.Response plan = as("pm-designer").get(path() + "/improvements?" + window);
		assertThat(plan.status()).as(plan.body()).isEqualTo(200);
		List<String> findings = new ArrayList<>();
		plan.json().get("findings").forEach(f -> findings.add(f.get("text").asText()));
		assertThat(findings).anySatisfy(f -> assertThat(f).contains("'Check request'", "skipped once", "changed by hand"));
	}

	@Test
	void anInstanceMigratedToANewVersionIsShownAsChangedByHand() {
		String older = definitionId();
		String instance = start(6);
		work(instance, "Task_A");
		repository.createDeployment()
			.addModelInstance(key + ".bpmn", repository.getBpmnModelInstance(older))
			.enableDuplicateFiltering(false)
			.deploy();
		String newer = definitionId();
		identity.setAuthentication("demo", List.of(Roles.ADMINS));
		try {
			runtime.newMigration(runtime.createMigrationPlan(older, newer).mapEqualActivities().build())
				.processInstanceIds(instance)
				.execute();
		}
		finally {
			identity.clearAuthentication();
		}
		work(instance, "Task_B");
		work(instance, "Task_C");
		int newVersion = repository.getProcessDefinition(newer).getVersion();
		JsonNode report = as("pm-designer").get(path() + "/conformance?version=" + newVersion + "&" + window).json();
		assertThat(report.get("instances").asLong()).isEqualTo(1);
		assertThat(report.get("changedByHand").asLong()).isEqualTo(1);
		assertThat(report.get("fitness").asDouble()).isEqualTo(1.0);
	}

	@Test
	void anInstanceDeletedBeforeItsEndIsChangedByHandAndItsMissingTasksAreSkipped() {
		String deleted = start(6);
		work(deleted, "Task_A");
		identity.setAuthentication("demo", List.of(Roles.ADMINS));
		try {
			runtime.deleteProcessInstance(deleted, "withdrawn by the customer");
		}
		finally {
			identity.clearAuthentication();
		}
		JsonNode report = as("pm-designer").get(path() + "/conformance?" + window).json();
		assertThat(report.get("instances").asLong()).isEqualTo(7);
		assertThat(report.get("changedByHand").asLong()).isEqualTo(4);
		JsonNode least = report.get("leastFitting").get(0);
		// A ran; B and C were skipped: 1 − 2 ÷ (1 + 3)
		assertThat(least.get("instanceId").asText()).isEqualTo(deleted);
		assertThat(least.get("fitness").asDouble()).isCloseTo(0.5, within(1e-9));
		assertThat(least.get("changedByHand").asBoolean()).isTrue();
	}

	@Test
	void theXesExportValidatesAgainstTheIeeeSchemaAndReadsBackWithTheSameCasesAndEvents() throws Exception {
		Api.Response r = as("pm-operator").get(path() + "/event-log?format=xes&" + window);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		XesLogs xes = XesLogs.read(r.body());
		Map<String, Integer> eventsPerCase = xes.eventsPerCase();
		Set<String> resources = xes.resources();
		// every execution has a start and an end event; cancelled ones end in ate_abort
		Map<String, Integer> expected = new HashMap<>();
		for (var e : executions()) {
			expected.merge(e.get("process_instance_id").toString(), e.get("duration_millis") == null ? 1 : 2, Integer::sum);
		}
		assertThat(eventsPerCase).isEqualTo(expected);
		assertThat(eventsPerCase.keySet()).containsAll(conforming).contains(skipped, repeated, swapped);
		assertThat(r.body()).contains("ate_abort", "lifecycle:transition", "cost:total", "org:group");
		// people pseudonymised: the worker's user id never appears, one pseudonym stands for them throughout
		assertThat(r.body()).doesNotContain("pm-worker");
		assertThat(resources).hasSize(1);
		assertThat(resources.iterator().next()).startsWith("person-");
		assertThat(r.body()).doesNotContain("customer0@example.com");
		// and a second export draws a new key
		Api.Response again = as("pm-operator").get(path() + "/event-log?format=csv&" + window);
		assertThat(again.body()).doesNotContain(resources.iterator().next());
	}

	@Test
	void ocelAndCsvExportsRoundTripTheirCounts() throws Exception {
		List<Map<String, Object>> executions = executions();
		long events = executions.stream().mapToLong(e -> e.get("duration_millis") == null ? 1 : 2).sum();

		Api.Response csv = as("pm-designer").get(path() + "/event-log?format=csv&" + window);
		assertThat(csv.status()).isEqualTo(200);
		String[] rows = csv.body().split("\r\n");
		assertThat(rows[0]).startsWith("case_id,activity,start,end,resource,executor_kind,cost");
		assertThat(rows).hasSize(executions.size() + 1);
		assertThat(csv.body()).contains(",\"Decide, offer\",").doesNotContain("pm-worker");

		Api.Response ocel = as("pm-designer").get(path() + "/event-log?format=ocel&" + window);
		assertThat(ocel.status()).isEqualTo(200);
		JsonNode log = new ObjectMapper().readTree(ocel.body());
		assertThat(log.get("events").size()).isEqualTo(events);
		Set<String> objects = new HashSet<>();
		Map<String, Integer> types = new HashMap<>();
		log.get("objects").forEach(o -> {
			objects.add(o.get("id").asText());
			types.merge(o.get("type").asText(), 1, Integer::sum);
		});
		assertThat(types).containsEntry("process instance", 6).containsEntry("person", 1).containsEntry("group", 1)
			.containsEntry("customer e-mail", 6);
		// every relationship points at an object of the log
		log.get("events").forEach(e -> e.get("relationships")
			.forEach(rel -> assertThat(objects).contains(rel.get("objectId").asText())));
		log.get("objects").forEach(o -> o.get("relationships")
			.forEach(rel -> assertThat(objects).contains(rel.get("objectId").asText())));
		List<String> eventTypes = new ArrayList<>();
		log.get("eventTypes").forEach(t -> eventTypes.add(t.get("name").asText()));
		assertThat(eventTypes).containsExactlyInAnyOrder("Check request", "Decide, offer", "Send answer");
		assertThat(ocel.body()).doesNotContain("@example.com");
	}

	@Test
	void theVariantsGroupTheInstancesByTheirTasksAndFilter() {
		Api.Response r = as("pm-designer").get(path() + "/variants?" + window);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		JsonNode report = r.json();
		assertThat(report.get("instances").asLong()).isEqualTo(6);
		assertThat(report.get("variants").asInt()).isEqualTo(4);
		JsonNode top = report.get("top").get(0);
		assertThat(top.get("activityIds").toString()).isEqualTo("[\"Task_A\",\"Task_B\",\"Task_C\"]");
		assertThat(top.get("instances").asLong()).isEqualTo(3);
		assertThat(top.get("share").asDouble()).isCloseTo(0.5, within(1e-9));
		assertThat(top.get("outcomes").get("End").asLong()).isEqualTo(3);
		assertThat(top.get("cycleTimeP50Millis").asLong()).isEqualTo(90 * 60_000);
		assertThat(report.get("outcomes").toString()).isEqualTo("[\"End\"]");
		assertThat(as("pm-designer").get(path() + "/variants?outcome=Answered&" + window).json().get("instances").asLong())
			.isEqualTo(6);
		assertThat(as("pm-designer").get(path() + "/variants?executorKind=agent&" + window).json().get("instances").asLong())
			.isZero();
		assertThat(as("pm-designer").get(path() + "/variants?version=" + version + "&limit=1&" + window).json().get("top").size())
			.isEqualTo(1);
	}

	@Test
	void badRequestsNameTheirParameterAndOnlyAnalystsExport() {
		Api designer = as("pm-designer");
		assertBad(designer.get(path() + "/event-log?format=pdf&" + window), "format");
		assertBad(designer.get(path() + "/event-log?from=2026-04-13&to=2026-04-06"), "from");
		assertBad(designer.get(path() + "/event-log?version=99&" + window), "version");
		assertBad(designer.get(path() + "/event-log?version=first&" + window), "version");
		assertBad(designer.get(path() + "/conformance?version=99&" + window), "version");
		assertBad(designer.get(path() + "/variants?executorKind=robot&" + window), "executorKind");
		assertBad(designer.get(path() + "/variants?limit=0&" + window), "limit");
		assertThat(designer.get("/smartops/api/insights/processes/no-such-process/event-log").status()).isEqualTo(404);
		assertThat(as("pm-taker").get(path() + "/event-log?" + window).status()).isEqualTo(403);
		assertThat(as("pm-worker").get(path() + "/conformance?" + window).status()).isEqualTo(403);
		assertThat(new Api(port, null, null).get(path() + "/event-log?" + window).status()).isEqualTo(401);
		Api.Response ok = designer.get(path() + "/event-log?" + window);
		assertThat(ok.status()).isEqualTo(200);
	}

	void assertBad(Api.Response r, String field) {
		assertThat(r.status()).as(r.body()).isEqualTo(400);
		assertThat(r.json().get("fields").has(field)).as(r.body()).isTrue();
	}

	String definitionId() {
		return repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult().getId();
	}

	List<Map<String, Object>> executions() {
		return jdbc.queryForList("select process_instance_id, duration_millis from smartops_task_execution"
				+ " where process_definition_key = ? and started_at >= ? and started_at < ?", key,
				java.sql.Timestamp.from(t0), java.sql.Timestamp.from(t0.plus(Duration.ofDays(7))));
	}
}
