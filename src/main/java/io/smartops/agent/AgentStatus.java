package io.smartops.agent;

/** Only ACTIVE agents are selected; SHADOW agents are known but get no work; RETIRED is final. */
public enum AgentStatus {
	ACTIVE, SHADOW, DEPRECATED, RETIRED
}
