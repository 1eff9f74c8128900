package io.smartops.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smartops.agent.AgentCall;
import io.smartops.insight.HistoryDigest.ExecutionDigest;
import io.smartops.insight.HistoryDigest.InstanceDigest;
import io.smartops.insight.ProcessHistory.AgentCallRecord;
import io.smartops.core.execution.TaskExecution.ExecutorKind;
import io.smartops.core.execution.TaskExecution.Outcome;

/** A day's digests read back as they were written, whatever is missing, and only those of the window. */
class DigestCodecTests {

	static final long T = 1_775_000_000_000L;

	@Test
	void instancesReadBackWithTheirPathsFlagsAndCostParts() {
		Map<String, Long> people = new HashMap<>();
		people.put("clerks", 7_200_000L);
		people.put(null, 60_000L);
		List<InstanceDigest> written = List.of(
				new InstanceDigest(T + 5_000, T + 90_000, true, false, List.of("A", "B", "A"), 0.25, 3, people),
				new InstanceDigest(T, T + 1_000, false, true, List.of(), 0, 0, Map.of()),
				new InstanceDigest(T + 2_000, T + 1_500, true, true, List.of("Ä — ü"), 1e-9, 1, Map.of("x", -5L)));
		List<InstanceDigest> read = new ArrayList<>();
		DigestCodec.readInstances(DigestCodec.instances(written), read);
		assertThat(read).containsExactlyInAnyOrderElementsOf(written);
	}

	@Test
	void executionsReadBackWithWhatIsMissingMissing() {
		List<ExecutionDigest> written = List.of(
				new ExecutionDigest("Task_Review", "Review", ExecutorKind.HUMAN, T + 10, 3_600_000L, 600_000L, Double.NaN,
						Outcome.COMPLETED, 0, 1, "clerks", "mary", 1, true),
				new ExecutionDigest("Task_Review", "Review", ExecutorKind.HUMAN, T + 4_000_000, ExecutionDigest.NONE,
						ExecutionDigest.NONE, Double.NaN,
						Outcome.CANCELED, 0, 0, "clerks", null, 2, false),
				new ExecutionDigest("Task_Score", null, ExecutorKind.AGENT, T, 20L, 15L, 0.0004, Outcome.BPMN_ERROR, 2, 0,
						null, "scorer", 1, false),
				new ExecutionDigest("Task_Odd", "Odd", ExecutorKind.AUTOMATION, T + 7, -3L, 0L, Double.NaN, Outcome.INCIDENT, 0, 0,
						null, null, 1, false));
		List<ExecutionDigest> all = new ArrayList<>();
		DigestCodec.readExecutions(DigestCodec.executions(written), all);
		assertThat(all).containsExactlyInAnyOrderElementsOf(written);
	}

	@Test
	void callsReadBackWithAndWithoutFeedbackAndConfidence() {
		List<AgentCallRecord> written = List.of(
				new AgentCallRecord("Task_Score", "scorer", AgentCall.Outcome.LOW_CONFIDENCE, AgentCall.Feedback.EDITED, 0.41,
						T + 1),
				new AgentCallRecord("Task_Score", "scorer", AgentCall.Outcome.FAILURE, null, null, T));
		List<AgentCallRecord> read = new ArrayList<>();
		DigestCodec.readCalls(DigestCodec.calls(written), T, T + 2, read);
		assertThat(read).containsExactlyInAnyOrderElementsOf(written);
		List<AgentCallRecord> late = new ArrayList<>();
		DigestCodec.readCalls(DigestCodec.calls(written), T + 1, T + 2, late);
		assertThat(late).containsExactly(written.get(0));
	}

	@Test
	void anEmptyDayIsAFewBytes() {
		assertThat(DigestCodec.executions(List.of())).hasSizeLessThan(4);
		List<ExecutionDigest> none = new ArrayList<>();
		DigestCodec.readExecutions(DigestCodec.executions(List.of()), none);
		assertThat(none).isEmpty();
	}
}
