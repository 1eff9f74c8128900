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
 * @param digest how the history of ended instances is digested for the insights
 */
@ConfigurationProperties("smartops.insights")
public record InsightProperties(@DefaultValue Map<String, Double> hourlyRates,
		@DefaultValue("50") double defaultHourlyRate, @DefaultValue("0.002") double automationCostPerExecution,
		@DefaultValue("90d") Duration defaultWindow, @DefaultValue("20") int entitlementMinimumInstances,
		@DefaultValue("10") int variants, @DefaultValue Digest digest) {

	/**
	 * The history digest ({@code smartops.insights.digest.*}): each instance that ends is queued in
	 * the engine's transaction, and a background job writes its digest into the day rows the
	 * insights read instead of the raw rows. All nodes of a cluster take the same setting.
	 *
	 * @param enabled off, the insights read every raw row of the window (slow on long histories);
	 * turned on again, the whole history is digested anew
	 * @param interval how often the job looks for ended instances
	 * @param settle an ended instance waits this long before its digest is written, so that agent
	 * calls reported just after it ended are in it
	 * @param batchSize instances digested in one transaction
	 */
	public record Digest(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration interval,
			@DefaultValue("5s") Duration settle, @DefaultValue("2000") int batchSize) {
	}

	public double hourlyRate(String group) {
		return group == null ? defaultHourlyRate : hourlyRates.getOrDefault(group, defaultHourlyRate);
	}
}
