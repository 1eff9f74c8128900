package io.smartops.simulate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.smartops.simulate.Simulations.Outcome;
import io.smartops.simulate.Simulations.ScenarioView;
import io.smartops.simulate.model.ScenarioResult;
import io.smartops.simulate.model.SimulationSpec;

/**
 * Runs the queued simulations in the background, {@code smartops.simulation.concurrent} at a time,
 * each in a simulator process of its own ({@link SimulationProcess}), writing progress as it goes
 * (logged every 10 s) and a heartbeat while it waits or runs.
 */
@Component
class SimulationQueue implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SimulationQueue.class);

	private final SimulationProcess simulator;
	private final SimulationStore store;
	private final ExecutorService runner;
	private final Set<String> active = ConcurrentHashMap.newKeySet();

	SimulationQueue(SimulationProcess simulator, SimulationStore store, SimulationProperties properties) {
		this.simulator = simulator;
		this.store = store;
		AtomicInteger n = new AtomicInteger();
		this.runner = Executors.newFixedThreadPool(Math.max(1, properties.concurrent()), r -> {
			Thread t = new Thread(r, "simulation-" + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
	}

	/** Runs a queued simulation once a runner is free. */
	void start(String id, SimulationPlan plan) {
		SimulationSpec spec = plan.spec();
		active.add(id);
		runner.execute(() -> run(id, plan));
		log.info("simulation {} of {} queued: {} scenario(s) × {} replication(s) × {}", id, spec.processKey(),
				spec.scenarios().size(), spec.replications(),
				spec.instances() != null ? spec.instances() + " instances" : Duration.ofMillis(spec.horizonMillis()));
	}

	private void run(String id, SimulationPlan plan) {
		long started = System.nanoTime();
		try {
			store.running(id);
			long[] logged = { 0 };
			List<ScenarioResult> results = simulator.run(plan.spec(), (done, all) -> {
				store.progress(id, done, all);
				if (System.nanoTime() - logged[0] > 10_000_000_000L) {
					logged[0] = System.nanoTime();
					double seconds = (System.nanoTime() - started) / 1e9;
					log.info("simulation {}: {} of {} instances ({}%), {} instances/s", id, done, all,
							Math.round(100.0 * done / Math.max(1, all)), Math.round(done / Math.max(seconds, 1e-9)));
				}
			});
			List<ScenarioView> views = new ArrayList<>();
			for (int i = 0; i < results.size(); i++) {
				ScenarioView v = plan.views().get(i);
				views.add(new ScenarioView(v.label(), v.improvementId(), v.changes(), results.get(i)));
			}
			store.succeeded(id, new Outcome(plan.fit(), views, plan.notSimulated()));
			log.info("simulation {} done in {} s", id, String.format("%.1f", (System.nanoTime() - started) / 1e9));
		}
		catch (RuntimeException e) {
			log.warn("simulation {} failed: {}", id, e.getMessage());
			store.failed(id, e.getMessage());
		}
		finally {
			active.remove(id);
		}
	}

	/** Keeps this node's simulations' heartbeat fresh while they wait or run. */
	@Scheduled(fixedDelayString = "${smartops.simulation.heartbeat:PT30S}")
	void heartbeat() {
		for (String id : active) {
			store.alive(id);
		}
	}

	@Override
	public void destroy() {
		runner.shutdownNow();
	}
}
