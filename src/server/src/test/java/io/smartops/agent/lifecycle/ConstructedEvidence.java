package io.smartops.agent.lifecycle;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import io.smartops.agent.Agent;
import io.smartops.agent.AgentCall;
import io.smartops.agent.AgentCallReport;
import io.smartops.agent.AgentQuality;
import io.smartops.agent.AgentTelemetry;
import io.smartops.agent.ShadowRunProcess;

/** Shadow evidence whose answer is known, built through the same recording and judging as real calls. */
final class ConstructedEvidence {

	private ConstructedEvidence() {
	}

	/**
	 * {@code pairs} task instances of {@code Task_Agent}, each served by the incumbent and shadowed,
	 * the ground truth (won every other time) making the shadow right {@code shadowRight} times and
	 * the incumbent {@code incumbentRight} times.
	 */
	static void shadowPairs(JdbcTemplate jdbc, AgentTelemetry telemetry, AgentQuality quality, Agent incumbent,
			Agent shadow, int pairs, int shadowRight, int incumbentRight) {
		for (int i = 0; i < pairs; i++) {
			String pi = "pi-" + UUID.randomUUID();
			String shadowPi = "shadow-" + UUID.randomUUID();
			jdbc.update("insert into smartops_shadow_run (shadow_process_instance_id, process_instance_id, activity_id,"
					+ " capability, incumbent_agent_id, shadow_agent_id, created_at) values (?, ?, ?, ?, ?, ?, ?)", shadowPi,
					pi, "Task_Agent", shadow.getCapability(), incumbent.getId(), shadow.getId(), Timestamp.from(Instant.now()));
			boolean won = i % 2 == 0;
			// each side's score is on the side of ½ that makes it right or wrong as asked
			telemetry.record(new AgentCallReport(incumbent.getId(), null, pi, "Task_Agent", "test", Instant.now(), 5,
					AgentCall.Outcome.COMPLETED, null, null, 0, 0, 0, null, null, null, null,
					Map.of("score", (i < incumbentRight) == won ? 0.8 : 0.2)));
			telemetry.record(new AgentCallReport(shadow.getId(), null, shadowPi, ShadowRunProcess.TASK_RUN_SHADOW_AGENT,
					"test", Instant.now(), 5, AgentCall.Outcome.COMPLETED, null, null, 0, 0, 0, null, null, null, null,
					Map.of("score", (i < shadowRight) == won ? 0.8 : 0.2)));
			quality.groundTruthOfTask(pi, "Task_Agent", won);
		}
	}
}
