package io.smartops.server;

import io.smartops.core.execution.TaskExecution;
import io.smartops.core.execution.TaskExecutionRepository;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.smartops.core.execution.TaskExecution.ExecutorKind;
import io.smartops.demo.sales.SalesProcess;

/**
 * The production profile on the machine's PostgreSQL (127.0.0.1:5432): the engine schema, the
 * project's tables and the task-execution records in the engine's transactions. Runs in the
 * services profile (.ci/run).
 */
@Tag("services")
@SpringBootTest(classes = SmartOpsServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "test", "postgres" })
class PostgresEngineTests {

	static final String DATABASE = "smartops_test_" + ProcessHandle.current().pid();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) throws Exception {
		String host = System.getenv().getOrDefault("SMARTOPS_TEST_PG_HOST", "127.0.0.1:5432");
		try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + "/postgres", "postgres", "")) {
			// databases left by earlier runs (a JVM holds its own until it exits)
			try (ResultSet old = c.createStatement()
				.executeQuery("select datname from pg_database where datname like 'smartops_test_%'")) {
				List<String> names = new java.util.ArrayList<>();
				while (old.next()) {
					names.add(old.getString(1));
				}
				for (String name : names) {
					c.createStatement().execute("drop database if exists " + name + " with (force)");
				}
			}
			c.createStatement().execute("create database " + DATABASE);
		}
		registry.add("spring.datasource.url", () -> "jdbc:postgresql://" + host + "/" + DATABASE);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
		// the cluster's shared secrets, required in the postgres profile
		registry.add("smartops.worker.password", () -> "test-worker-secret");
		registry.add("smartops.orchestrate.confirm-secret", () -> "test-confirm-secret");
		registry.add("smartops.orchestrate.apps-api-key", () -> "test-apps-key");
	}

	@Autowired
	RuntimeService runtime;

	@Autowired
	ExternalTaskService externalTasks;

	@Autowired
	TaskService tasks;

	@Autowired
	org.camunda.bpm.engine.ManagementService management;

	@Autowired
	TaskExecutionRepository executions;

	@Autowired
	javax.sql.DataSource dataSource;

	@Autowired
	io.smartops.agent.AgentLibrary library;

	@Autowired
	io.smartops.agent.builtin.BuiltinAgents builtins;

	@Test
	void aLeadRunsToReviewOnPostgresAndEveryTaskIsRecorded() throws Exception {
		try (Connection c = dataSource.getConnection()) {
			assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
			try (ResultSet r = c.createStatement().executeQuery("select count(*) from act_re_deployment")) {
				r.next();
				assertThat(r.getLong(1)).isPositive();
			}
		}
		builtins.register(library);
		ProcessInstance pi = runtime.createMessageCorrelation(SalesProcess.MESSAGE_LEAD_RECEIVED)
			.setVariables(Map.of("companyName", "Wayne Enterprises", "contactName", "Lucius", "email",
					"lucius@wayne.example", "country", "US", "employees", 90000))
			.correlateStartMessage();
		for (Map.Entry<String, Map<String, Object>> step : List.of(
				Map.entry(SalesProcess.CAPABILITY_COMPANY_ENRICHMENT, Map.<String, Object>of("industry", "Conglomerate")),
				Map.entry(SalesProcess.CAPABILITY_LEAD_SCORING, Map.<String, Object>of("leadScore", 0.9)),
				Map.entry(SalesProcess.CAPABILITY_PROPOSAL_DRAFTING, Map.<String, Object>of("proposal", "Dear Lucius")))) {
			management.executeJob(management.createJobQuery().processInstanceId(pi.getId()).singleResult().getId());
			org.camunda.bpm.engine.externaltask.ExternalTask task = externalTasks.createExternalTaskQuery()
				.processInstanceId(pi.getId()).singleResult();
			assertThat(task.getTopicName()).startsWith("agent." + step.getKey() + ".");
			externalTasks.lock(task.getId(), "pg-test", 10_000);
			externalTasks.complete(task.getId(), "pg-test", step.getValue());
		}
		assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskCandidateGroup("sales-americas-enterprise")
			.count()).isEqualTo(1);
		assertThat(executions.findByProcessInstanceIdOrderByStartedAt(pi.getId())).extracting(TaskExecution::getExecutorKind)
			.contains(ExecutorKind.AUTOMATION, ExecutorKind.AGENT, ExecutorKind.HUMAN);
	}
}
