package io.smartops.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smartops.agent.AgentCall;
import io.smartops.insight.ImprovementPlan.Improvement;
import io.smartops.insight.ImprovementPlan.Kind;
import io.smartops.insight.ProcessHistory.AgentCallRecord;
import io.smartops.insight.ProcessHistory.Execution;
import io.smartops.insight.ProcessHistory.Instance;
import io.smartops.insight.Segmentation.CandidateAgent;
import io.smartops.insight.Segmentation.Recommendation;
import io.smartops.insight.Segmentation.TaskSegment;
import io.smartops.core.execution.TaskExecution.ExecutorKind;
import io.smartops.core.execution.TaskExecution.Outcome;

/**
 * Segmentation and the ROI plan on a constructed history of ten days whose right answers are
 * known: a short uniform task people do four times a day is automated; a varied one an agent of
 * its capability can do goes to the agent; one no agent can do stays; a rare one has too little
 * evidence; an agent whose drafts people rewrite half the time goes back to people; automation
 * failing one time in five goes to an agent. The plan prices each and orders them by ROI.
 */
class SegmentationAndPlanTests {

	static final long MINUTE = 60_000;
	static final long DAY = 86_400_000;
	static final long FROM = InsightCalculatorTests.FROM;
	static final long TO = FROM + 10 * DAY;

	static final SegmentationRules RULES = new SegmentationRules(20, 1, 5 * MINUTE, 0.5, 0.05, 0.3, 0.2, 0.1);
	static final ImprovementEstimates ESTIMATES = new ImprovementEstimates(5000, 15000, 1000, 8000, 3000, 60000, 40, 10,
			1, 0.2, 0.05, 72);
	static final InsightProperties RATES = new InsightProperties(Map.of("clerks", 60.0), 60, 0.01,
			java.time.Duration.ofDays(90), 5, 10, null);

	static final CandidateAgent SCORER = new CandidateAgent("ml-scorer", "ML scorer", "BUILTIN_MODEL", "ACTIVE", 0.9,
			0.05, 100);

	final List<Instance> instances = new ArrayList<>();
	final List<Execution> executions = new ArrayList<>();
	final List<AgentCallRecord> calls = new ArrayList<>();

	void history() {
		for (int i = 0; i < 40; i++) {
			String id = "i" + i;
			long start = FROM + i * DAY / 4;
			instances.add(new Instance(id, start, start + DAY / 8, true));
			executions.add(human(id, "stamp", start, 2 * MINUTE, 2 * MINUTE));
			// review: 10 to 127 minutes of work after an hour of waiting
			long work = (10 + 3 * i) * MINUTE;
			executions.add(human(id, "review", start + 1, 60 * MINUTE + work, work));
			executions.add(human(id, "advise", start + 2, work, work));
			executions.add(exec(id, "draft", ExecutorKind.AGENT, start + 3, MINUTE, MINUTE, Outcome.COMPLETED));
			calls.add(new AgentCallRecord("draft", "writer", AgentCall.Outcome.COMPLETED,
					i % 2 == 0 ? AgentCall.Feedback.EDITED : AgentCall.Feedback.ACCEPTED, 0.8, FROM));
			executions.add(exec(id, "score", ExecutorKind.AGENT, start + 4, MINUTE, MINUTE, Outcome.COMPLETED));
			calls.add(new AgentCallRecord("score", "ml-scorer", AgentCall.Outcome.COMPLETED, AgentCall.Feedback.ACCEPTED,
					0.95, FROM));
			executions.add(exec(id, "check", ExecutorKind.AUTOMATION, start + 5, 10, 10L,
					i % 5 == 0 ? Outcome.INCIDENT : Outcome.COMPLETED));
			if (i < 5) {
				executions.add(human(id, "rare", start + 6, MINUTE, MINUTE));
			}
		}
	}

	static Execution human(String id, String activity, long start, long duration, long working) {
		return new Execution(id, activity, activity, ExecutorKind.HUMAN, start, 0, duration, working, null, Outcome.COMPLETED,
				0, 0, "clerks", "clerk-" + (id.hashCode() & 1));
	}

	static Execution exec(String id, String activity, ExecutorKind kind, long start, long duration, Long working,
			Outcome outcome) {
		return new Execution(id, activity, activity, kind, start, 0, duration, working, kind == ExecutorKind.AGENT ? 0.02 : null,
				outcome, 0, 0, null, null);
	}

	Map<String, TaskSegment> segments(ProcessInsight insight) {
		Map<String, String> capability = Map.of("review", "lead-scoring", "check", "lead-scoring");
		Segmentation segmentation = new Segmentation(RULES);
		Map<String, TaskSegment> out = new LinkedHashMap<>();
		for (ProcessInsight.ActivityInsight a : insight.activities()) {
			String c = capability.get(a.activityId());
			out.put(a.activityId(), segmentation.segment(a, c,
					Segmentation.evidence(a, calls.stream().filter(x -> x.activityId().equals(a.activityId())).toList(), 10),
					c == null ? List.of() : List.of(SCORER)));
		}
		return out;
	}

	ProcessInsight insight() {
		history();
		InsightCalculator.Result r = new InsightCalculator(RATES)
			.calculate(new ProcessHistory(instances, executions, calls), FROM, TO, null);
		return new ProcessInsight("p", null, null, null, "o", "g", r.endToEnd(), List.of(), r.activities(), r.variants(),
				r.bottlenecks(), r.cycleTimeHistogram(), r.trend());
	}

	@Test
	void eachTaskGoesToWhoTheEvidenceSaysShouldDoIt() {
		Map<String, TaskSegment> s = segments(insight());
		assertThat(s.get("stamp").recommendation()).isEqualTo(Recommendation.AUTOMATION);
		assertThat(s.get("stamp").evidence().dailyVolume()).isEqualTo(4.0);
		assertThat(s.get("review").recommendation()).isEqualTo(Recommendation.AGENT);
		assertThat(s.get("review").candidateAgents()).containsExactly(SCORER);
		assertThat(s.get("advise").recommendation()).isEqualTo(Recommendation.KEEP);
		assertThat(s.get("advise").reason()).contains("no agent");
		assertThat(s.get("rare").recommendation()).isEqualTo(Recommendation.KEEP);
		assertThat(s.get("rare").reason()).contains("5 executions");
		assertThat(s.get("draft").recommendation()).isEqualTo(Recommendation.HUMAN);
		assertThat(s.get("draft").evidence().editRate()).isEqualTo(0.5);
		assertThat(s.get("draft").evidence().confidenceP50()).isEqualTo(0.8);
		assertThat(s.get("score").recommendation()).isEqualTo(Recommendation.KEEP);
		assertThat(s.get("check").recommendation()).isEqualTo(Recommendation.AGENT);
		assertThat(s.get("check").evidence().errorRate()).isEqualTo(0.2);
	}

	@Test
	void thePlanPricesEachChangeAndPutsTheHighestReturnFirst() {
		ProcessInsight insight = insight();
		List<TaskSegment> segments = new ArrayList<>(segments(insight).values());
		List<Improvement> plan = new ImprovementPlan(ESTIMATES, RATES).plan(insight, segments, 10,
				Map.of("clerks", 2), Map.of("review", "clerks", "stamp", "clerks", "advise", "clerks", "rare", "clerks"));

		double volume = 40 / 10.0 * 365;
		// stamp: 2 minutes at 60 an hour = 2.00 by people, 0.01 automated
		Improvement stamp = find(plan, Kind.AUTOMATE_HUMAN_TASK, "stamp");
		assertThat(stamp.annualBenefit()).isCloseTo(volume * (2.0 - 0.01), within(1e-6));
		assertThat(stamp.roi()).isCloseTo((volume * 1.99 - 15000) / 15000, within(1e-9));
		assertThat(stamp.paybackMonths()).isCloseTo(15000 / (volume * 1.99 / 12), within(1e-9));
		// review: mean work (10 + 3·19.5) = 68.5 minutes = 68.5 at 60 an hour, the agent 0.05; no errors to avoid
		Improvement review = find(plan, Kind.AGENT_TAKES_HUMAN_TASK, "review");
		assertThat(review.annualBenefit()).isCloseTo(volume * (68.5 - 0.05), within(1e-6));
		// draft: half its outputs rewritten; each error 40, each check 10 minutes at 60 = 10
		Improvement draft = find(plan, Kind.PERSON_REVIEWS_AGENT_OUTPUT, "draft");
		assertThat(draft.annualBenefit()).isCloseTo(volume * 0.5 * (40 - 10), within(1e-6));
		assertThat(plan).extracting(Improvement::kind).doesNotContain(Kind.REMOVE_REWORK_LOOP);

		assertThat(plan).isSortedAccordingTo((a, b) -> Double.compare(b.roi(), a.roi()));
		// ROI: draft 21,900 on 1,000 → 20.9; review 99,937 on 5,000 → 19.0; stamp 2,905 on 15,000 → −0.81
		// (pays back in 62 months, within the 72 allowed); one more clerk saves 1,460 × 1/3 h at 1 an hour,
		// far less than a clerk costs: not in the plan
		assertThat(plan).extracting(Improvement::id).containsExactly("PERSON_REVIEWS_AGENT_OUTPUT:draft",
				"AGENT_TAKES_HUMAN_TASK:review", "AUTOMATE_HUMAN_TASK:stamp");
		List<Improvement> patient = new ImprovementPlan(new ImprovementEstimates(5000, 15000, 1000, 8000, 3000, 60000,
				40, 10, 1, 0.2, 0.05, 36), RATES).plan(insight, segments, 10, Map.of("clerks", 2), Map.of());
		assertThat(patient).extracting(Improvement::id).as("stamp pays back only after 36 months")
			.doesNotContain("AUTOMATE_HUMAN_TASK:stamp");
		assertThat(plan).allSatisfy(i -> assertThat(i.evidence()).isNotEmpty());
	}

	static Improvement find(List<Improvement> plan, Kind kind, String activity) {
		return plan.stream().filter(i -> i.kind() == kind && i.activityId().equals(activity)).findFirst().orElseThrow(
				() -> new AssertionError("no " + kind + " for " + activity + " in " + plan));
	}
}
