package io.smartops.coordinate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.smartops.SmartOpsTest;
import io.smartops.agent.worker.AgentWorkers;

/**
 * A person approves the operating plan in the real Tasklist: {@code playwright-core} (from
 * {@code .ci/node_modules}) drives Debian's Chromium headless, logs in, opens the approval task,
 * checks the plan's figures on the Camunda Form and approves. The screenshots are kept in
 * {@code target/browser/}.
 */
@SmartOpsTest
@Tag("services")
class ApprovalInTasklistTests extends CoordinatorHarness {

	@Test
	void aPlannerSeesThePlansFiguresOnTheFormAndApprovesInTasklist() throws Exception {
		String runId;
		try (AgentWorkers workers = workers("browser")) {
			runId = startRun("{}");
			driver().until(() -> !tasksOf(runId, CoordinatorProcess.TASK_APPROVE).isEmpty());
		}
		Task approval = tasksOf(runId, CoordinatorProcess.TASK_APPROVE).get(0);
		String margin = (String) tasks.getVariable(approval.getId(), "marginText");
		Path shots = Files.createDirectories(Path.of("target", "browser"));
		ProcessBuilder node = new ProcessBuilder("node", "src/server/src/test/browser/approve-operating-plan.cjs",
				"http://localhost:" + port, approval.getId(), margin, shots.toString()).redirectErrorStream(true);
		node.environment().put("NODE_PATH", Path.of(".ci", "node_modules").toAbsolutePath().toString());
		Process browser = node.start();
		assertThat(browser.waitFor(180, TimeUnit.SECONDS)).isTrue();
		String output = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(browser.exitValue()).as(output).isZero();
		assertThat(output).contains("showing margin " + margin);

		assertThat(tasks.createTaskQuery().taskId(approval.getId()).count()).isZero();
		PlanningRun run = runs.find(runId).orElseThrow();
		assertThat(run.getApproval()).isEqualTo("PERSON");
		assertThat(run.getApprovedBy()).isEqualTo("demo");
		assertThat(shots.resolve("approve-operating-plan.png")).exists();
		runtime.deleteProcessInstance(processInstance(runId), "browser test over");
	}
}
