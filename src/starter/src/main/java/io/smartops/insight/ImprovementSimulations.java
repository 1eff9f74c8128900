package io.smartops.insight;

import java.util.Map;

/**
 * The simulated effects of a process's improvement plan, by improvement id, from the latest
 * simulation of the plan that finished. Implemented by the simulator's module, so that the insights
 * show its predictions without depending on it.
 */
public interface ImprovementSimulations {

	Map<String, SimulatedEffect> latestEffects(String processKey);
}
