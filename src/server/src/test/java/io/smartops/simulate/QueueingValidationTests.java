package io.smartops.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smartops.core.execution.TaskExecution.ExecutorKind;
import io.smartops.simulate.model.ActivityParameters;
import io.smartops.simulate.model.Arrivals;
import io.smartops.simulate.model.Distribution;
import io.smartops.simulate.model.Parameters;
import io.smartops.simulate.model.Scenario;
import io.smartops.simulate.model.ScenarioResult;
import io.smartops.simulate.model.SimulationSpec;

/**
 * The simulator against queueing theory: one task worked by c people, Poisson arrivals and
 * exponential work (M/M/c), whose mean wait Erlang's C formula gives exactly. Run in the
 * simulator's own process, as the server runs it.
 */
class QueueingValidationTests {

	static final double HOUR = 3_600_000;

	static SimulationProcess simulator() {
		return new SimulationProcess(new SimulationProperties(List.of("-Xmx512m"), 1, 2000, 1_000_000, 5, 0.1, 5000, 200,
				Duration.ofMinutes(10), Duration.ofMinutes(2)), new ObjectMapper());
	}

	static String model(String name) throws IOException {
		try (var in = QueueingValidationTests.class.getResourceAsStream("/simulation/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/** Erlang C: the mean time in queue of M/M/c with arrival rate λ and service rate μ per server. */
	static double erlangCMeanWait(double lambda, double mu, int c) {
		double a = lambda / mu;
		double rho = a / c;
		double sum = 0;
		double term = 1;
		for (int k = 0; k < c; k++) {
			if (k > 0) {
				term *= a / k;
			}
			sum += term;
		}
		double last = term * a / c / (1 - rho);
		double pWait = last / (sum + last);
		return pWait / (c * mu - lambda);
	}

	static Parameters singleQueue(double lambdaPerHour, double meanWorkHours, int people) {
		return new Parameters(new Arrivals(HOUR / lambdaPerHour, null),
				Map.of("Task_HandleRequest", new ActivityParameters(ExecutorKind.HUMAN,
						Distribution.exponential(meanWorkHours * HOUR), null, null, 0, 0, null, null, null)),
				Map.of(), Map.of("clerks", people), null, Map.of(), 40, null, List.of());
	}

	@Test
	void theMeanWaitOfThreeClerksAtEightyPercentIsErlangCsWithinFivePercent() throws IOException {
		Parameters p = singleQueue(2.4, 1, 3);
		List<ScenarioResult> results = simulator().run(new SimulationSpec("single-queue", model("single-queue.bpmn"),
				Map.of(), List.of(new Scenario("baseline", p)), 20_000, null, 5, 11, 0.1), (n, total) -> {
				});
		ScenarioResult r = results.get(0);
		double expected = erlangCMeanWait(2.4, 1, 3) * HOUR;
		double waited = r.waiting().get("Task_HandleRequest").mean();
		assertThat(waited).isCloseTo(expected, within(0.05 * expected));
		assertThat(r.utilisation().get("clerks").mean()).isCloseTo(0.8, within(0.02));
		// Little's law: instances in progress = arrival rate × time in the system
		double inSystem = 2.4 * (expected + HOUR) / HOUR;
		assertThat(r.workInProgress().mean()).isCloseTo(inSystem, within(0.05 * inSystem));
		assertThat(r.cycleTime().get("mean").low()).isLessThan(r.cycleTime().get("mean").mean());
	}
}
