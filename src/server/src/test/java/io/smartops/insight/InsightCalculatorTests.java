package io.smartops.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.smartops.agent.AgentCall;
import io.smartops.insight.ProcessHistory.AgentCallRecord;
import io.smartops.insight.ProcessHistory.Execution;
import io.smartops.insight.ProcessHistory.Instance;
import io.smartops.insight.ProcessInsight.ActivityInsight;
import io.smartops.core.execution.TaskExecution.ExecutorKind;
import io.smartops.core.execution.TaskExecution.Outcome;

/**
 * The insights on constructed histories whose answers the tests work out on their own: percentiles
 * by counting, the coefficient of variation from the raw moments, waiting against working time,
 * rework, yield, variants, the entitlement's week, costs and the bottleneck order.
 */
class InsightCalculatorTests {

	static final long HOUR = 3_600_000L;
	static final long DAY = 24 * HOUR;
	/** A Monday. */
	static final long FROM = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();

	static final InsightProperties PROPERTIES = new InsightProperties(Map.of("sales-emea", 60.0), 40, 0.01,
			Duration.ofDays(90), 5, 10, null);

	final InsightCalculator calculator = new InsightCalculator(PROPERTIES);

	static Instance done(String id, long start, long end) {
		return new Instance(id, start, end, true);
	}

	static Execution task(String instance, String activity, ExecutorKind kind, long start, long duration, Long working,
			Double cost, Outcome outcome, String group) {
		return new Execution(instance, activity, activity + " name", kind, start, 0, duration, working, cost, outcome, 0, 0,
				group, null);
	}

	/** The smallest value with at least p of the sample at or below it, found by counting. */
	static long byCounting(List<Long> sample, double p) {
		return sample.stream().filter(v -> sample.stream().filter(x -> x <= v).count() >= p * sample.size())
			.min(Long::compare).orElseThrow();
	}

	@Test
	void cycleTimePercentilesMeanAndVariationAreThoseOfTheCompletedInstances() {
		SplittableRandom random = new SplittableRandom(7);
		List<Instance> instances = new ArrayList<>();
		List<Long> cycles = new ArrayList<>();
		for (int i = 0; i < 501; i++) {
			long start = FROM + random.nextLong(10 * DAY);
			long cycle = 1 + random.nextLong(3 * DAY);
			instances.add(done("i" + i, start, start + cycle));
			if (start + cycle < FROM + 14 * DAY) {
				cycles.add(cycle);
			}
		}
		instances.add(new Instance("running", FROM, null, false));
		instances.add(new Instance("canceled", FROM, FROM + HOUR, false));

		InsightCalculator.Result result = calculator.calculate(new ProcessHistory(instances, List.of(), List.of()), FROM,
				FROM + 14 * DAY, null);
		ProcessInsight.EndToEnd e = result.endToEnd();

		assertThat(result.cycleTimeHistogram().stream().mapToLong(ProcessInsight.Bucket::instances).sum())
			.isEqualTo(cycles.size());
		for (int k = 1; k < result.cycleTimeHistogram().size(); k++) {
			assertThat(result.cycleTimeHistogram().get(k).fromMillis())
				.isEqualTo(result.cycleTimeHistogram().get(k - 1).toMillis());
		}
		assertThat(result.trend()).extracting(ProcessInsight.Week::week)
			.containsExactly("2026-01-05", "2026-01-12");
		long firstWeek = instances.stream()
			.filter(i -> i.completed() && i.endMillis() < FROM + 7 * DAY).count();
		assertThat(result.trend().get(0).completed()).isEqualTo(firstWeek);

		double mean = cycles.stream().mapToLong(Long::longValue).average().orElseThrow();
		double meanOfSquares = cycles.stream().mapToDouble(c -> (double) c * c).average().orElseThrow();
		assertThat(e.completed()).isEqualTo(cycles.size());
		assertThat(e.started()).isEqualTo(503);
		assertThat(e.cycleTime().p50()).isEqualTo(byCounting(cycles, 0.5));
		assertThat(e.cycleTime().p90()).isEqualTo(byCounting(cycles, 0.9));
		assertThat(e.cycleTime().p95()).isEqualTo(byCounting(cycles, 0.95));
		assertThat(e.cycleTime().mean()).isCloseTo(mean, within(1e-6));
		assertThat(e.cycleTime().cv()).isCloseTo(Math.sqrt(meanOfSquares - mean * mean) / mean, within(1e-9));
		assertThat(e.throughputPerDay()).isCloseTo(cycles.size() / 14.0, within(1e-9));
		assertThat(e.runningAtEnd()).isEqualTo(1 + 501 - cycles.size());
	}

	@Test
	void workInProgressIsTheMeanNumberOfInstancesRunningOverTheWindow() {
		List<Instance> instances = List.of(new Instance("whole", FROM - DAY, null, false), done("half", FROM, FROM + DAY),
				done("before", FROM - 2 * DAY, FROM - DAY));
		ProcessInsight.EndToEnd e = calculator
			.calculate(new ProcessHistory(instances, List.of(), List.of()), FROM, FROM + 2 * DAY, null).endToEnd();
		assertThat(e.workInProgress()).isCloseTo(1.5, within(1e-9));
		assertThat(e.runningAtEnd()).isEqualTo(1);
		assertThat(e.started()).isEqualTo(1);
	}

	@Test
	void aTaskWaitsUntilWorkOnItBeginsAndIsWorkedOnForTheRest() {
		List<Instance> instances = List.of(done("a", FROM, FROM + DAY));
		List<Execution> executions = List.of(
				task("a", "review", ExecutorKind.HUMAN, FROM, 5 * HOUR, 2 * HOUR, null, Outcome.COMPLETED, "sales-emea"),
				task("a", "score", ExecutorKind.AGENT, FROM, 10_000, 1_000L, 0.5, Outcome.COMPLETED, null),
				task("a", "enrich", ExecutorKind.AGENT, FROM, 4_000, null, null, Outcome.COMPLETED, null));
		List<ActivityInsight> activities = calculator
			.calculate(new ProcessHistory(instances, executions, List.of()), FROM, FROM + DAY, null).activities();

		ActivityInsight review = find(activities, "review");
		assertThat(review.waiting().p50()).isEqualTo(3 * HOUR);
		assertThat(review.working().p50()).isEqualTo(2 * HOUR);
		assertThat(review.duration().p50()).isEqualTo(5 * HOUR);
		assertThat(find(activities, "score").waiting().p50()).isEqualTo(9_000);
		assertThat(find(activities, "enrich").waiting().p50()).as("no record of work: worked throughout").isZero();
	}

	@Test
	void reworkIsTheShareOfInstancesThatRanATaskAgainAndSpoilsTheirFirstPass() {
		List<Instance> instances = List.of(done("a", FROM, FROM + HOUR), done("b", FROM, FROM + HOUR),
				done("c", FROM, FROM + HOUR), done("d", FROM, FROM + HOUR));
		List<Execution> executions = List.of(
				task("a", "fix", ExecutorKind.HUMAN, FROM, 10, 10L, null, Outcome.COMPLETED, null),
				task("a", "fix", ExecutorKind.HUMAN, FROM + 20, 10, 10L, null, Outcome.COMPLETED, null),
				task("b", "fix", ExecutorKind.HUMAN, FROM, 10, 10L, null, Outcome.COMPLETED, null),
				task("c", "fix", ExecutorKind.HUMAN, FROM, 10, 10L, null, Outcome.COMPLETED, null),
				task("d", "check", ExecutorKind.AUTOMATION, FROM, 10, 10L, null, Outcome.BPMN_ERROR, null));
		InsightCalculator.Result r = calculator.calculate(new ProcessHistory(instances, executions, List.of()), FROM,
				FROM + DAY, null);
		ActivityInsight fix = find(r.activities(), "fix");
		assertThat(fix.instances()).isEqualTo(3);
		assertThat(fix.executions()).isEqualTo(4);
		assertThat(fix.reworkRate()).isCloseTo(1 / 3.0, within(1e-12));
		assertThat(find(r.activities(), "check").errorRate()).isEqualTo(1.0);
		assertThat(find(r.activities(), "check").bpmnErrors()).isEqualTo(1);
		assertThat(r.endToEnd().firstPassYield()).as("b and c only").isEqualTo(0.5);
	}

	@Test
	void variantsAreTheDistinctPathsInStartOrderMostFrequentFirst() {
		List<Instance> instances = new ArrayList<>();
		List<Execution> executions = new ArrayList<>();
		String[][] paths = { { "a", "b" }, { "a", "b" }, { "a", "b" }, { "b", "a" }, { "a", "c", "b" }, { "a", "c", "b" } };
		for (int i = 0; i < paths.length; i++) {
			instances.add(done("i" + i, FROM, FROM + (i + 1) * HOUR));
			for (int k = 0; k < paths[i].length; k++) {
				executions.add(task("i" + i, paths[i][k], ExecutorKind.AUTOMATION, FROM + k, 1, 1L, null,
						Outcome.COMPLETED, null));
			}
		}
		List<ProcessInsight.Variant> variants = calculator
			.calculate(new ProcessHistory(instances, executions, List.of()), FROM, FROM + DAY, null).variants();
		assertThat(variants).extracting(ProcessInsight.Variant::activities)
			.containsExactly(List.of("a", "b"), List.of("a", "c", "b"), List.of("b", "a"));
		assertThat(variants).extracting(ProcessInsight.Variant::instances).containsExactly(3L, 2L, 1L);
		assertThat(variants.get(0).share()).isEqualTo(0.5);
		assertThat(variants.get(0).cycleTimeP50()).isEqualTo(2 * HOUR);
	}

	@Test
	void theEntitlementIsTheBestWholeWeekWithEnoughCompletedInstances() {
		List<Instance> instances = new ArrayList<>();
		// week 1: 6 instances of 10 h; week 2: 5 of 4 h (the best); week 3: 3 of 1 h, too few to count
		for (int i = 0; i < 6; i++) {
			instances.add(done("w1-" + i, FROM + DAY, FROM + DAY + 10 * HOUR));
		}
		for (int i = 0; i < 5; i++) {
			instances.add(done("w2-" + i, FROM + 8 * DAY, FROM + 8 * DAY + 4 * HOUR));
		}
		for (int i = 0; i < 3; i++) {
			instances.add(done("w3-" + i, FROM + 15 * DAY, FROM + 15 * DAY + HOUR));
		}
		InsightCalculator.Result r = calculator.calculate(new ProcessHistory(instances, List.of(), List.of()), FROM,
				FROM + 21 * DAY, 5 * HOUR);
		assertThat(r.entitlement().get(Kpi.CYCLE_TIME_P50).value()).isEqualTo(4.0 * HOUR);
		assertThat(r.entitlement().get(Kpi.CYCLE_TIME_P50).week()).hasToString("2026-01-12");
		assertThat(r.entitlement().get(Kpi.THROUGHPUT_PER_DAY).value()).isCloseTo(6 / 7.0, within(1e-12));
		assertThat(r.entitlement().get(Kpi.THROUGHPUT_PER_DAY).week()).hasToString("2026-01-05");
		assertThat(r.entitlement().get(Kpi.SLA_ATTAINMENT).value()).isEqualTo(1.0);
		assertThat(r.kpis().get(Kpi.SLA_ATTAINMENT)).isCloseTo(8 / 14.0, within(1e-12));
		// 14 completed, sorted 1 1 1 4 4 4 4 4 10 …: the 7th is 4 h, as good as the best week
		assertThat(r.kpis().get(Kpi.CYCLE_TIME_P50)).isEqualTo(4.0 * HOUR);
		assertThat(Kpi.CYCLE_TIME_P50.shortfall(r.kpis().get(Kpi.CYCLE_TIME_P50), 4.0 * HOUR)).isZero();
		assertThat(Kpi.CYCLE_TIME_P90.shortfall(r.kpis().get(Kpi.CYCLE_TIME_P90), 5.0 * HOUR)).isEqualTo(5.0 * HOUR);
	}

	@Test
	void peopleCostTheirGroupsRateAgentsTheirCallsAndAutomationItsPriceAndTheCostliestLeadsTheBottlenecks() {
		List<Instance> instances = List.of(done("a", FROM, FROM + DAY), done("b", FROM, FROM + DAY));
		List<Execution> executions = List.of(
				task("a", "review", ExecutorKind.HUMAN, FROM, 3 * HOUR, HOUR, null, Outcome.COMPLETED, "sales-emea"),
				task("b", "review", ExecutorKind.HUMAN, FROM, 5 * HOUR, 2 * HOUR, null, Outcome.COMPLETED, "unlisted"),
				task("a", "draft", ExecutorKind.AGENT, FROM, 60_000, 30_000L, 0.25, Outcome.COMPLETED, null),
				task("b", "draft", ExecutorKind.AGENT, FROM, 60_000, 30_000L, 0.75, Outcome.COMPLETED, null),
				task("a", "check", ExecutorKind.AUTOMATION, FROM, 10, 10L, null, Outcome.COMPLETED, null));
		List<AgentCallRecord> calls = List.of(
				new AgentCallRecord("draft", "writer", AgentCall.Outcome.COMPLETED, AgentCall.Feedback.ACCEPTED, 0.9, FROM),
				new AgentCallRecord("draft", "writer", AgentCall.Outcome.LOW_CONFIDENCE, AgentCall.Feedback.EDITED, 0.5, FROM));
		InsightCalculator.Result r = calculator.calculate(new ProcessHistory(instances, executions, calls), FROM,
				FROM + 2 * DAY, null);

		ActivityInsight review = find(r.activities(), "review");
		assertThat(review.totalCost()).isCloseTo(60 + 2 * 40, within(1e-9));
		assertThat(review.costPerExecution()).isCloseTo(70, within(1e-9));
		assertThat(find(r.activities(), "draft").totalCost()).isCloseTo(1.0, within(1e-12));
		assertThat(find(r.activities(), "check").costPerExecution()).isCloseTo(0.01, within(1e-12));
		assertThat(r.endToEnd().costPerInstance()).isCloseTo((140 + 1 + 0.01) / 2, within(1e-9));
		ProcessInsight.Quality quality = find(r.activities(), "draft").quality();
		assertThat(quality.agentCalls()).isEqualTo(2);
		assertThat(quality.accepted()).isEqualTo(1);
		assertThat(quality.edited()).isEqualTo(1);
		assertThat(quality.lowConfidence()).isEqualTo(1);
		assertThat(quality.meanConfidence()).isCloseTo(0.7, within(1e-12));

		assertThat(r.bottlenecks().byCost()).extracting(ProcessInsight.Share::activityId)
			.containsExactly("review", "draft", "check");
		assertThat(r.bottlenecks().byTime().get(0).share())
			.isCloseTo(8.0 * HOUR / (8 * HOUR + 120_000 + 10), within(1e-12));
		assertThat(r.bottlenecks().byWaiting().get(0).activityId()).isEqualTo("review");
	}

	static ActivityInsight find(List<ActivityInsight> activities, String id) {
		return activities.stream().filter(a -> a.activityId().equals(id)).findFirst().orElseThrow();
	}
}
