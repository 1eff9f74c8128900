package io.smartops.server;

import io.smartops.core.security.Roles;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.smartops.SmartOpsTest;
import io.smartops.agent.Agent;
import io.smartops.agent.AgentKind;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.builtin.BuiltinAgents;
import io.smartops.support.Api;

/**
 * A worker's service account on the engine's REST API: it fetches the topics it serves and
 * nothing else; every other engine endpoint answers 403. Other users are left to Camunda's
 * authorizations.
 */
@SmartOpsTest
class WorkerScopeTests {

	static final String PASSWORD = "worker-scope-secret";

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identity;

	@Autowired
	AgentLibrary library;

	@Autowired
	BuiltinAgents builtins;

	@BeforeEach
	void accounts() {
		for (String id : new String[] { "ws-worker", "ws-foreign-worker" }) {
			if (identity.createUserQuery().userId(id).count() == 0) {
				User u = identity.newUser(id);
				u.setPassword(PASSWORD);
				identity.saveUser(u);
				identity.createMembership(id, Roles.WORKERS);
			}
		}
		builtins.register(library);
	}

	static String fetch(String topic) {
		return "{\"workerId\":\"ws\",\"maxTasks\":1,\"topics\":[{\"topicName\":\"" + topic + "\",\"lockDuration\":1000}]}";
	}

	@Test
	void aWorkerFetchesTheTopicsItServesAndNothingElse() {
		Api worker = new Api(port, "ws-worker", PASSWORD);
		Api foreignWorker = new Api(port, "ws-foreign-worker", PASSWORD);
		String builtinTopic = library.all().stream().filter(a -> a.getKind() != AgentKind.FOREIGN).findFirst()
			.orElseThrow().getTopic();
		String capability = "scope-" + Long.toString(System.nanoTime(), 36);
		Agent foreign = library.registerForeign(new AgentLibrary.Registration(capability, "Scoped " + capability, "1", 0.01,
				10L, 0.9, null, null, "ws-foreign-worker"));

		assertThat(worker.send("POST", "/engine-rest/external-task/fetchAndLock", fetch(builtinTopic)).status())
			.isEqualTo(200);
		Api.Response refused = worker.send("POST", "/engine-rest/external-task/fetchAndLock", fetch(foreign.getTopic()));
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).contains(foreign.getTopic());
		assertThat(foreignWorker.send("POST", "/engine-rest/external-task/fetchAndLock", fetch(foreign.getTopic())).status())
			.isEqualTo(200);
		assertThat(worker.send("POST", "/engine-rest/external-task/fetchAndLock", fetch("no.such.topic")).status())
			.isEqualTo(403);
	}

	@Test
	void everyOtherEngineEndpointIsRefusedToAWorkerButNotToOthers() {
		Api worker = new Api(port, "ws-worker", PASSWORD);
		assertThat(worker.get("/engine-rest/process-instance").status()).isEqualTo(403);
		assertThat(worker.send("POST", "/engine-rest/process-instance/any/variables", "{\"modifications\":{}}").status())
			.isEqualTo(403);
		assertThat(worker.send("POST", "/engine-rest/process-definition/key/sales-operations/start", "{}").status())
			.isEqualTo(403);
		assertThat(new Api(port).get("/engine-rest/process-instance").status()).isEqualTo(200);
	}
}
