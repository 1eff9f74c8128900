package io.smartops.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.smartops.SmartOpsTest;
import io.smartops.agent.Agent;
import io.smartops.agent.AgentChange;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentQuality;
import io.smartops.agent.AgentStatus;
import io.smartops.agent.AgentTelemetry;
import io.smartops.core.security.Roles;

/**
 * The process owner approves an agent's promotion in the real Tasklist: {@code playwright-core}
 * drives Debian's Chromium headless, logs in as the owner, reads the gate's decision and the
 * evidence on the Camunda Form and approves. Screenshots in {@code target/browser/}.
 */
@SmartOpsTest
@Tag("services")
class PromotionInTasklistTests {

	static final String OWNER = "olivia";
	static final String PASSWORD = "olivia-owner";

	@LocalServerPort
	int port;

	@Autowired
	RepositoryService repository;

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
	AgentPromotions promotions;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theOwnerApprovesAShadowsPromotionToCanaryInTasklistWithTheEvidenceOnTheForm() throws Exception {
		User owner = identity.createUserQuery().userId(OWNER).singleResult();
		if (owner == null) {
			owner = identity.newUser(OWNER);
		}
		owner.setPassword(PASSWORD);
		identity.saveUser(owner);
		if (identity.createUserQuery().userId(OWNER).memberOfGroup(Roles.OPERATORS).count() == 0) {
			identity.createMembership(OWNER, Roles.OPERATORS);
		}
		String capability = "browser-" + UUID.randomUUID().toString().substring(0, 8);
		repository.createDeployment().addModelInstance("routed-" + capability + ".bpmn",
				Bpmn.createExecutableProcess("routed-" + capability).camundaHistoryTimeToLive(1).startEvent()
					.serviceTask("Task_Agent").camundaAsyncBefore()
					.camundaExternalTask("${agentRouter.route(execution, '" + capability + "')}").endEvent().done())
			.deploy();
		Agent incumbent = library.registerForeign(new AgentLibrary.Registration(capability, "Incumbent " + capability, "1",
				0.001, 20L, 0.8));
		Agent challenger = library.registerForeign(new AgentLibrary.Registration(capability, "Challenger " + capability,
				"1", 0.002, 20L, 0.8));
		ConstructedEvidence.shadowPairs(jdbc, telemetry, quality, incumbent, challenger, 40, 36, 20);
		AgentPromotions.Started started = promotions.start(challenger.getId(), 0.25, "demo");
		Task approval = tasks.createTaskQuery().processInstanceId(started.processInstanceId()).singleResult();
		assertThat(approval).as("the gate passed and the owner's approval waits").isNotNull();

		Path shots = Files.createDirectories(Path.of("target", "browser"));
		ProcessBuilder node = new ProcessBuilder("node", "src/server/src/test/browser/approve-agent-promotion.cjs",
				"http://localhost:" + port, approval.getId(), OWNER, PASSWORD, shots.toString()).redirectErrorStream(true);
		node.environment().put("NODE_PATH", Path.of(".ci", "node_modules").toAbsolutePath().toString());
		Process browser = node.start();
		assertThat(browser.waitFor(180, TimeUnit.SECONDS)).isTrue();
		String output = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(browser.exitValue()).as(output).isZero();
		assertThat(output).contains("showing gate decision passed");

		Agent canary = library.find(challenger.getId()).orElseThrow();
		assertThat(canary.getStatus()).isEqualTo(AgentStatus.CANARY);
		assertThat(canary.getCanaryShare()).isEqualTo(0.25);
		assertThat(library.history(challenger.getId())).extracting(AgentChange::getChange).last().asString()
			.contains("approved by " + OWNER + ": approved in Tasklist on the evidence");
		assertThat(shots.resolve("approve-agent-promotion.png")).exists();
	}
}
