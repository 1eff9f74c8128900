package io.smartops.agent;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the agent runtime ({@code smartops.agents.*}).
 *
 * @param qualityFloor selection default when neither the task ({@code qualityFloor} input) nor
 * the process sets one
 * @param latencyCeilingMillis selection default likewise ({@code latencyCeilingMillis})
 * @param circuitBreakerFailures this many failed calls in a row open an agent's circuit breaker
 * @param circuitBreakerCooldown how long an open breaker keeps the agent out of selection
 * @param auditContent {@code full} keeps prompts and outputs in the call audit, {@code hash}
 * keeps only their SHA-256
 * @param auditRetention how long call records are kept (the engine's history time-to-live)
 * @param mcpCallTimeout how long one call of an MCP-tool agent's tool may take before it fails
 * @param mcpRefresh how often a node's workers look for MCP-tool agents registered on other nodes
 * (the node that registers one serves it at once)
 * @param qualityWindow an agent's measured quality rests on its newest this many evaluated calls
 * @param lifecycle the stage gates and the canary's guardrails
 * @param judging when an evaluator's (LLM-as-judge) verdicts count in measured quality
 * @param workerThreads external-task client threads of the in-process workers (which run unless
 * {@code smartops.agents.in-server-workers} is false)
 */
@ConfigurationProperties("smartops.agents")
public record AgentProperties(@DefaultValue("0.7") double qualityFloor, @DefaultValue("30000") long latencyCeilingMillis,
		@DefaultValue("3") int circuitBreakerFailures, @DefaultValue("60s") Duration circuitBreakerCooldown,
		@DefaultValue("full") AuditContent auditContent, @DefaultValue("30d") Duration auditRetention,
		@DefaultValue("30s") Duration mcpCallTimeout, @DefaultValue("10s") Duration mcpRefresh,
		@DefaultValue("200") int qualityWindow, @DefaultValue Lifecycle lifecycle, @DefaultValue("1") int workerThreads,
		@DefaultValue Judging judging) {

	/**
	 * When an evaluator's verdicts count ({@code smartops.agents.judging.*}): its agreement with
	 * people's verdicts on the same outputs ({@link JudgeAgreement}) must reach the floor.
	 *
	 * @param kappaFloor the Cohen's kappa it must reach (0.6: "substantial" on Landis and Koch's scale)
	 * @param minAgreement over at least this many outputs both judged
	 * @param weight a counted verdict weighs this much of a person's in measured quality
	 * @param threads evaluators run on this many threads, after the judged call is recorded
	 */
	public record Judging(@DefaultValue("0.6") double kappaFloor, @DefaultValue("20") int minAgreement,
			@DefaultValue("0.5") double weight, @DefaultValue("1") int threads) {
	}

	/**
	 * The stage gates and canary guardrails ({@code smartops.agents.lifecycle.*}).
	 *
	 * @param minShadowRuns a shadow needs this many compared runs before its gate can pass
	 * @param minCanaryInstances the canary gate needs this many process instances in each arm
	 * @param significance the level of the gate's one-sided tests: a candidate fails when it is worse
	 * at this level
	 * @param canaryShare the share of process instances a new canary serves unless the promotion says
	 * @param guardrailMinCalls a canary's guardrails judge it from this many calls on
	 * @param maxErrorRate guardrail: the canary's share of failed calls
	 * @param maxLowConfidenceRate guardrail: the canary's share of answers below the task's confidence
	 * floor
	 * @param maxCostFactor guardrail: the canary's mean cost per call, as a multiple of the incumbent's
	 * expected cost
	 * @param drainCheck how often the promotion process looks whether a deprecated incumbent's open
	 * tasks have drained (an ISO-8601 duration)
	 * @param shadowQuiet shadow runs start once no task has been routed on the node for this long
	 * @param shadowMaxDelay or once the oldest waiting shadow run has waited this long
	 */
	public record Lifecycle(@DefaultValue("30") int minShadowRuns, @DefaultValue("30") int minCanaryInstances,
			@DefaultValue("0.05") double significance, @DefaultValue("0.2") double canaryShare,
			@DefaultValue("10") int guardrailMinCalls, @DefaultValue("0.2") double maxErrorRate,
			@DefaultValue("0.3") double maxLowConfidenceRate, @DefaultValue("3") double maxCostFactor,
			@DefaultValue("PT1M") String drainCheck, @DefaultValue("1s") Duration shadowQuiet,
			@DefaultValue("10m") Duration shadowMaxDelay) {
	}

	public enum AuditContent {
		FULL, HASH
	}
}
