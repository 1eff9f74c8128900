package io.smartops.plan;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.smartops.plan.model.AutoBackend;
import io.smartops.plan.model.MipBackend;
import io.smartops.plan.model.SolveOptions;
import io.smartops.plan.scenario.Scenario;

/** The Java API the optimizer agent and the REST endpoint call: scenario in, plan out. */
@Service
public class PlanningService {

	private static final Logger log = LoggerFactory.getLogger(PlanningService.class);

	private final SolveOptions options;

	PlanningService(PlanProperties properties) {
		this.options = new SolveOptions(Duration.ofMillis((long) (properties.timeLimitSeconds() * 1000)),
				properties.relativeGap(), log::info);
	}

	public Plan optimize(Scenario scenario) {
		return new Optimizer(AutoBackend.standard(false), options).optimize(scenario);
	}

	/**
	 * Solves a retail model other agents extended (rows, objective lines, fixed choices) within a
	 * time limit; without ranging, binding rows get no ranges (a re-plan that must answer fast).
	 */
	public Plan optimize(RetailModel retail, Duration timeLimit, boolean ranging) {
		return new Optimizer(AutoBackend.standard(false), options.withTimeLimit(timeLimit), ranging ? 5_000 : 0)
			.optimize(retail);
	}

	public Comparison compare(Scenario scenario) {
		MipBackend backend = AutoBackend.standard(false);
		return Comparison.of(scenario, new Optimizer(backend, options), new SiloedPlanner(backend, options));
	}
}
