package io.smartops.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StageGateTests {

	@Test
	void onlyTheGateMovesAnAgentFromShadowToCanaryAndFromCanaryToActive() {
		assertThat(StageGate.refusal("a", AgentStatus.SHADOW, AgentStatus.CANARY, true)).isNull();
		assertThat(StageGate.refusal("a", AgentStatus.CANARY, AgentStatus.ACTIVE, true)).isNull();
		assertThat(StageGate.refusal("a", AgentStatus.SHADOW, AgentStatus.CANARY, false)).contains("passes the promotion gate");
		assertThat(StageGate.refusal("a", AgentStatus.CANARY, AgentStatus.ACTIVE, false)).contains("passes the promotion gate");
	}

	@Test
	void skippingAStageIsRefusedEvenThroughTheGate() {
		assertThat(StageGate.refusal("a", AgentStatus.SHADOW, AgentStatus.ACTIVE, true))
			.isEqualTo("SHADOW -> ACTIVE is not a stage change an agent may make (from SHADOW: CANARY through the gate, [RETIRED])");
		assertThat(StageGate.refusal("a", AgentStatus.ACTIVE, AgentStatus.RETIRED, false)).contains("from ACTIVE: [DEPRECATED]");
	}

	@Test
	void retirementIsFinal() {
		for (AgentStatus to : AgentStatus.values()) {
			assertThat(StageGate.refusal("a", AgentStatus.RETIRED, to, true)).isNotNull();
		}
	}

	@Test
	void aCanaryFallsBackToShadowAndAnIncumbentIsDeprecatedReinstatedOrRetired() {
		assertThat(StageGate.refusal("a", AgentStatus.CANARY, AgentStatus.SHADOW, false)).isNull();
		assertThat(StageGate.refusal("a", AgentStatus.ACTIVE, AgentStatus.DEPRECATED, false)).isNull();
		assertThat(StageGate.refusal("a", AgentStatus.DEPRECATED, AgentStatus.ACTIVE, false)).isNull();
		assertThat(StageGate.refusal("a", AgentStatus.DEPRECATED, AgentStatus.RETIRED, false)).isNull();
		assertThat(StageGate.refusal("a", AgentStatus.SHADOW, AgentStatus.SHADOW, false)).isEqualTo("agent a is SHADOW already");
	}
}
