package io.smartops.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.smartops.agent.SelectionPolicy.Candidate;
import io.smartops.agent.SelectionPolicy.Decision;
import io.smartops.agent.SelectionPolicy.Requirements;

/** Every rule of the selection policy, one test each. */
class SelectionPolicyTests {

	final SelectionPolicy policy = new SelectionPolicy();
	final Requirements req = new Requirements(0.8, 2_000, null);

	static Candidate agent(String id, double cost, long latency, double quality) {
		return new Candidate(id, AgentStatus.ACTIVE, cost, latency, quality, true, false, false);
	}

	Decision select(Candidate... candidates) {
		return policy.select("lead-scoring", List.of(candidates), req);
	}

	@Test
	void picksTheCheapestQualifyingAgent() {
		Decision d = select(agent("llm", 0.02, 900, 0.9), agent("ml", 0.001, 40, 0.85), agent("rules", 0.0001, 5, 0.82));
		assertThat(d.agentId()).contains("rules");
		assertThat(d.reason()).contains("cheapest qualifying agent").contains("3 of 3 qualified");
	}

	@Test
	void skipsAgentsBelowTheQualityFloor() {
		Decision d = select(agent("cheap", 0.0001, 5, 0.6), agent("good", 0.01, 50, 0.9));
		assertThat(d.agentId()).contains("good");
		assertThat(d.rejected()).containsExactly("cheap: quality 0.60 below the floor 0.80");
	}

	@Test
	void skipsAgentsAboveTheLatencyCeiling() {
		Decision d = select(agent("slow", 0.0001, 5_000, 0.9), agent("fast", 0.01, 50, 0.9));
		assertThat(d.agentId()).contains("fast");
		assertThat(d.rejected().get(0)).contains("latency 5000 ms above the ceiling 2000 ms");
	}

	@Test
	void onlyActiveAgentsAreSelected() {
		Candidate shadow = new Candidate("shadow", AgentStatus.SHADOW, 0, 1, 1, true, false, false);
		Candidate retired = new Candidate("retired", AgentStatus.RETIRED, 0, 1, 1, true, false, false);
		Decision d = select(shadow, retired, agent("active", 0.5, 10, 0.9));
		assertThat(d.agentId()).contains("active");
		assertThat(d.rejected()).containsExactly("shadow: status SHADOW", "retired: status RETIRED");
	}

	@Test
	void skipsAnUnavailableAgent() {
		Candidate llm = new Candidate("llm", AgentStatus.ACTIVE, 0.0001, 10, 0.95, false, false, false);
		assertThat(select(llm, agent("template", 0.001, 5, 0.85)).agentId()).contains("template");
	}

	@Test
	void skipsAnAgentWhoseCircuitBreakerIsOpen() {
		Candidate tripped = new Candidate("flaky", AgentStatus.ACTIVE, 0.0001, 10, 0.95, true, true, false);
		Decision d = select(tripped, agent("steady", 0.01, 10, 0.9));
		assertThat(d.agentId()).contains("steady");
		assertThat(d.rejected().get(0)).contains("circuit breaker open");
	}

	@Test
	void skipsAnAgentOverItsDailyBudget() {
		Candidate spent = new Candidate("spent", AgentStatus.ACTIVE, 0.0001, 10, 0.95, true, false, true);
		assertThat(select(spent, agent("other", 0.01, 10, 0.9)).agentId()).contains("other");
	}

	@Test
	void fallsBackToACheaperAgentWhenTheInstanceBudgetIsNearlySpent() {
		Requirements tight = new Requirements(0.8, 2_000, 0.005);
		Decision d = policy.select("proposal-drafting",
				List.of(agent("llm", 0.02, 900, 0.95), agent("template", 0.001, 5, 0.85)), tight);
		assertThat(d.agentId()).contains("template");
		assertThat(d.rejected().get(0)).contains("remaining budget");
	}

	@Test
	void breaksCostTiesByQualityThenLatency() {
		assertThat(select(agent("a", 0.01, 100, 0.85), agent("b", 0.01, 100, 0.95)).agentId()).contains("b");
		assertThat(select(agent("a", 0.01, 300, 0.9), agent("b", 0.01, 100, 0.9)).agentId()).contains("b");
	}

	@Test
	void saysWhyWhenNoAgentQualifies() {
		Decision d = select(agent("weak", 0.001, 10, 0.5));
		assertThat(d.chosen()).isFalse();
		assertThat(d.reason()).isEqualTo(
				"no agent qualifies for capability lead-scoring (weak: quality 0.50 below the floor 0.80)");
		assertThat(policy.select("x", List.of(), req).reason()).isEqualTo("no agent is registered for capability x");
	}

	@Test
	void bestValueWeighsQualityByTheValueOfARightAnswerAgainstCostAndLatency() {
		Candidate cheapRules = new Candidate("rules", AgentStatus.ACTIVE, 0.0001, 5, 0.55, true, false, false);
		Candidate ml = new Candidate("ml", AgentStatus.ACTIVE, 0.0002, 5, 0.72, true, false, false);
		Candidate slowLlm = new Candidate("llm", AgentStatus.ACTIVE, 0.002, 8000, 0.9, true, false, false);
		List<Candidate> all = List.of(cheapRules, ml, slowLlm);
		// cheapest that meets the floor 0.5: the rules
		assertThat(policy.select("lead-scoring", all, new Requirements(0.5, 30_000, null)).agentId()).contains("rules");
		// a right answer worth 1.0, a second of waiting 0.1: ml 0.72 - 0.0002 - 0.0005 beats llm 0.9 - 0.002 - 0.8
		Decision value = policy.select("lead-scoring", all,
				new Requirements(0.5, 30_000, null, SelectionPolicy.Objective.BEST_VALUE, 1.0, 0.1));
		assertThat(value.agentId()).contains("ml");
		assertThat(value.reason()).startsWith("best expected value for lead-scoring: 0.7193 = quality 0.720");
		// waiting costs nothing: the LLM's quality wins
		assertThat(policy.select("lead-scoring", all,
				new Requirements(0.5, 30_000, null, SelectionPolicy.Objective.BEST_VALUE, 1.0, 0)).agentId()).contains("llm");
	}

	@Test
	void whenMeasuredQualityDriftsBelowTheFloorTheBestRegisteredAboveItServes() {
		Candidate drifted = new Candidate("drifted", AgentStatus.ACTIVE, 0.0001, 5, 0.45, true, false, false, 0.7);
		Candidate designedLow = new Candidate("low", AgentStatus.ACTIVE, 0.0001, 5, 0.55, true, false, false, 0.5);
		Decision d = policy.select("lead-scoring", List.of(drifted, designedLow), new Requirements(0.6, 30_000, null));
		assertThat(d.agentId()).contains("drifted");
		assertThat(d.belowFloor()).isTrue();
		assertThat(policy.select("lead-scoring", List.of(designedLow), new Requirements(0.6, 30_000, null)).chosen()).isFalse();
	}
}
