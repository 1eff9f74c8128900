package io.smartops.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.smartops.SmartOpsTest;
import io.smartops.support.Api;
import io.smartops.support.RoleUsers;

/**
 * The engine's own REST API by role, as {@link EndpointRolesTests} does for Smart Ops' API: every
 * group × the engine operations on each shipped process (start, read variables, complete and
 * reassign each user task, modify, delete, deploy), against the second matrix of the README. A
 * refused operation answers 403 (404 for a start by somebody who may not even see the process) and
 * changes nothing; an allowed one gets past the engine's check. The test puts each instance at its
 * task without the data the steps after it read (a run, an action, an agent), so an allowed
 * completion may still fail in a later step and roll back: that it was allowed shows in its
 * answer, which is no refusal, and in the claim that the same user makes first.
 */
@SmartOpsTest
class EngineRolesTests {

	static final String PASSWORD = "engine-role-secret";

	/** One user per role group, and the people the processes name: a sales rep, a steward, an owner, an approver. */
	static final Map<String, String> USERS = new LinkedHashMap<>(RoleUsers.onePerGroup("er"));
	static {
		USERS.put("er-sales", "sales-emea");
		USERS.put("er-steward", "sales-data-stewards");
		USERS.put("er-owner", null);
		USERS.put("er-approver", null);
	}

	static final String ADMIN = "demo";

	/** A user task of a shipped process and the variables its candidates and assignee come from. */
	record UserTask(String process, String activity, Map<String, Object> variables) {
	}

	static final Map<String, Object> SALES_VARS = Map.of("candidateGroup", "sales-emea", "processOwner", "er-owner",
			"leadId", "L-roles", "company", "Roles Ltd", "reviewSla", "P1D");

	static final List<UserTask> TASKS = List.of(
			new UserTask("sales-operations", "Task_FixLeadData", SALES_VARS),
			new UserTask("sales-operations", "Task_CheckLeadScore", SALES_VARS),
			new UserTask("sales-operations", "Task_ReviewProposal", SALES_VARS),
			new UserTask("sales-operations", "Task_ChaseOverdueReview", SALES_VARS),
			new UserTask("operating-plan-coordinator", "Task_RelaxConstraints", Map.of("approverGroup", Roles.PLANNERS, "planInForceFor", "P1D")),
			new UserTask("operating-plan-coordinator", "Task_ApprovePlan", Map.of("approverGroup", Roles.PLANNERS, "planInForceFor", "P1D")),
			new UserTask("operating-plan-coordinator", "Task_ApproveReplan", Map.of("approverGroup", Roles.PLANNERS, "planInForceFor", "P1D")),
			new UserTask("orchestrate-action", "Task_CarryOutWorkOrder", Map.of("candidateGroup", "warehouse-operators", "ackTimeout", "P1D")),
			new UserTask("orchestrate-action", "Task_ResolveEscalation", Map.of()),
			new UserTask("process-owner-escalation", "Task_ResolveOwnerEscalation",
					Map.of("owner", "er-owner", "pod", "sales-managers")),
			new UserTask("agent-promotion", "Task_ApprovePromotion", Map.of("promotionApprovers", "er-approver")));

	/** Each shipped process and an end event that a start or a modification can put a token on harmlessly. */
	static final Map<String, String> PROCESSES = new LinkedHashMap<>();
	static {
		PROCESSES.put("sales-operations", "End_DuplicateLead");
		PROCESSES.put("operating-plan-coordinator", "End_PlanRejected");
		PROCESSES.put("orchestrate-action", "End_EndedActionCancelled");
		PROCESSES.put("process-owner-escalation", "End_EscalationResolved");
		PROCESSES.put("agent-promotion", "End_RefusedByGate");
		PROCESSES.put("agent-shadow-run", "End_ShadowDone");
	}

	/** Who may start each process by hand (administrators may start every one). */
	static final Map<String, Set<String>> STARTERS = Map.of(
			"sales-operations", Set.of("er-operator", "er-taker", "er-sales", "er-steward"),
			"operating-plan-coordinator", Set.of("er-planner"),
			"agent-promotion", Set.of("er-agentadmin"));

	/** Who reads any instance and its variables (worker accounts only fetch, lock and complete external tasks). */
	static final Set<String> READERS = Set.of("er-designer", "er-operator", "er-agentadmin");

	/** Who hands a task to somebody else: operators (and administrators). */
	static final Set<String> ASSIGNERS = Set.of("er-operator");

	/** Who modifies an instance besides administrators: nobody. */
	static final Set<String> MODIFIERS = Set.of();

	static final Set<String> DEPLOYERS = Set.of("er-designer");

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identity;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	HistoryService history;

	@Autowired
	RepositoryService repository;

	@Autowired
	org.camunda.bpm.engine.ProcessEngine engine;

	@Autowired
	org.camunda.bpm.engine.ExternalTaskService externalTasks;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void users() {
		RoleUsers.ensure(identity, USERS, PASSWORD);
	}

	@Test
	void anOperatorCannotApproveAnOperatingPlanAndThePlannerCan() {
		String instance = startAt(TASKS.get(5));
		Task approval = tasks.createTaskQuery().processInstanceId(instance).singleResult();
		Api.Response refused = as("er-operator").send("POST", "/engine-rest/task/" + approval.getId() + "/complete",
				"{\"variables\":{\"approved\":{\"value\":true}}}");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(tasks.createTaskQuery().taskId(approval.getId()).count()).isEqualTo(1);
		assertThat(runtime.getVariable(instance, "approved")).isNull();

		Api.Response claimed = as("er-planner").send("POST", "/engine-rest/task/" + approval.getId() + "/claim",
				"{\"userId\":\"er-planner\"}");
		assertThat(claimed.status()).isEqualTo(204);
		runtime.deleteProcessInstance(instance, "test done", true);
	}

	@Test
	void aStartTakesBackWhatAnEarlierReleaseGrantedMore() {
		org.camunda.bpm.engine.AuthorizationService authorizations = engine.getAuthorizationService();
		// as an earlier release left them: operators may update every task, agent administrators every batch
		org.camunda.bpm.engine.authorization.Authorization tasks = authorizations.createAuthorizationQuery()
			.groupIdIn(Roles.OPERATORS).resourceType(org.camunda.bpm.engine.authorization.Resources.TASK).resourceId("*")
			.singleResult();
		tasks.addPermission(org.camunda.bpm.engine.authorization.Permissions.UPDATE);
		authorizations.saveAuthorization(tasks);
		org.camunda.bpm.engine.authorization.Authorization batches = authorizations
			.createNewAuthorization(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
		batches.setGroupId(Roles.AGENT_ADMINS);
		batches.setResource(org.camunda.bpm.engine.authorization.Resources.BATCH);
		batches.setResourceId("*");
		batches.addPermission(org.camunda.bpm.engine.authorization.Permissions.ALL);
		authorizations.saveAuthorization(batches);
		assertThat(authorizations.isUserAuthorized("er-operator", List.of(Roles.OPERATORS),
				org.camunda.bpm.engine.authorization.Permissions.UPDATE, org.camunda.bpm.engine.authorization.Resources.TASK,
				"any-task")).isTrue();

		new IdentityBootstrap(engine).ensure();

		assertThat(authorizations.isUserAuthorized("er-operator", List.of(Roles.OPERATORS),
				org.camunda.bpm.engine.authorization.Permissions.UPDATE, org.camunda.bpm.engine.authorization.Resources.TASK,
				"any-task")).isFalse();
		assertThat(authorizations.isUserAuthorized("er-operator", List.of(Roles.OPERATORS),
				org.camunda.bpm.engine.authorization.TaskPermissions.TASK_ASSIGN,
				org.camunda.bpm.engine.authorization.Resources.TASK, "any-task")).isTrue();
		assertThat(authorizations.createAuthorizationQuery().groupIdIn(Roles.AGENT_ADMINS)
			.resourceType(org.camunda.bpm.engine.authorization.Resources.BATCH).count()).isZero();
	}

	@Test
	void anOperatorResolvesAnAgentTaskIncidentThroughSmartOpsNotThroughTheEngine() {
		String instance = startWaiting("agent-shadow-run");
		var locked = externalTasks.fetchAndLock(1, "engine-roles-worker").topic("engine-roles-probe", 60_000).execute();
		assertThat(locked).hasSize(1);
		String id = locked.get(0).getId();
		externalTasks.handleFailure(id, "engine-roles-worker", "the agent failed", 0, 0);
		assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isEqualTo(1);

		assertThat(as("er-operator").send("PUT", "/engine-rest/external-task/" + id + "/retries", "{\"retries\":1}")
			.status()).isEqualTo(403);
		assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isEqualTo(1);
		assertThat(as("er-taker").send("PUT", "/smartops/api/agent-tasks/" + id + "/retries", "{\"retries\":1}")
			.status()).isEqualTo(403);
		Api.Response bad = as("er-operator").send("PUT", "/smartops/api/agent-tasks/" + id + "/retries",
				"{\"retries\":0}");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("retries");

		Api.Response resolved = as("er-operator").send("PUT", "/smartops/api/agent-tasks/" + id + "/retries",
				"{\"retries\":2}");
		assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
		assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
		assertThat(externalTasks.createExternalTaskQuery().externalTaskId(id).singleResult().getRetries()).isEqualTo(2);
		end(instance);
	}

	@Test
	void everyGroupGetsExactlyItsEngineOperationsAndARefusalChangesNothing() throws Exception {
		List<String> wrong = new ArrayList<>();
		List<String> everyone = new ArrayList<>(USERS.keySet());
		everyone.add(ADMIN);

		for (UserTask t : TASKS) {
			for (String user : everyone) {
				String instance = startAt(t);
				Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
				Set<String> mayWork = candidates(task);
				boolean allowed = user.equals(ADMIN) || mayWork.contains(user);
				long variables = runtime.getVariables(instance).size();
				Api.Response c = as(user).send("POST", "/engine-rest/task/" + task.getId() + "/claim",
						"{\"userId\":\"" + user + "\"}");
				checkWork(wrong, "claim " + t.activity(), user, allowed, c);
				if (!allowed) {
					unchanged(wrong, "claim " + t.activity(), user, instance, task, variables);
				}
				Api.Response r = as(user).send("POST", "/engine-rest/task/" + task.getId() + "/complete", "{}");
				checkWork(wrong, "complete " + t.activity(), user, allowed, r);
				if (!allowed) {
					unchanged(wrong, "complete " + t.activity(), user, instance, task, variables);
				}

				boolean mayAssign = user.equals(ADMIN) || ASSIGNERS.contains(user);
				Task current = tasks.createTaskQuery().taskId(task.getId()).singleResult();
				if (current != null) {
					long variablesNow = runtime.getVariables(instance).size();
					Api.Response a = as(user).send("POST", "/engine-rest/task/" + task.getId() + "/assignee",
							"{\"userId\":\"er-nobody\"}");
					check(wrong, "reassign " + t.activity(), user, mayAssign, a);
					if (!mayAssign) {
						unchanged(wrong, "reassign " + t.activity(), user, instance, current, variablesNow);
					}
				}
				end(instance);
			}
		}

		for (Map.Entry<String, String> p : PROCESSES.entrySet()) {
			String key = p.getKey();
			String end = p.getValue();
			for (String user : everyone) {
				boolean mayStart = user.equals(ADMIN) || STARTERS.getOrDefault(key, Set.of()).contains(user);
				long before = history.createHistoricProcessInstanceQuery().processDefinitionKey(key).count();
				Api.Response s = as(user).send("POST", "/engine-rest/process-definition/key/" + key + "/start",
						"{\"skipCustomListeners\":true,\"skipIoMappings\":true,\"startInstructions\":"
								+ "[{\"type\":\"startBeforeActivity\",\"activityId\":\"" + end + "\"}]}");
				if (mayStart || s.status() != 404) {
					check(wrong, "start " + key, user, mayStart, s);
				}
				long after = history.createHistoricProcessInstanceQuery().processDefinitionKey(key).count();
				if (!mayStart && after != before) {
					wrong.add("start " + key + " as " + user + " was refused but left an instance");
				}

				String instance = startWaiting(key);
				Map<String, Object> variables = runtime.getVariables(instance);
				boolean mayRead = user.equals(ADMIN) || READERS.contains(user);
				check(wrong, "read variables of " + key, user, mayRead,
						as(user).send("GET", "/engine-rest/process-instance/" + instance + "/variables", null));

				boolean mayModify = user.equals(ADMIN) || MODIFIERS.contains(user);
				long activities = runtime.getActivityInstance(instance).getChildActivityInstances().length;
				Api.Response m = as(user).send("POST", "/engine-rest/process-instance/" + instance + "/modification",
						"{\"skipCustomListeners\":true,\"skipIoMappings\":true,\"instructions\":"
								+ "[{\"type\":\"startBeforeActivity\",\"activityId\":\"" + end + "\"}]}");
				check(wrong, "modify " + key, user, mayModify, m);
				if (!mayModify && runtime.getActivityInstance(instance).getChildActivityInstances().length != activities) {
					wrong.add("modify " + key + " as " + user + " was refused but changed the instance");
				}

				Api.Response d = as(user).send("DELETE",
						"/engine-rest/process-instance/" + instance + "?skipCustomListeners=true", null);
				boolean mayDelete = user.equals(ADMIN);
				check(wrong, "delete an instance of " + key, user, mayDelete, d);
				boolean exists = runtime.createProcessInstanceQuery().processInstanceId(instance).count() == 1;
				if (!mayDelete && (!exists || !runtime.getVariables(instance).equals(variables))) {
					wrong.add("delete " + key + " as " + user + " was refused but changed the instance");
				}
				end(instance);
			}
		}

		for (String user : everyone) {
			long deployments = repository.createDeploymentQuery().count();
			int status = deploy(user);
			boolean mayDeploy = user.equals(ADMIN) || DEPLOYERS.contains(user);
			if (mayDeploy ? (status != 200) : (status != 403)) {
				wrong.add("deploy as " + user + ": " + status + ", expected " + (mayDeploy ? 200 : 403));
			}
			if (!mayDeploy && repository.createDeploymentQuery().count() != deployments) {
				wrong.add("deploy as " + user + " was refused but left a deployment");
			}
		}
		assertThat(wrong).isEmpty();
	}

	/** Users named by the task as assignee, candidate user or member of a candidate group. */
	private Set<String> candidates(Task task) {
		Set<String> users = new HashSet<>();
		if (task.getAssignee() != null) {
			users.add(task.getAssignee());
		}
		for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
			if (link.getUserId() != null) {
				users.add(link.getUserId());
			}
			if (link.getGroupId() != null) {
				USERS.forEach((user, group) -> {
					if (link.getGroupId().equals(group)) {
						users.add(user);
					}
				});
			}
		}
		return users;
	}

	private void check(List<String> wrong, String operation, String user, boolean allowed, Api.Response r) {
		if (allowed && (r.status() == 401 || r.status() == 403 || r.status() >= 500)) {
			wrong.add(operation + " as " + user + ": " + r.status() + ", expected to pass (" + r.body() + ")");
		}
		if (!allowed && r.status() != 403) {
			wrong.add(operation + " as " + user + ": " + r.status() + ", expected 403");
		}
	}

	/**
	 * An allowed claim or completion is no refusal: a task assigned to somebody else is not claimed,
	 * and a step after the task may fail for the data the test left out.
	 */
	private void checkWork(List<String> wrong, String operation, String user, boolean allowed, Api.Response r) {
		boolean refused = r.status() == 401 || r.status() == 403 || r.body().contains("AuthorizationException")
				|| r.body().contains("does not have");
		if (allowed && refused) {
			wrong.add(operation + " as " + user + ": " + r.status() + ", expected to pass (" + r.body() + ")");
		}
		if (!allowed && r.status() != 403) {
			wrong.add(operation + " as " + user + ": " + r.status() + ", expected 403");
		}
	}

	private void unchanged(List<String> wrong, String operation, String user, String instance, Task task,
			long variables) {
		Task now = tasks.createTaskQuery().taskId(task.getId()).singleResult();
		if (now == null || !java.util.Objects.equals(now.getAssignee(), task.getAssignee())
				|| runtime.getVariables(instance).size() != variables) {
			wrong.add(operation + " as " + user + " was refused but changed the task or its instance");
		}
	}

	/** An instance waiting at the user task, started by the system as the process would reach it. */
	private String startAt(UserTask t) {
		return runtime.createProcessInstanceByKey(t.process()).businessKey("engine-roles")
			.setVariables(t.variables()).startBeforeActivity(t.activity()).execute(true, true).getId();
	}

	/** An instance of the process that waits somewhere: at a user task, or the shadow run at its agent's task. */
	private String startWaiting(String key) {
		return TASKS.stream().filter(t -> t.process().equals(key)).findFirst().map(this::startAt)
			.orElseGet(() -> runtime.createProcessInstanceByKey(key).businessKey("engine-roles")
				.setVariable("shadowTopic", "engine-roles-probe").startBeforeActivity("Task_RunShadowAgent")
				.execute(true, true).getId());
	}

	private void end(String instance) {
		if (runtime.createProcessInstanceQuery().processInstanceId(instance).count() == 1) {
			runtime.deleteProcessInstance(instance, "engine roles test", true, true);
		}
	}

	private Api as(String user) {
		return new Api(port, user, user.equals(ADMIN) ? "demo" : PASSWORD);
	}

	/** Deploys a one-step process of the test's own (never a new version of a shipped one). */
	private int deploy(String user) throws Exception {
		String boundary = "----engine-roles";
		String bpmn = """
				<?xml version="1.0" encoding="UTF-8"?>
				<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
				  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://smartops.io/test">
				  <process id="engine-roles-probe" isExecutable="true" camunda:historyTimeToLive="1">
				    <startEvent id="Start" /><sequenceFlow id="F" sourceRef="Start" targetRef="End" /><endEvent id="End" />
				  </process>
				</definitions>
				""";
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nengine-roles\r\n"
				+ "--" + boundary + "\r\nContent-Disposition: form-data; name=\"enable-duplicate-filtering\"\r\n\r\ntrue\r\n"
				+ "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"engine-roles-probe.bpmn\"\r\n"
				+ "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
		String password = user.equals(ADMIN) ? "demo" : PASSWORD;
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString(body)).build();
		return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
	}
}
