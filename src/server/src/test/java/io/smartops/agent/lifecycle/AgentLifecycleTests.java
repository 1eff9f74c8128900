package io.smartops.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smartops.support.FormWording;
import io.smartops.SmartOpsTest;
import io.smartops.agent.Agent;
import io.smartops.agent.AgentCall;
import io.smartops.agent.AgentCallReport;
import io.smartops.agent.AgentChange;
import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentOutput;
import io.smartops.agent.AgentQuality;
import io.smartops.agent.AgentRouter;
import io.smartops.agent.AgentStatus;
import io.smartops.agent.AgentTelemetry;
import io.smartops.agent.ShadowRunProcess;
import io.smartops.agent.ShadowRuns;
import io.smartops.agent.worker.AgentWorkers;
import io.smartops.agent.worker.RetryPolicy;
import io.smartops.core.security.Roles;
import io.smartops.support.Api;

/**
 * The agent lifecycle through the real engine, workers and REST API: shadow runs, the canary's
 * split and guardrails, the gate's decisions on constructed evidence, and the promotion process
 * with the owner's approval.
 */
@SmartOpsTest
class AgentLifecycleTests {

	static final String OWNER = "olivia";

	@LocalServerPort
	int port;

	@Autowired
	RepositoryService repository;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	HistoryService history;

	@Autowired
	TaskService tasks;

	@Autowired
	IdentityService identity;

	@Autowired
	AgentLibrary library;

	@Autowired
	AgentTelemetry telemetry;

	@Autowired
	AgentQuality quality;

	@Autowired
	AgentEvidence evidence;

	@Autowired
	AgentPromotions promotions;

	@Autowired
	ShadowRuns shadowRuns;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ObjectMapper json;

	/** A capability of its own, and a deployed process whose one agent task routes by it. */
	record Routed(String capability, String processKey) {
	}

	Routed routed() {
		// a letter first: a name of digits alone would read as a number on the approval form
		String capability = "life-a" + UUID.randomUUID().toString().substring(0, 7);
		String key = "routed-" + capability;
		BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
			.startEvent("Start")
			.serviceTask("Task_Agent").name("Agent task").camundaAsyncBefore()
			.camundaExternalTask("${agentRouter.route(execution, '" + capability + "')}")
			.camundaInputParameter("qualityFloor", "0.5")
			.endEvent("End")
			.done();
		repository.createDeployment().addModelInstance(key + ".bpmn", model).deploy();
		return new Routed(capability, key);
	}

	Agent register(String capability, String name, double cost) {
		return library.registerForeign(new AgentLibrary.Registration(capability, name, "1", cost, 20L, 0.8));
	}

	/** Starts an instance and routes its agent task (the asynchronous continuation's job). */
	ProcessInstance start(Routed r) {
		ProcessInstance pi = runtime.startProcessInstanceByKey(r.processKey(),
				Map.of("companyName", "Acme " + UUID.randomUUID(), "secret", "salary data"));
		management.executeJob(management.createJobQuery().processInstanceId(pi.getId()).singleResult().getId());
		return pi;
	}

	/** A handler answering with the given outputs from the company name. */
	static final class Answering implements AgentHandler {

		final String id;
		final Function<Map<String, Object>, Map<String, Object>> answer;
		final List<Map<String, Object>> seen = new CopyOnWriteArrayList<>();

		Answering(String id, Function<Map<String, Object>, Map<String, Object>> answer) {
			this.id = id;
			this.answer = answer;
		}

		@Override
		public String agentId() {
			return id;
		}

		@Override
		public List<String> inputs() {
			return List.of("companyName");
		}

		@Override
		public AgentOutput handle(Map<String, Object> inputs) {
			seen.add(inputs);
			return AgentOutput.of(answer.apply(inputs));
		}
	}

	AgentWorkers workers(AgentHandler... handlers) {
		return new AgentWorkers(new AgentWorkers.Settings("http://localhost:" + port + "/engine-rest", "demo", "demo",
				"lifecycle-" + UUID.randomUUID(), 10_000, 500, new RetryPolicy(3, 100)), List.of(handlers),
				id -> library.find(id).orElseThrow().getTopic(), meters, telemetry);
	}

	boolean ended(String processInstanceId) {
		return history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).finished().count() == 1;
	}

	ProcessInstance shadowRunOf(ProcessInstance pi) throws InterruptedException {
		shadowRuns.awaitQueued(10_000);
		return runtime.createProcessInstanceQuery().processDefinitionKey(ShadowRunProcess.KEY)
			.processInstanceBusinessKey(pi.getId()).singleResult();
	}

	@Test
	void aShadowWorksOnACopyOfTheInputsAndItsOutputsReachNoVariableAndCauseNoAction() throws Exception {
		Routed r = routed();
		Agent incumbent = register(r.capability(), "Incumbent " + r.capability(), 0.001);
		Agent shadow = register(r.capability(), "Shadow " + r.capability(), 0.002);
		assertThat(shadow.getStatus()).isEqualTo(AgentStatus.SHADOW);
		long actionsBefore = jdbc.queryForObject("select count(*) from smartops_action_item", Long.class);
		long mailsBefore = jdbc.queryForObject("select count(*) from smartops_outbox_mail", Long.class);
		long orchestrationsBefore = history.createHistoricProcessInstanceQuery().processDefinitionKey("orchestrate-action")
			.count();

		ProcessInstance pi = start(r);
		ProcessInstance shadowRun = shadowRunOf(pi);
		assertThat(shadowRun).as("the shadow's run of the task instance").isNotNull();
		Map<String, Object> copy = runtime.getVariables(shadowRun.getId());
		// foreign agents declare no inputs: the shadow sees what its incumbent's worker would
		assertThat(copy).containsEntry("companyName", runtime.getVariable(pi.getId(), "companyName"));

		Answering inc = new Answering(incumbent.getId(), in -> Map.of("score", 0.4));
		Answering sha = new Answering(shadow.getId(), in -> Map.of("score", 0.9, "shadowNote", "the shadow was here"));
		try (AgentWorkers w = workers(inc, sha)) {
			await().atMost(Duration.ofSeconds(20)).until(() -> ended(pi.getId()) && ended(shadowRun.getId())
					&& telemetry.callsOfAgent(shadow.getId()).size() == 1 && telemetry.callsOfAgent(incumbent.getId()).size() == 1);
		}
		Map<String, Object> variables = new HashMap<>();
		for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).list()) {
			variables.put(v.getName(), v.getValue());
		}
		assertThat(variables).containsEntry("score", 0.4).doesNotContainKey("shadowNote");
		assertThat(sha.seen).singleElement().satisfies(in -> assertThat(in.get("companyName")).isEqualTo(copy.get("companyName")));

		AgentCall shadowCall = telemetry.callsOfAgent(shadow.getId()).get(0);
		assertThat(shadowCall.isShadow()).isTrue();
		assertThat(shadowCall.getProcessInstanceId()).isEqualTo(pi.getId());
		assertThat(shadowCall.getActivityId()).isEqualTo("Task_Agent");
		assertThat(shadowCall.getOutputs()).contains("shadowNote");
		assertThat(telemetry.costOfProcessInstance(pi.getId())).as("the shadow's cost is not the instance's")
			.isEqualTo(telemetry.callsOfAgent(incumbent.getId()).get(0).getCost());
		assertThat(jdbc.queryForObject("select count(*) from smartops_action_item", Long.class)).isEqualTo(actionsBefore);
		assertThat(jdbc.queryForObject("select count(*) from smartops_outbox_mail", Long.class)).isEqualTo(mailsBefore);
		assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("orchestrate-action").count())
			.isEqualTo(orchestrationsBefore);

		Evidence e = evidence.of(shadow.getId());
		assertThat(e.compared()).isEqualTo(1);
		assertThat(e.agreementRate()).isEqualTo(0.0);
		assertThat(e.decision()).isEqualTo(Evidence.Decision.INSUFFICIENT);
	}

	@Test
	void aForeignAgentInShadowFetchesItsOwnTopicAsItsServiceUserAndItsReportCountsAsAShadowCall() throws Exception {
		Routed r = routed();
		String user = "shadow-worker-" + r.capability();
		User u = identity.newUser(user);
		u.setPassword("shadow-pass");
		identity.saveUser(u);
		identity.createMembership(user, Roles.WORKERS);
		Agent incumbent = register(r.capability(), "Incumbent " + r.capability(), 0.001);
		Agent foreign = library.registerForeign(new AgentLibrary.Registration(r.capability(), "Foreign " + r.capability(),
				"1", 0.002, 20L, 0.8, null, null, user));
		assertThat(foreign.getStatus()).isEqualTo(AgentStatus.SHADOW);

		ProcessInstance pi = start(r);
		ProcessInstance shadowRun = shadowRunOf(pi);
		Api api = new Api(port, user, "shadow-pass");
		ExternalTaskClient client = ExternalTaskClient.create().baseUrl("http://localhost:" + port + "/engine-rest")
			.workerId("foreign-shadow").addInterceptor(new BasicAuthProvider(user, "shadow-pass"))
			.asyncResponseTimeout(500).build();
		try {
			client.subscribe(foreign.getTopic()).handler((task, service) -> {
				Instant started = Instant.now();
				service.complete(task, Map.of("score", 0.45));
				String report = """
						{"agentId":"%s","externalTaskId":"%s","processInstanceId":"%s","activityId":"%s","workerId":"foreign-shadow",
						 "startedAt":"%s","latencyMillis":12,"outcome":"COMPLETED","outputs":{"score":0.45}}"""
					.formatted(foreign.getId(), task.getId(), task.getProcessInstanceId(), task.getActivityId(), started);
				api.post("/smartops/api/agent-calls", report);
			}).open();
			await().atMost(Duration.ofSeconds(20)).until(() -> telemetry.callsOfAgent(foreign.getId()).size() == 1);
		}
		finally {
			client.stop();
		}
		assertThat(ended(shadowRun.getId())).isTrue();
		AgentCall call = telemetry.callsOfAgent(foreign.getId()).get(0);
		assertThat(call.isShadow()).isTrue();
		assertThat(call.getProcessInstanceId()).isEqualTo(pi.getId());
		assertThat(call.getValidity()).isEqualTo(AgentCall.Validity.VALID);
		assertThat(runtime.getVariable(pi.getId(), "score")).as("the business instance still waits for its incumbent").isNull();
	}

	@Test
	void theCanarySplitStaysWithinToleranceAndEachInstanceKeepsItsArm() {
		Routed r = routed();
		Agent incumbent = register(r.capability(), "Incumbent " + r.capability(), 0.001);
		Agent canary = register(r.capability(), "Canary " + r.capability(), 0.002);
		library.changeThroughGate(canary.getId(), AgentStatus.CANARY, 0.3, "test: canary at 30%");
		int n = 300;
		int inCanary = 0;
		ProcessInstance first = null;
		for (int i = 0; i < n; i++) {
			ProcessInstance pi = start(r);
			first = first == null ? pi : first;
			String arm = (String) history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
				.variableName(AgentRouter.VAR_AGENT_ARM).singleResult().getValue();
			String agent = (String) runtime.createVariableInstanceQuery().processInstanceIdIn(pi.getId())
				.variableName(AgentRouter.VAR_AGENT_ID).singleResult().getValue();
			boolean drawn = AgentRouter.draw(pi.getId(), r.capability()) < 0.3;
			assertThat(arm).isEqualTo(drawn ? AgentRouter.ARM_CANARY : AgentRouter.ARM_INCUMBENT);
			assertThat(agent).isEqualTo(drawn ? canary.getId() : incumbent.getId());
			inCanary += drawn ? 1 : 0;
		}
		// binomial(300, 0.3): mean 90, sd 7.9; four sd either side
		assertThat(inCanary).isBetween(58, 122);
		// routed again (the task restarted), the first instance stays in its arm
		String before = (String) runtime.createVariableInstanceQuery().processInstanceIdIn(first.getId())
			.variableName(AgentRouter.VAR_AGENT_ID).singleResult().getValue();
		runtime.createProcessInstanceModification(first.getId()).cancelAllForActivity("Task_Agent")
			.startBeforeActivity("Task_Agent").execute();
		management.executeJob(management.createJobQuery().processInstanceId(first.getId()).singleResult().getId());
		assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(first.getId())
			.variableName(AgentRouter.VAR_AGENT_ID).singleResult().getValue()).isEqualTo(before);
		runtime.createProcessInstanceQuery().processDefinitionKey(r.processKey()).list()
			.forEach(pi -> runtime.deleteProcessInstance(pi.getId(), "test over"));
	}

	@Test
	void theDrawIsUniformAndTheSameForTheSameInstance() {
		int n = 20_000;
		int below = 0;
		for (int i = 0; i < n; i++) {
			String id = UUID.randomUUID().toString();
			double d = AgentRouter.draw(id, "cap");
			assertThat(d).isEqualTo(AgentRouter.draw(id, "cap")).isBetween(0.0, 1.0);
			below += d < 0.2 ? 1 : 0;
		}
		// binomial(20000, 0.2): sd 57; within 1% of the share
		assertThat(below / (double) n).isBetween(0.19, 0.21);
	}

	@Test
	void aCanaryThatBreaksAGuardrailIsRolledBackToShadowAndTheOwnerIsTold() {
		Routed r = routed();
		register(r.capability(), "Incumbent " + r.capability(), 0.001);
		Agent canary = register(r.capability(), "Flaky canary " + r.capability(), 0.002);
		library.changeThroughGate(canary.getId(), AgentStatus.CANARY, 0.5, "test");
		for (int i = 0; i < 10; i++) {
			AgentCall.Outcome outcome = i % 2 == 0 ? AgentCall.Outcome.FAILURE : AgentCall.Outcome.COMPLETED;
			telemetry.record(new AgentCallReport(canary.getId(), null, "pi-" + i, "Task_Agent", "test", Instant.now(), 5,
					outcome, null, null, 0, 0, 0, null, null, null, outcome == AgentCall.Outcome.FAILURE ? "boom" : null,
					null));
			assertThat(library.find(canary.getId()).orElseThrow().getStatus())
				.isEqualTo(i < 9 ? AgentStatus.CANARY : AgentStatus.SHADOW);
		}
		assertThat(library.history(canary.getId())).extracting(AgentChange::getChange).contains("status CANARY -> SHADOW");
		await().atMost(Duration.ofSeconds(10)).until(() -> runtime.createProcessInstanceQuery()
			.processDefinitionKey("process-owner-escalation").variableValueEquals("escalatedProcessKey", r.processKey())
			.count() == 1);
		String summary = (String) runtime.getVariable(runtime.createProcessInstanceQuery()
			.processDefinitionKey("process-owner-escalation").variableValueEquals("escalatedProcessKey", r.processKey())
			.singleResult().getId(), "summary");
		assertThat(summary).contains("rolled back to shadow").contains("50% of its 10 calls failed");
	}

	void shadowEvidence(Agent incumbent, Agent shadow, int pairs, int shadowRight, int incumbentRight) {
		ConstructedEvidence.shadowPairs(jdbc, telemetry, quality, incumbent, shadow, pairs, shadowRight, incumbentRight);
	}

	@Test
	void theShadowGateDecidesOnTheJudgedPairs() {
		Routed r = routed();
		Agent incumbent = register(r.capability(), "Incumbent " + r.capability(), 0.001);
		Agent better = register(r.capability(), "Better " + r.capability(), 0.002);
		Agent worse = register(r.capability(), "Worse " + r.capability(), 0.002);
		Agent early = register(r.capability(), "Early " + r.capability(), 0.002);
		shadowEvidence(incumbent, better, 40, 36, 20);
		shadowEvidence(incumbent, worse, 40, 15, 35);
		shadowEvidence(incumbent, early, 10, 10, 5);

		Evidence pass = evidence.of(better.getId());
		assertThat(pass.decision()).isEqualTo(Evidence.Decision.PASS);
		assertThat(pass.compared()).isEqualTo(40);
		assertThat(pass.candidate().correctRate()).isEqualTo(0.9);
		assertThat(pass.incumbent().correctRate()).isEqualTo(0.5);
		assertThat(library.find(better.getId()).orElseThrow().getQualityEvidence()).isEqualTo(40);

		Evidence fail = evidence.of(worse.getId());
		assertThat(fail.decision()).isEqualTo(Evidence.Decision.FAIL);
		assertThat(fail.reasons()).singleElement().asString().contains("is right 37.5% of the time, less often than the incumbent's 87.5%");
		assertThat(fail.tests().get(0).pValue()).isLessThan(0.001);

		assertThat(evidence.of(early.getId()).decision()).isEqualTo(Evidence.Decision.INSUFFICIENT);
		assertThat(evidence.of(early.getId()).reasons()).containsExactly("10 of the 30 compared shadow runs the gate needs");
	}

	@Test
	void thePromotionProcessTakesAnAgentFromShadowThroughCanaryToActiveWithTheOwnersApprovalAndRetiresTheIncumbent()
			throws Exception {
		Routed r = routed();
		Agent incumbent = register(r.capability(), "Incumbent " + r.capability(), 0.001);
		Agent challenger = register(r.capability(), "Challenger " + r.capability(), 0.002);
		shadowEvidence(incumbent, challenger, 40, 36, 20);
		Api admin = new Api(port);

		Api.Response started = admin.post("/smartops/api/agents/" + challenger.getId() + "/promotions", "{\"canaryShare\":0.5}");
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		assertThat(started.json().get("to").asText()).isEqualTo("CANARY");
		String toCanary = started.json().get("processInstanceId").asText();
		Task approval = tasks.createTaskQuery().processInstanceId(toCanary).singleResult();
		assertThat(approval.getTaskDefinitionKey()).isEqualTo(PromotionProcess.TASK_APPROVE_PROMOTION);
		assertThat(tasks.createTaskQuery().taskId(approval.getId()).taskCandidateUser(OWNER).count()).isEqualTo(1);
		Map<String, Object> form = tasks.getVariables(approval.getId());
		assertThat(form).containsEntry("gateDecision", "PASS");
		FormWording.assertInWords("approve-agent-promotion", form);
		assertThat((String) form.get("candidateFigures")).contains("shadow runs: 40 given, 40 compared");
		assertThat(admin.post("/smartops/api/agents/" + challenger.getId() + "/promotions", "{}").status())
			.as("one promotion of an agent at a time").isEqualTo(409);

		tasks.claim(approval.getId(), OWNER);
		tasks.complete(approval.getId(), Map.of("promotionApproved", true, "approvalComment", "convincing"));
		assertThat(ended(toCanary)).isTrue();
		Agent canary = library.find(challenger.getId()).orElseThrow();
		assertThat(canary.getStatus()).isEqualTo(AgentStatus.CANARY);
		assertThat(canary.getCanaryShare()).isEqualTo(0.5);
		assertThat(library.history(challenger.getId())).extracting(AgentChange::getChange).last().asString()
			.startsWith("stage SHADOW -> CANARY: gate PASS").contains("approved by " + OWNER + ": convincing");

		// the canary serves about half the instances; both arms end
		Answering inc = new Answering(incumbent.getId(), in -> Map.of("score", 0.4));
		Answering can = new Answering(challenger.getId(), in -> Map.of("score", 0.6));
		List<String> instances = new java.util.ArrayList<>();
		try (AgentWorkers w = workers(inc, can)) {
			// one instance at a time: neither arm's instances queue behind the other's
			for (int i = 0; i < 90; i++) {
				String id = start(r).getId();
				instances.add(id);
				await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5)).until(() -> ended(id));
			}
		}
		Evidence canaryEvidence = evidence.of(challenger.getId());
		assertThat(canaryEvidence.candidate().endedInstances() + canaryEvidence.incumbent().endedInstances()).isEqualTo(90);
		assertThat(canaryEvidence.decision()).as(canaryEvidence.reasons().toString()).isEqualTo(Evidence.Decision.PASS);

		AgentPromotions.Started toActive = promotions.start(challenger.getId(), null, "demo");
		Task second = tasks.createTaskQuery().processInstanceId(toActive.processInstanceId()).singleResult();
		tasks.claim(second.getId(), OWNER);
		tasks.complete(second.getId(), Map.of("promotionApproved", true));
		assertThat(library.find(challenger.getId()).orElseThrow().getStatus()).isEqualTo(AgentStatus.ACTIVE);
		assertThat(library.find(incumbent.getId()).orElseThrow().getStatus()).isEqualTo(AgentStatus.DEPRECATED);
		Job drainCheck = management.createJobQuery().processInstanceId(toActive.processInstanceId()).timers().singleResult();
		assertThat(drainCheck).as("waiting for the incumbent's open tasks to drain").isNotNull();
		management.executeJob(drainCheck.getId());
		assertThat(library.find(incumbent.getId()).orElseThrow().getStatus()).isEqualTo(AgentStatus.RETIRED);
		assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(toActive.processInstanceId())
			.activityId(PromotionProcess.END_AGENT_PROMOTED).count()).isEqualTo(1);
	}

	@Test
	void theOwnerMayRejectAndTheGateRefusesWithoutEnoughEvidence() {
		Routed r = routed();
		Agent incumbent = register(r.capability(), "Incumbent " + r.capability(), 0.001);
		Agent rejected = register(r.capability(), "Rejected " + r.capability(), 0.002);
		Agent unproven = register(r.capability(), "Unproven " + r.capability(), 0.002);
		shadowEvidence(incumbent, rejected, 40, 36, 20);

		String first = promotions.start(rejected.getId(), null, "demo").processInstanceId();
		Task approval = tasks.createTaskQuery().processInstanceId(first).singleResult();
		tasks.claim(approval.getId(), OWNER);
		tasks.complete(approval.getId(), Map.of("promotionApproved", false, "approvalComment", "not this quarter"));
		assertThat(library.find(rejected.getId()).orElseThrow().getStatus()).isEqualTo(AgentStatus.SHADOW);
		assertThat(library.history(rejected.getId())).extracting(AgentChange::getChange).last().asString()
			.isEqualTo("promotion to CANARY rejected by " + OWNER + ": not this quarter");

		String second = promotions.start(unproven.getId(), null, "demo").processInstanceId();
		assertThat(tasks.createTaskQuery().processInstanceId(second).count()).isZero();
		assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(second)
			.activityId(PromotionProcess.END_REFUSED_BY_GATE).count()).isEqualTo(1);
		assertThat(library.find(unproven.getId()).orElseThrow().getStatus()).isEqualTo(AgentStatus.SHADOW);
		assertThat(library.history(unproven.getId())).extracting(AgentChange::getChange).last().asString()
			.startsWith("promotion to CANARY refused by the gate (INSUFFICIENT): 0 of the 30 compared shadow runs");
	}

	@Test
	void badLifecycleRequestsAreRefusedNamingTheReasonAndChangeNothing() throws Exception {
		Routed r = routed();
		Agent incumbent = register(r.capability(), "Incumbent " + r.capability(), 0.001);
		Agent shadow = register(r.capability(), "Candidate " + r.capability(), 0.002);
		Api admin = new Api(port);
		int audited = library.history(shadow.getId()).size();

		Api.Response share = admin.post("/smartops/api/agents/" + shadow.getId() + "/promotions", "{\"canaryShare\":1.5}");
		assertThat(share.status()).isEqualTo(400);
		assertThat(share.json().get("fields").get("canaryShare").asText()).isEqualTo("1.5 is outside (0, 1]");
		Api.Response unknown = admin.post("/smartops/api/agents/nobody-1/promotions", "{}");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body()).contains("no agent with id nobody-1");
		Api.Response noGate = admin.post("/smartops/api/agents/" + incumbent.getId() + "/promotions", "{}");
		assertThat(noGate.status()).isEqualTo(409);
		assertThat(noGate.body()).contains("is ACTIVE: the promotion gate leads from SHADOW to CANARY and from CANARY to ACTIVE only");
		Api.Response notCanary = admin.send("PUT", "/smartops/api/agents/" + shadow.getId() + "/canary-share",
				"{\"canaryShare\":0.4}");
		assertThat(notCanary.status()).isEqualTo(409);
		assertThat(admin.send("PUT", "/smartops/api/agents/" + shadow.getId() + "/canary-share", "{\"canaryShare\":-0.1}")
			.status()).isEqualTo(400);
		assertThat(admin.get("/smartops/api/agent-lifecycle/no-such-capability").status()).isEqualTo(404);
		Api.Response truth = admin.send("PUT", "/smartops/api/agent-calls/987654321/ground-truth", "{\"correct\":true}");
		assertThat(truth.status()).isEqualTo(404);

		assertThat(library.find(shadow.getId()).orElseThrow().getStatus()).isEqualTo(AgentStatus.SHADOW);
		assertThat(library.history(shadow.getId())).hasSize(audited);
		assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(PromotionProcess.KEY)
			.variableValueEquals(PromotionProcess.VAR_AGENT_ID, shadow.getId()).count()).isZero();
	}

	@Test
	void groundTruthOverRestJudgesACallByItsOutputAndMovesTheAgentsQuality() throws Exception {
		Routed r = routed();
		Agent agent = register(r.capability(), "Forecaster " + r.capability(), 0.001);
		telemetry.record(new AgentCallReport(agent.getId(), null, "pi-gt", "Task_Agent", "test", Instant.now(), 5,
				AgentCall.Outcome.COMPLETED, null, null, 0, 0, 0, null, null, null, null, Map.of("units", 100)));
		long callId = telemetry.callsOfAgent(agent.getId()).get(0).getId();
		Api operator = new Api(port);
		Api.Response both = operator.send("PUT", "/smartops/api/agent-calls/" + callId + "/ground-truth",
				"{\"correct\":true,\"actual\":3}");
		assertThat(both.status()).isEqualTo(400);
		assertThat(both.json().get("fields").get("correct").asText())
			.isEqualTo("give exactly one of correct (true or false) and actual (the true value)");
		// values that cannot be the truth about a number of units are refused and judge nothing
		for (String junk : List.of("{\"x\":1}", "\"abc\"", "1e308", "[1,2]", "\"" + "x".repeat(20_000) + "\"")) {
			Api.Response refused = operator.send("PUT", "/smartops/api/agent-calls/" + callId + "/ground-truth",
					"{\"actual\":" + junk + "}");
			assertThat(refused.status()).as(junk.substring(0, Math.min(20, junk.length()))).isEqualTo(400);
			assertThat(refused.json().get("fields").get("actual").asText()).startsWith("must be a");
		}
		assertThat(telemetry.callsOfAgent(agent.getId()).get(0).getGroundTruth()).isNull();
		Api.Response judged = operator.send("PUT", "/smartops/api/agent-calls/" + callId + "/ground-truth",
				"{\"actual\":140}");
		assertThat(judged.status()).as(judged.body()).isEqualTo(200);
		assertThat(judged.json().get("groundTruth").asText()).isEqualTo("WRONG");
		// one wrong call against a prior of 0.8 worth 20: 16/21
		assertThat(judged.json().get("agentQuality").asDouble()).isCloseTo(16 / 21.0, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(operator.get("/smartops/api/agents").json().findValues("id").stream()
			.anyMatch(id -> id.asText().equals(agent.getId()))).isTrue();
	}
}
