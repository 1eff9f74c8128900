package io.smartops.agent;

/**
 * An agent's stage in its lifecycle. ACTIVE agents are selected; a CANARY serves its configured
 * share of process instances; a SHADOW works on copies of its incumbent's inputs and its outputs
 * go nowhere; DEPRECATED agents get no new work while their open tasks drain; RETIRED is final.
 * Which changes are allowed, and which need the promotion gate, is {@code AgentLifecycle}'s.
 */
public enum AgentStatus {
	ACTIVE, SHADOW, CANARY, DEPRECATED, RETIRED
}
