package io.smartops.simulate;

import java.util.List;
import java.util.Map;

import io.smartops.simulate.Simulations.Fit;
import io.smartops.simulate.Simulations.Purpose;
import io.smartops.simulate.Simulations.ScenarioView;
import io.smartops.simulate.model.SimulationSpec;

/**
 * A simulation worked out ({@link SimulationPlanner}) and ready to run: why it runs and what was
 * asked, the simulator's spec, the window its parameters were fitted on, a view per scenario, and
 * the improvement items that cannot be simulated with the reason.
 */
record SimulationPlan(Purpose purpose, Object request, SimulationSpec spec, Fit fit, List<ScenarioView> views,
		Map<String, String> notSimulated) {
}
