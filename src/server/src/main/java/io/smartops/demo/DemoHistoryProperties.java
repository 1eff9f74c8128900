package io.smartops.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo's history ({@code smartops.demo.history.*}; {@code enabled} turns it on).
 *
 * @param days how many days back the history starts
 * @param leadsPerDay leads a working day, on average (weekends get a sixth)
 * @param seed the random seed: the same seed makes the same history
 * @param lifecycle whether the history shows an agent's lifecycle: the ML lead scorer, the rules
 * scorer's shadow, asks for promotion to canary halfway and to active at the end
 */
@ConfigurationProperties("smartops.demo.history")
public record DemoHistoryProperties(int days, int leadsPerDay, long seed, boolean lifecycle) {

	@ConstructorBinding
	public DemoHistoryProperties(@DefaultValue("42") int days, @DefaultValue("8") int leadsPerDay,
			@DefaultValue("7") long seed, @DefaultValue("true") boolean lifecycle) {
		this.days = days;
		this.leadsPerDay = leadsPerDay;
		this.seed = seed;
		this.lifecycle = lifecycle;
	}

	/** A history without the lifecycle story (the tests that share a library with others). */
	public DemoHistoryProperties(int days, int leadsPerDay, long seed) {
		this(days, leadsPerDay, seed, false);
	}
}
