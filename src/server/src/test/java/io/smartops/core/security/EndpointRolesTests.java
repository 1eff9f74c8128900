package io.smartops.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.smartops.SmartOpsTest;
import io.smartops.support.RoleUsers;
import io.smartops.agent.Agent;
import io.smartops.agent.AgentCall;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.builtin.BuiltinAgents;
import io.smartops.orchestrate.ActionDraft;
import io.smartops.orchestrate.ActionItem;
import io.smartops.orchestrate.ActionLedger;
import io.smartops.orchestrate.Channel;
import io.smartops.support.Api;

/**
 * Smart Ops' own API by role: every endpoint × every role over real HTTP, against the matrix the
 * README documents. A refused request answers 403 and changes nothing; an allowed one gets past
 * the role check (it may still be a 400 or 404 for the deliberately empty requests used here).
 */
@SmartOpsTest
class EndpointRolesTests {

	static final String PASSWORD = "role-secret";

	/** One user per role (group), and one in no group at all. */
	static final Map<String, String> USERS = RoleUsers.onePerGroup("rt");

	static final Set<String> TAKERS = Set.of("rt-taker", "rt-warehouse", "rt-planner");

	record Call(String method, String path, String body, Set<String> allowed) {
	}

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identity;

	@Autowired
	RuntimeService runtime;

	@Autowired
	HistoryService history;

	@Autowired
	AgentLibrary library;

	@Autowired
	BuiltinAgents builtins;

	@Autowired
	ActionLedger ledger;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@BeforeEach
	void users() {
		RoleUsers.ensure(identity, USERS, PASSWORD);
		builtins.register(library);
	}

	/** The matrix of the README, endpoint by endpoint (administrators may call every one). */
	List<Call> matrix(String agentId) {
		Set<String> operatorsPlanners = Set.of("rt-operator", "rt-planner");
		Set<String> actions = union(TAKERS, operatorsPlanners);
		Set<String> insights = Set.of("rt-designer", "rt-operator", "rt-planner");
		return List.of(new Call("POST", "/smartops/api/leads", "{}", union(TAKERS, Set.of("rt-operator"))),
				new Call("GET", "/smartops/api/task-executions?processInstanceId=none", null,
						Set.of("rt-designer", "rt-operator")),
				new Call("GET", "/smartops/api/node/warm-up", null,
						Set.of("rt-designer", "rt-operator", "rt-planner", "rt-agentadmin")),
				new Call("GET", "/smartops/api/agents/step-latency", null,
						Set.of("rt-designer", "rt-operator", "rt-planner", "rt-agentadmin")),
				new Call("GET", "/smartops/api/agents", null,
						Set.of("rt-designer", "rt-operator", "rt-planner", "rt-agentadmin", "rt-worker")),
				new Call("GET", "/smartops/api/agents/" + agentId + "/scorecard", null,
						Set.of("rt-designer", "rt-operator", "rt-planner", "rt-agentadmin")),
				new Call("GET", "/smartops/api/agents/" + agentId + "/changes", null, Set.of("rt-operator", "rt-agentadmin")),
				new Call("POST", "/smartops/api/agents", "{}", Set.of("rt-agentadmin")),
				new Call("POST", "/smartops/api/agents/" + agentId + "/versions", "{}", Set.of("rt-agentadmin")),
				new Call("GET", "/smartops/api/agents/element-template", null,
						Set.of("rt-designer", "rt-operator", "rt-agentadmin")),
				new Call("GET", "/smartops/api/llm/connections", null, Set.of("rt-operator", "rt-agentadmin")),
				new Call("PATCH", "/smartops/api/agents/" + agentId, "{}", Set.of("rt-agentadmin")),
				new Call("GET", "/smartops/api/agents/" + agentId + "/evidence", null,
						Set.of("rt-designer", "rt-operator", "rt-planner", "rt-agentadmin")),
				new Call("POST", "/smartops/api/agents/none/promotions", "{}", Set.of("rt-agentadmin")),
				new Call("PUT", "/smartops/api/agents/none/canary-share", "{}", Set.of("rt-agentadmin")),
				new Call("GET", "/smartops/api/agent-lifecycle", null,
						Set.of("rt-designer", "rt-operator", "rt-planner", "rt-agentadmin")),
				new Call("GET", "/smartops/api/agent-lifecycle/none", null,
						Set.of("rt-designer", "rt-operator", "rt-planner", "rt-agentadmin")),
				new Call("PUT", "/smartops/api/agent-calls/none/ground-truth", "{}", Set.of("rt-operator", "rt-agentadmin")),
				new Call("GET", "/smartops/api/agent-calls?agentId=" + agentId, null, Set.of("rt-operator", "rt-agentadmin")),
				new Call("GET", "/smartops/api/agent-calls/cost?processInstanceId=none", null,
						Set.of("rt-operator", "rt-planner", "rt-agentadmin")),
				new Call("POST", "/smartops/api/agent-calls", "{}", Set.of("rt-worker", "rt-agentadmin")),
				new Call("PUT", "/smartops/api/agent-tasks/none/retries", "{\"retries\": 1}",
						Set.of("rt-operator", "rt-agentadmin")),
				new Call("POST", "/smartops/api/plans", "{}", Set.of("rt-designer", "rt-planner")),
				new Call("POST", "/smartops/api/plans/compare", "{}", Set.of("rt-designer", "rt-planner")),
				new Call("POST", "/smartops/api/coordinator/runs", "{\"unknown\": 1}", Set.of("rt-planner")),
				new Call("GET", "/smartops/api/coordinator/runs", null, operatorsPlanners),
				new Call("GET", "/smartops/api/coordinator/runs/none", null, operatorsPlanners),
				new Call("GET", "/smartops/api/coordinator/runs/none/facts", null, operatorsPlanners),
				new Call("GET", "/smartops/api/coordinator/runs/none/scenario", null, operatorsPlanners),
				new Call("GET", "/smartops/api/coordinator/runs/none/plan", null, operatorsPlanners),
				new Call("GET", "/smartops/api/coordinator/scopes", null, operatorsPlanners),
				new Call("GET", "/smartops/api/actions?runId=none", null, actions),
				new Call("GET", "/smartops/api/actions/none", null, actions),
				new Call("POST", "/smartops/api/actions/none/acknowledgement", "{}", actions),
				new Call("POST", "/smartops/api/actions/none/rejection", "{\"reason\": \"bounced\"}", actions),
				new Call("GET", "/smartops/api/outbox", null, Set.of("rt-operator")),
				new Call("POST", "/smartops/api/sensors/events", "{}", Set.of("rt-sensor", "rt-operator")),
				new Call("GET", "/smartops/api/sensors/events", null, operatorsPlanners),
				new Call("GET", "/smartops/api/sensors/events/none", null, operatorsPlanners),
				new Call("GET", "/smartops/api/sensors/dead-letters", null, operatorsPlanners),
				new Call("GET", "/smartops/api/replans", null, operatorsPlanners),
				new Call("GET", "/smartops/api/replans/none", null, operatorsPlanners),
				new Call("GET", "/smartops/api/demo-apps/requests?application=store-pos", null, Set.of("rt-operator")),
				new Call("GET", "/smartops/api/insights/processes", null, insights),
				new Call("GET", "/smartops/api/insights/processes/none", null, insights),
				new Call("GET", "/smartops/api/insights/processes/none/targets", null, insights),
				new Call("GET", "/smartops/api/insights/processes/none/owner", null, insights),
				new Call("GET", "/smartops/api/insights/processes/none/changes", null, insights),
				new Call("GET", "/smartops/api/insights/processes/none/segmentation", null, insights),
				new Call("GET", "/smartops/api/insights/processes/none/improvements", null, insights),
				new Call("GET", "/smartops/api/insights/processes/none/event-log", null, insights),
				new Call("GET", "/smartops/api/insights/processes/none/conformance", null, insights),
				new Call("GET", "/smartops/api/insights/processes/none/variants", null, insights),
				new Call("POST", "/smartops/api/insights/processes/none/improvements/none/acceptance", null, Set.of()),
				new Call("POST", "/smartops/api/insights/processes/none/improvements/simulation", null, insights),
				new Call("POST", "/smartops/api/simulations", "{}", insights),
				new Call("GET", "/smartops/api/simulations/none", null, insights),
				// the process's owner (olivia in the tests) or an administrator
				new Call("PUT", "/smartops/api/insights/processes/none/targets", "{}", Set.of()),
				new Call("PUT", "/smartops/api/insights/processes/none/owner", "{}", Set.of()),
				new Call("POST", "/smartops/api/insights/processes/none/baseline", null, Set.of()));
	}

	@Test
	void everyEndpointOfTheApiNamesTheRolesThatMayCallIt() {
		List<String> unnamed = new ArrayList<>();
		mappings.getHandlerMethods().forEach((info, method) -> {
			boolean api = info.getPatternValues().stream().anyMatch(p -> p.startsWith("/smartops/api"));
			if (api && RoleCheck.rolesOf(method).isEmpty()) {
				unnamed.add(info + " " + method);
			}
		});
		assertThat(unnamed).isEmpty();
	}

	@Test
	void theMatrixCoversEveryEndpointOfTheApi() {
		Set<String> tested = new java.util.HashSet<>();
		matrix("x").forEach(c -> tested.add(c.method() + " " + c.path().replaceAll("\\?.*", "")
			.replaceAll("/(none|x)(?=/|$)", "/{id}")));
		List<String> missing = new ArrayList<>();
		mappings.getHandlerMethods().forEach((info, method) -> info.getPatternValues().stream()
			.filter(p -> p.startsWith("/smartops/api"))
			.forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> {
				String key = m.name() + " " + p.replaceAll("\\{[^}]+\\}", "{id}");
				if (!tested.contains(key)) {
					missing.add(key);
				}
			})));
		assertThat(missing).isEmpty();
	}

	@Test
	void everyRoleGetsExactlyItsEndpointsAndARefusalChangesNothing() {
		String agentId = library.all().get(0).getId();
		List<Call> matrix = matrix(agentId);
		Map<String, Long> before = state();
		List<String> wrong = new ArrayList<>();
		for (Call call : matrix) {
			for (String user : USERS.keySet()) {
				if (!call.allowed().contains(user)) {
					int status = send(call, user);
					if (status != 403) {
						wrong.add(call.method() + " " + call.path() + " as " + user + ": " + status + ", expected 403");
					}
				}
			}
		}
		assertThat(wrong).isEmpty();
		assertThat(state()).as("what the refused requests left behind").isEqualTo(before);
		for (Call call : matrix) {
			for (String user : call.allowed()) {
				int status = send(call, user);
				if (status == 401 || status == 403 || status >= 500) {
					wrong.add(call.method() + " " + call.path() + " as " + user + ": " + status + ", expected to pass");
				}
			}
			int asAdmin = send(call, "demo");
			if (asAdmin == 401 || asAdmin == 403 || asAdmin >= 500) {
				wrong.add(call.method() + " " + call.path() + " as the administrator: " + asAdmin);
			}
		}
		assertThat(wrong).isEmpty();
	}

	@Test
	void anActionTakerSeesAndClosesOnlyTheActionsOfTheirGroup() {
		String run = "roles-" + System.nanoTime();
		List<ActionItem> items = ledger.create(run,
				List.of(new ActionDraft("pick-list", "W1", 1, Channel.OPERATOR, "warehouse-operators", null, "{}"),
						new ActionDraft("purchase-order", "V1", 1, Channel.SUPPLIER, "procurement-buyers", "v1@example.com",
								"{}"),
						new ActionDraft("price-change", "S1", 1, Channel.APPLICATION, null, "store-pos", "{}")));
		ActionItem pick = items.get(0);
		ActionItem order = items.get(1);
		ActionItem price = items.get(2);

		String listed = request("GET", "/smartops/api/actions?runId=" + run, null, "rt-warehouse").body();
		assertThat(listed).contains(pick.getId()).doesNotContain(order.getId()).doesNotContain(price.getId());
		assertThat(request("GET", "/smartops/api/actions/" + order.getId(), null, "rt-warehouse").status())
			.isEqualTo(403);

		Api.Response refused = request("POST", "/smartops/api/actions/" + order.getId() + "/acknowledgement", "{}",
				"rt-warehouse");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).contains("procurement-buyers");
		assertThat(ledger.get(order.getId()).getStatus()).isEqualTo(ActionItem.Status.PLANNED);
		assertThat(request("POST", "/smartops/api/actions/" + price.getId() + "/rejection", "{\"reason\":\"no\"}",
				"rt-taker").status()).isEqualTo(403);

		assertThat(request("POST", "/smartops/api/actions/" + pick.getId() + "/acknowledgement", "{\"reference\":\"done\"}",
				"rt-warehouse").status()).isEqualTo(200);
		assertThat(ledger.get(pick.getId()).getStatus()).isEqualTo(ActionItem.Status.ACKNOWLEDGED);
		assertThat(request("POST", "/smartops/api/actions/" + price.getId() + "/acknowledgement", "{}", "rt-operator")
			.status()).isEqualTo(200);
		assertThat(request("GET", "/smartops/api/actions?runId=" + run, null, "rt-planner").body()).contains(order.getId());
	}

	@Test
	void aWorkerReportsOnlyTheCallsOfTheAgentsItServes() {
		String other = "rt-worker-other";
		if (identity.createUserQuery().userId(other).count() == 0) {
			User u = identity.newUser(other);
			u.setPassword(PASSWORD);
			identity.saveUser(u);
			identity.createMembership(other, Roles.WORKERS);
		}
		String capability = "roles-" + Long.toString(System.nanoTime(), 36);
		Agent foreign = library.registerForeign(new AgentLibrary.Registration(capability, "Foreign " + capability, "1", 0.01,
				100L, 0.9, null, null, other));
		String builtin = library.all().stream().filter(a -> a.getKind() != io.smartops.agent.AgentKind.FOREIGN)
			.findFirst().orElseThrow().getId();
		String call = "{\"agentId\":\"%s\",\"startedAt\":\"2026-12-01T10:00:00Z\",\"latencyMillis\":5,\"outcome\":\"FAILURE\"}";
		long calls = jdbc.queryForObject("select count(*) from smartops_agent_call", Long.class);

		Api.Response refused = request("POST", "/smartops/api/agent-calls", call.formatted(foreign.getId()),
				"rt-worker");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(jdbc.queryForObject("select count(*) from smartops_agent_call", Long.class)).isEqualTo(calls);

		assertThat(request("POST", "/smartops/api/agent-calls", call.formatted(foreign.getId()), other).status())
			.isEqualTo(201);
		assertThat(request("POST", "/smartops/api/agent-calls", call.formatted(builtin), "rt-worker").status())
			.isEqualTo(201);
		assertThat(jdbc.queryForObject("select count(*) from smartops_agent_call where outcome = ?", Long.class,
				AgentCall.Outcome.FAILURE.name())).isGreaterThanOrEqualTo(2);
	}

	@Test
	void anAgentAdministratorStartsAPromotionThroughTheEngine() {
		String capability = "promo-" + Long.toString(System.nanoTime(), 36);
		library.registerForeign(new AgentLibrary.Registration(capability, "Incumbent " + capability, "1", 0.01, 100L, 0.9,
				null, null, null));
		Agent shadow = library.registerForeign(new AgentLibrary.Registration(capability, "Shadow " + capability, "2", 0.01,
				100L, 0.9, null, null, null, null, null, io.smartops.agent.AgentStatus.SHADOW));
		long before = history.createHistoricProcessInstanceQuery().processDefinitionKey("agent-promotion").count();
		Api.Response started = request("POST", "/smartops/api/agents/" + shadow.getId() + "/promotions", "{}",
				"rt-agentadmin");
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("agent-promotion").count())
			.isEqualTo(before + 1);
	}

	@Test
	void aRegistrationNamingAServiceUserThatDoesNotExistIsRefused() {
		Api.Response r = request("POST", "/smartops/api/agents",
				"{\"capability\":\"x-y\",\"name\":\"Ghost\",\"version\":\"1\",\"costPerCall\":0.1,"
						+ "\"expectedLatencyMillis\":10,\"quality\":0.9,\"serviceUser\":\"nobody-here\"}",
				"rt-agentadmin");
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.body()).contains("serviceUser").contains("no user nobody-here");
	}

	/** Rows and instances a refused request could have written. */
	private Map<String, Long> state() {
		Map<String, Long> s = new LinkedHashMap<>();
		s.put("running instances", runtime.createProcessInstanceQuery().count());
		s.put("instances ever", history.createHistoricProcessInstanceQuery().count());
		for (String table : List.of("smartops_agent", "smartops_agent_change", "smartops_agent_call",
				"smartops_sensed_event", "smartops_action_item", "smartops_replan")) {
			s.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class));
		}
		s.put("retired agents", jdbc.queryForObject("select count(*) from smartops_agent where status <> 'ACTIVE'",
				Long.class));
		s.put("acknowledged actions", jdbc.queryForObject(
				"select count(*) from smartops_action_item where status = 'ACKNOWLEDGED'", Long.class));
		return s;
	}

	private int send(Call call, String user) {
		return request(call.method(), call.path(), call.body(), user).status();
	}

	private Api.Response request(String method, String path, String body, String user) {
		return new Api(port, user, user.equals("demo") ? "demo" : PASSWORD).send(method, path, body);
	}

	@SafeVarargs
	private static Set<String> union(Set<String>... sets) {
		Set<String> all = new java.util.HashSet<>();
		for (Set<String> s : sets) {
			all.addAll(s);
		}
		return all;
	}
}
