package io.smartops.core.owner;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.smartops.support.FormWording;
import io.smartops.SmartOpsTest;
import io.smartops.agent.Agent;
import io.smartops.agent.AgentCall;
import io.smartops.agent.AgentCallReport;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentTelemetry;
import io.smartops.support.RoleUsers;

/**
 * What needs a process's owner lands on the owner's Tasklist, once: an incident left open past its
 * age, an agent whose failures open its circuit breaker. The owner is the one named for the
 * process, its pod the task's candidate group.
 */
@SmartOpsTest
class OwnerEscalationsTests {

	@Autowired
	OwnerEscalations escalations;

	@Autowired
	ProcessOwners owners;

	@Autowired
	RepositoryService repository;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ExternalTaskService externalTasks;

	@Autowired
	TaskService tasks;

	@Autowired
	IdentityService identity;

	@Autowired
	AgentLibrary library;

	@Autowired
	AgentTelemetry telemetry;

	String key;

	@BeforeEach
	void process() {
		RoleUsers.ensure(identity, Map.of("oe-owner", "sales-managers"), "owner-secret");
		key = "escalate-" + Long.toString(System.nanoTime(), 36);
		repository.createDeployment()
			.addModelInstance(key + ".bpmn", Bpmn.createExecutableProcess(key).startEvent()
				.serviceTask("Task_Call").name("Call the system").camundaExternalTask("escalate-topic")
				.endEvent().done())
			.deploy();
		owners.setOwner(key, "oe-owner", "sales-managers", "test");
	}

	@AfterEach
	void clock() {
		ClockUtil.reset();
	}

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	@Test
	void anIncidentLeftOpenPastItsAgeGoesToTheOwnerOfItsProcessOnce() {
		ProcessInstance pi = runtime.startProcessInstanceByKey(key);
		List<LockedExternalTask> locked = externalTasks.fetchAndLock(10, "w").topic("escalate-topic", 60_000).execute();
		LockedExternalTask mine = locked.stream().filter(t -> t.getProcessInstanceId().equals(pi.getId())).findFirst()
			.orElseThrow();
		externalTasks.handleFailure(mine.getId(), "w", "ERP unreachable", 0, 0);
		Incident incident = runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult();

		escalations.escalateOldIncidents();
		assertThat(escalation("INCIDENT:" + incident.getId())).as("not old enough yet").isNull();

		ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 5 * 3_600_000L));
		escalations.escalateOldIncidents();
		escalations.escalateOldIncidents();
		Task task = escalation("INCIDENT:" + incident.getId());
		assertThat(task).isNotNull();
		assertThat(task.getAssignee()).isEqualTo("oe-owner");
		assertThat(tasks.getIdentityLinksForTask(task.getId())).extracting(IdentityLink::getGroupId)
			.contains("sales-managers");
		assertThat((String) tasks.getVariable(task.getId(), "detail")).contains("ERP unreachable");
		assertThat(tasks.createTaskQuery().processInstanceBusinessKey("INCIDENT:" + incident.getId()).count()).isEqualTo(1);
	}

	@Test
	void theFailureThatOpensAnAgentsCircuitBreakerGoesToTheOwnerOnce() throws InterruptedException {
		ProcessInstance pi = runtime.startProcessInstanceByKey(key);
		Agent agent = library.registerForeign(new AgentLibrary.Registration("escalation-" + key, "Flaky " + key, "1",
				0.01, 100L, 0.9, null, null, null));
		for (int i = 0; i < 5; i++) {
			telemetry.record(new AgentCallReport(agent.getId(), null, pi.getId(), "Task_Call", "w",
					java.time.Instant.now(), 10, AgentCall.Outcome.FAILURE, null, null, 0, 0, 0, null, null, null,
					"timeout " + i));
		}
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
			.until(() -> tasks.createTaskQuery().processDefinitionKey(OwnerEscalations.PROCESS_KEY)
				.processVariableValueEquals("escalatedProcessKey", key).count() > 0);
		Thread.sleep(500);
		List<Task> escalated = tasks.createTaskQuery().processDefinitionKey(OwnerEscalations.PROCESS_KEY)
			.processVariableValueEquals("escalatedProcessKey", key).list();
		assertThat(escalated).as("once, however many failures follow").hasSize(1);
		assertThat(escalated.get(0).getAssignee()).isEqualTo("oe-owner");
		assertThat((String) tasks.getVariable(escalated.get(0).getId(), "summary")).contains("failed 3 calls in a row");
		assertThat((String) tasks.getVariable(escalated.get(0).getId(), "escalationKind")).isEqualTo("AGENT_GUARDRAIL");
		FormWording.assertInWords("resolve-owner-escalation", tasks.getVariables(escalated.get(0).getId()));
	}

	@Test
	void aBreachQueuedByANodeThatStoppedBeforeEscalatingItIsEscalatedByTheSweepOnce() {
		// what an agent call's transaction leaves when its node is killed before the escalation's thread runs
		jdbc.update("insert into smartops_owner_escalation_queue (process_key, kind, subject, summary, detail, queued_at)"
				+ " values (?, 'AGENT_GUARDRAIL', ?, 'Flaky used up its daily budget', 'until tomorrow', ?)", key,
				"flaky:budget:" + key, java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(120)));
		assertThat(escalations.sweepQueue()).isEqualTo(1);
		Task task = escalation("AGENT_GUARDRAIL:flaky:budget:" + key);
		assertThat(task).isNotNull();
		assertThat(task.getAssignee()).isEqualTo("oe-owner");
		assertThat((String) tasks.getVariable(task.getId(), "summary")).isEqualTo("Flaky used up its daily budget");
		assertThat(jdbc.queryForObject("select count(*) from smartops_owner_escalation_queue where process_key = ?",
				Long.class, key)).isZero();
		jdbc.update("insert into smartops_owner_escalation_queue (process_key, kind, subject, summary, detail, queued_at)"
				+ " values (?, 'AGENT_GUARDRAIL', ?, 'again', 'again', ?)", key, "flaky:budget:" + key,
				java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(120)));
		escalations.sweepQueue();
		assertThat(tasks.createTaskQuery().processInstanceBusinessKey("AGENT_GUARDRAIL:flaky:budget:" + key).count())
			.as("escalated once").isEqualTo(1);
	}

	Task escalation(String businessKey) {
		return tasks.createTaskQuery().processInstanceBusinessKey(businessKey).singleResult();
	}
}
