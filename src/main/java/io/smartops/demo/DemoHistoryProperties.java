package io.smartops.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo's history ({@code smartops.demo.history.*}; {@code enabled} turns it on).
 *
 * @param days how many days back the history starts
 * @param leadsPerDay leads a working day, on average (weekends get a sixth)
 * @param seed the random seed: the same seed makes the same history
 */
@ConfigurationProperties("smartops.demo.history")
public record DemoHistoryProperties(@DefaultValue("42") int days, @DefaultValue("8") int leadsPerDay,
		@DefaultValue("7") long seed) {
}
