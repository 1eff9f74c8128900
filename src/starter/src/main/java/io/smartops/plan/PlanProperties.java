package io.smartops.plan;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Optimizer defaults for the REST API and the optimizer agent. */
@ConfigurationProperties("smartops.plan")
public record PlanProperties(double timeLimitSeconds, double relativeGap) {
}
