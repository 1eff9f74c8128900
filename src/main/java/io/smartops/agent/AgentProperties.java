package io.smartops.agent;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Global defaults of the selection policy; a task's input parameters ({@code qualityFloor},
 * {@code latencyCeilingMillis}) and process variables of the same names override them.
 */
@ConfigurationProperties("smartops.agents")
public record AgentProperties(@DefaultValue("0.7") double qualityFloor,
		@DefaultValue("30000") long latencyCeilingMillis) {
}
