package io.smartops.simulate;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the process simulator ({@code smartops.simulation.*}).
 *
 * @param javaOptions options of the simulator's JVM (a simulation runs in a process of its own)
 * @param concurrent simulations that run at once on a node; more wait their turn
 * @param defaultInstances instances a replication starts when a request names neither instances nor a horizon
 * @param maxInstances the most instances a replication may start
 * @param defaultReplications replications when a request names none (intervals need two or more)
 * @param warmUpShare the first share of instances (or of the horizon) left out of the KPIs
 * @param fitInstances the most recent instances of the window the model is fitted on (arrivals use all)
 * @param variableSets start-variable sets taken from as many recent instances
 * @param timeout a simulation still running after this long is stopped and fails
 * @param stalled a running simulation whose node has not reported for this long is taken as failed
 */
@ConfigurationProperties("smartops.simulation")
public record SimulationProperties(@DefaultValue({ "-Xmx1g", "-XX:+UseParallelGC" }) List<String> javaOptions,
		@DefaultValue("2") int concurrent, @DefaultValue("2000") int defaultInstances,
		@DefaultValue("1000000") int maxInstances, @DefaultValue("5") int defaultReplications,
		@DefaultValue("0.1") double warmUpShare, @DefaultValue("5000") int fitInstances,
		@DefaultValue("200") int variableSets, @DefaultValue("30m") Duration timeout,
		@DefaultValue("2m") Duration stalled) {
}
