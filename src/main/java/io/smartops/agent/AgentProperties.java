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
 */
@ConfigurationProperties("smartops.agents")
public record AgentProperties(@DefaultValue("0.7") double qualityFloor, @DefaultValue("30000") long latencyCeilingMillis,
		@DefaultValue("3") int circuitBreakerFailures, @DefaultValue("60s") Duration circuitBreakerCooldown,
		@DefaultValue("full") AuditContent auditContent, @DefaultValue("30d") Duration auditRetention,
		@DefaultValue("30s") Duration mcpCallTimeout, @DefaultValue("10s") Duration mcpRefresh) {

	public enum AuditContent {
		FULL, HASH
	}
}
