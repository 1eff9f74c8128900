package io.smartops.agent.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.smartops.SmartOpsTest;
import io.smartops.agent.Agent;
import io.smartops.agent.AgentBusinessError;
import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentOutput;

/**
 * Agent workers on Camunda's external-task client against the server's real REST API (random
 * port, HTTP basic): routing, input guardrail, retries with backoff, incidents, BPMN errors.
 */
@SmartOpsTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentWorkerTests {

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
	AgentLibrary library;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	@BeforeAll
	void deploy() {
		repository.createDeployment().addClasspathResource("bpmn/agent-routing-check.bpmn").enableDuplicateFiltering(true)
			.deploy();
	}

	/** A handler that records what it was given and answers with the given behaviour. */
	static final class Recording implements AgentHandler {

		final String id;
		final List<Map<String, Object>> calls = new CopyOnWriteArrayList<>();
		final java.util.function.Function<Map<String, Object>, AgentOutput> behaviour;

		Recording(String id, java.util.function.Function<Map<String, Object>, AgentOutput> behaviour) {
			this.id = id;
			this.behaviour = behaviour;
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
			calls.add(inputs);
			return behaviour.apply(inputs);
		}
	}

	AgentWorkers workers(RetryPolicy retries, AgentHandler... handlers) {
		return new AgentWorkers(new AgentWorkers.Settings("http://localhost:" + port + "/engine-rest", "demo", "demo",
				"test-worker-" + UUID.randomUUID(), 10_000, 1_000, retries), library, List.of(handlers), meters);
	}

	String capability() {
		return "cap-" + UUID.randomUUID().toString().substring(0, 8);
	}

	Agent register(String capability, String name, double cost) {
		return library.registerForeign(new AgentLibrary.Registration(capability, name, "1", cost, 50L, 0.9));
	}

	ProcessInstance start(String capability) {
		ProcessInstance pi = runtime.startProcessInstanceByKey("agent-routing-check",
				Map.of("capability", capability, "companyName", "Acme", "secret", "salary data"));
		management.executeJob(management.createJobQuery().processInstanceId(pi.getId()).singleResult().getId());
		return pi;
	}

	boolean ended(ProcessInstance pi) {
		return history.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).finished().count() == 1;
	}

	@Test
	void onlyTheChosenAgentWorksTheTaskAndSeesOnlyItsDeclaredInputs() {
		String cap = capability();
		Agent cheap = register(cap, "Cheap " + cap, 0.001);
		Agent dear = register(cap, "Dear " + cap, 0.5);
		Recording chosen = new Recording(cheap.getId(), in -> AgentOutput.of(Map.of("score", 0.9)));
		Recording other = new Recording(dear.getId(), in -> AgentOutput.of(Map.of("score", 0.1)));
		try (AgentWorkers w = workers(new RetryPolicy(3, 100), chosen, other)) {
			ProcessInstance pi = start(cap);
			await().atMost(Duration.ofSeconds(20)).until(() -> ended(pi));
		}
		assertThat(chosen.calls).singleElement().isEqualTo(Map.of("companyName", "Acme"));
		assertThat(other.calls).isEmpty();
	}

	@Test
	void aFailingAgentIsRetriedWithBackoffThenRaisesAnIncident() {
		String cap = capability();
		Agent agent = register(cap, "Flaky " + cap, 0.001);
		AtomicInteger attempts = new AtomicInteger();
		Recording flaky = new Recording(agent.getId(), in -> {
			attempts.incrementAndGet();
			throw new IllegalStateException("model endpoint down");
		});
		ProcessInstance pi;
		try (AgentWorkers w = workers(new RetryPolicy(2, 200), flaky)) {
			pi = start(cap);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> runtime.createIncidentQuery().processInstanceId(pi.getId()).count() == 1);
		}
		assertThat(attempts.get()).isEqualTo(2);
		Incident incident = runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
		assertThat(incident.getIncidentMessage()).isEqualTo(agent.getId() + ": model endpoint down");
	}

	@Test
	void aBusinessOutcomeIsReportedAsABpmnError() {
		String cap = capability();
		Agent agent = register(cap, "Picky " + cap, 0.001);
		Recording picky = new Recording(agent.getId(), in -> {
			throw new AgentBusinessError("NoProfileFound", "no profile for Acme");
		});
		try (AgentWorkers w = workers(new RetryPolicy(3, 100), picky)) {
			ProcessInstance pi = start(cap);
			// no boundary event catches it in this process: the activity just ends
			await().atMost(Duration.ofSeconds(20)).until(() -> ended(pi));
			assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
		}
		assertThat(picky.calls).hasSize(1);
	}
}
