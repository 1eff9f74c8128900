package io.smartops.insight;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the process insights ({@code smartops.insights.*}).
 *
 * @param hourlyRates what an hour of a person's work costs, per candidate group
 * @param defaultHourlyRate the rate of a group not listed, and of a task with no candidate group
 * @param automationCostPerExecution what one execution of an automated task (a delegate, a DMN
 * decision) costs
 * @param defaultWindow the window when a request names no {@code from}: this long before {@code to}
 * @param entitlementMinimumInstances a week counts for the entitlement only with at least this
 * many instances completed in it
 * @param variants how many of the most frequent variants an insight lists
 */
@ConfigurationProperties("smartops.insights")
public record InsightProperties(@DefaultValue Map<String, Double> hourlyRates,
		@DefaultValue("50") double defaultHourlyRate, @DefaultValue("0.002") double automationCostPerExecution,
		@DefaultValue("90d") Duration defaultWindow, @DefaultValue("20") int entitlementMinimumInstances,
		@DefaultValue("10") int variants) {

	public double hourlyRate(String group) {
		return group == null ? defaultHourlyRate : hourlyRates.getOrDefault(group, defaultHourlyRate);
	}
}
