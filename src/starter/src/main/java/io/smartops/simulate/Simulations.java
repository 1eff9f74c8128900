package io.smartops.simulate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import io.smartops.core.security.CurrentUser;
import io.smartops.insight.ImprovementSimulations;
import io.smartops.insight.SimulatedEffect;
import io.smartops.simulate.SimulationRequest.Change;
import io.smartops.simulate.model.Estimate;
import io.smartops.simulate.model.ScenarioResult;

/**
 * The process simulations: a request is checked and its model fitted at once by the
 * {@link SimulationPlanner} (a bad one is refused and nothing is kept), then kept by the
 * {@link SimulationStore} and run in the background by the {@link SimulationQueue}, so that any
 * node of a cluster answers for it.
 */
@Service
public class Simulations implements ImprovementSimulations {

	public enum Status {
		QUEUED, RUNNING, SUCCEEDED, FAILED
	}

	/** What a simulation is for: a request of its own, or the improvement plan of a process. */
	public enum Purpose {
		REQUEST, PLAN
	}

	/** One simulated scenario: the baseline, a what-if, or an item of the improvement plan. */
	public record ScenarioView(String label, String improvementId, List<Change> changes, ScenarioResult result) {
	}

	/** How the baseline was fitted: the window, the instances, what had to be assumed. */
	public record Fit(Instant from, Instant to, int instances, List<String> assumptions) {
	}

	/** The results: the fit, the scenarios (the baseline first), and items of a plan that are not simulated. */
	public record Outcome(Fit fit, List<ScenarioView> scenarios, Map<String, String> notSimulated) {
	}

	public record Progress(long instances, long total, double percent) {
	}

	public record SimulationView(String id, String processKey, Purpose purpose, Status status, Progress progress,
			String requestedBy, Instant createdAt, Instant finishedAt, String error, Outcome result) {
	}

	private final SimulationPlanner planner;
	private final SimulationStore store;
	private final SimulationQueue queue;
	private final CurrentUser user;

	Simulations(SimulationPlanner planner, SimulationStore store, SimulationQueue queue, CurrentUser user) {
		this.planner = planner;
		this.store = store;
		this.queue = queue;
		this.user = user;
	}

	/** Checks the request, fits the model and starts the simulation; returns it as queued. */
	public SimulationView submit(SimulationRequest request, String user) {
		return start(asSystem(() -> planner.request(request)), user);
	}

	/** Simulates each item of the process's improvement plan over [from, to) against the baseline. */
	public SimulationView simulatePlan(String processKey, Instant from, Instant to, String user) {
		return start(asSystem(() -> planner.improvements(processKey, from, to)), user);
	}

	/**
	 * Engine reads run as the system rather than as the caller: the endpoint's roles decide who may
	 * simulate, and a simulation reads the whole model (its decisions too) and the history it is
	 * fitted on, whatever the caller may read of them one by one.
	 */
	private <T> T asSystem(java.util.function.Supplier<T> work) {
		return user.as(null, List.of(), work);
	}

	private SimulationView start(SimulationPlan plan, String user) {
		String id = store.queue(plan, user);
		queue.start(id, plan);
		return get(id);
	}

	public SimulationView get(String id) {
		return store.get(id);
	}

	@Override
	public Map<String, SimulatedEffect> latestEffects(String processKey) {
		Optional<String> latest = store.latestPlan(processKey);
		if (latest.isEmpty()) {
			return Map.of();
		}
		SimulationView view = get(latest.get());
		Map<String, SimulatedEffect> effects = new LinkedHashMap<>();
		ScenarioResult baseline = view.result().scenarios().get(0).result();
		for (ScenarioView s : view.result().scenarios()) {
			if (s.improvementId() != null) {
				effects.put(s.improvementId(), new SimulatedEffect(view.id(), view.finishedAt(), kpis(baseline),
						kpis(s.result()), null));
			}
		}
		view.result().notSimulated().forEach((item, why) -> effects.put(item,
				new SimulatedEffect(view.id(), view.finishedAt(), null, null, why)));
		return effects;
	}

	static Map<String, SimulatedEffect.Interval> kpis(ScenarioResult r) {
		Map<String, SimulatedEffect.Interval> m = new LinkedHashMap<>();
		m.put("cycleTimeP50", interval(r.cycleTime().get("p50")));
		m.put("cycleTimeP90", interval(r.cycleTime().get("p90")));
		m.put("throughputPerDay", interval(r.throughputPerDay()));
		m.put("workInProgress", interval(r.workInProgress()));
		m.put("costPerInstance", interval(r.costPerInstance()));
		if (r.slaAttainment() != null) {
			m.put("slaAttainment", interval(r.slaAttainment()));
		}
		return m;
	}

	private static SimulatedEffect.Interval interval(Estimate e) {
		return e == null ? null : new SimulatedEffect.Interval(e.mean(), e.low(), e.high());
	}

}
