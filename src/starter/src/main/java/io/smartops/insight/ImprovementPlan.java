package io.smartops.insight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.smartops.insight.ProcessInsight.ActivityInsight;
import io.smartops.insight.Segmentation.CandidateAgent;
import io.smartops.insight.Segmentation.Recommendation;
import io.smartops.insight.Segmentation.TaskSegment;
import io.smartops.core.execution.TaskExecution.ExecutorKind;

/**
 * The ROI-ordered improvement plan: candidate changes generated from a process's insight and
 * segmentation, each with its annual benefit, one-time cost, payback and first-year ROI, and the
 * evidence it rests on. Plain computation; the estimates are configuration
 * ({@link ImprovementEstimates}) and every formula is in the README.
 */
public final class ImprovementPlan {

	public enum Kind {
		/** An agent of the library takes a person's task. */
		AGENT_TAKES_HUMAN_TASK,
		/** A person's routine task is automated. */
		AUTOMATE_HUMAN_TASK,
		/** An agent's unsure or often-changed outputs go to a person first. */
		PERSON_REVIEWS_AGENT_OUTPUT,
		/** One more person in the group of a task where instances wait most. */
		ADD_PERSON_TO_GROUP,
		/** The loop that makes instances do a task again is removed. */
		REMOVE_REWORK_LOOP
	}

	/**
	 * One candidate change. {@code id} is stable ({@code KIND:activityId}) so that the owner can
	 * accept it; {@code roi} is (annual benefit − one-time cost) ÷ one-time cost; {@code paybackMonths}
	 * one-time cost ÷ monthly benefit; {@code agentId} the agent that would take the task and
	 * {@code group} the group that would grow, where the change has one; {@code share} the share of
	 * an agent's outputs a person would check; {@code simulated} the KPIs
	 * before and after as the latest simulation of the plan predicts them (null until one ran).
	 */
	public record Improvement(String id, Kind kind, String activityId, String activityName, String title,
			double annualVolume, double annualBenefit, double oneTimeCost, double paybackMonths, double roi,
			List<String> evidence, String agentId, String group, Double share, SimulatedEffect simulated) {

		Improvement simulated(SimulatedEffect effect) {
			return new Improvement(id, kind, activityId, activityName, title, annualVolume, annualBenefit, oneTimeCost,
					paybackMonths, roi, evidence, agentId, group, share, effect);
		}

		Improvement withEvidence(String line) {
			List<String> more = new ArrayList<>(evidence);
			more.add(line);
			return new Improvement(id, kind, activityId, activityName, title, annualVolume, annualBenefit, oneTimeCost,
					paybackMonths, roi, List.copyOf(more), agentId, group, share, simulated);
		}

		Improvement checking(double checkedShare) {
			return new Improvement(id, kind, activityId, activityName, title, annualVolume, annualBenefit, oneTimeCost,
					paybackMonths, roi, evidence, agentId, group, checkedShare, simulated);
		}
	}

	private static final double YEAR_DAYS = 365;

	private final ImprovementEstimates estimates;
	private final InsightProperties rates;

	public ImprovementPlan(ImprovementEstimates estimates, InsightProperties rates) {
		this.estimates = estimates;
		this.rates = rates;
	}

	/**
	 * The plan for a process over a window of {@code days}: the candidates that pay back within the
	 * configured months, highest ROI first.
	 */
	public List<Improvement> plan(ProcessInsight insight, List<TaskSegment> segments, double days,
			Map<String, Integer> peoplePerGroup, Map<String, String> groupOfActivity) {
		List<Improvement> out = new ArrayList<>();
		Map<String, Double> waitingShare = new HashMap<>();
		insight.bottlenecks().byWaiting().forEach(b -> waitingShare.put(b.activityId(), b.share()));
		for (TaskSegment s : segments) {
			ActivityInsight a = insight.activities().stream().filter(x -> x.activityId().equals(s.activityId()))
				.findFirst().orElseThrow();
			double volume = days > 0 ? a.executions() / days * YEAR_DAYS : 0;
			double costPerExecution = a.costPerExecution() == null ? 0 : a.costPerExecution();
			if (s.recommendation() == Recommendation.AGENT && a.executorKind() == ExecutorKind.HUMAN) {
				CandidateAgent agent = s.candidateAgents().stream().max(Comparator.comparingDouble(CandidateAgent::quality))
					.orElseThrow();
				double saved = costPerExecution - agent.costPerCall();
				double errorsAvoided = Math.max(0, a.errorRate() - (1 - agent.quality()));
				double benefit = volume * saved + volume * errorsAvoided * estimates.errorCost();
				out.add(improvement(Kind.AGENT_TAKES_HUMAN_TASK, a, "Let " + agent.name() + " take '" + a.name() + "'",
						agent.id(), null, volume, benefit, estimates.agentOneTimeCost(),
						List.of(String.format("%.0f executions a year at %.2f each by people, %.4f by the agent", volume,
								costPerExecution, agent.costPerCall()),
								String.format("agent quality %.2f against the people's error rate %.1f%%", agent.quality(),
										100 * a.errorRate()),
								s.reason())));
			}
			if (s.recommendation() == Recommendation.AUTOMATION) {
				double benefit = volume * (costPerExecution - rates.automationCostPerExecution());
				out.add(improvement(Kind.AUTOMATE_HUMAN_TASK, a, "Automate '" + a.name() + "'", null, null, volume, benefit,
						estimates.automationOneTimeCost(),
						List.of(String.format("%.0f executions a year at %.2f each by people", volume, costPerExecution),
								s.reason())));
			}
			if (s.recommendation() == Recommendation.HUMAN && a.executorKind() == ExecutorKind.AGENT) {
				double share = Math.max(s.evidence().editRate() == null ? 0 : s.evidence().editRate(),
						s.evidence().lowConfidenceRate() == null ? 0 : s.evidence().lowConfidenceRate());
				double reviewCost = estimates.reviewMinutes() / 60 * rates.defaultHourlyRate();
				double benefit = volume * share * (estimates.errorCost() - reviewCost);
				out.add(improvement(Kind.PERSON_REVIEWS_AGENT_OUTPUT, a, "A person checks the unsure outputs of '"
						+ a.name() + "'", null, null, volume, benefit, estimates.reviewOneTimeCost(),
						List.of(String.format("%.0f%% of %.0f outputs a year changed or unsure, each error costing %.2f,"
								+ " each check %.2f", 100 * share, volume, estimates.errorCost(), reviewCost), s.reason()))
					.checking(share));
			}
			double waiting = waitingShare.getOrDefault(a.activityId(), 0.0);
			String group = groupOfActivity.get(a.activityId());
			if (a.executorKind() == ExecutorKind.HUMAN && waiting > 0 && group != null
					&& waiting >= estimates.minWaitingShare()) {
				int people = Math.max(1, peoplePerGroup.getOrDefault(group, 1));
				// waiting taken to shrink in proportion to the people who share the queue: c → c + 1
				double hoursSaved = a.waiting().mean() / 3_600_000.0 / (people + 1);
				double benefit = volume * hoursSaved * estimates.waitingCostPerHour() - estimates.personAnnualCost();
				out.add(improvement(Kind.ADD_PERSON_TO_GROUP, a, "One more person in " + group + " for '" + a.name() + "'",
						null, group, volume, benefit, estimates.hiringOneTimeCost(),
						List.of(String.format("%.0f%% of all waiting is at this task, %.1f h on average", 100 * waiting,
								a.waiting().mean() / 3_600_000.0),
								String.format("%d people worked it; one more saves about %.2f h a wait at %.2f an hour,"
										+ " less %.0f a year", people, hoursSaved, estimates.waitingCostPerHour(),
										estimates.personAnnualCost()))));
			}
			if (a.reworkRate() >= estimates.minReworkRate()) {
				double repeated = days > 0 ? (a.executions() - a.instances()) / days * YEAR_DAYS : 0;
				double hours = a.duration().mean() == null ? 0 : a.duration().mean() / 3_600_000.0;
				double benefit = repeated * (costPerExecution + hours * estimates.waitingCostPerHour());
				out.add(improvement(Kind.REMOVE_REWORK_LOOP, a, "Remove the rework of '" + a.name() + "'", null, null,
						repeated,
						benefit, estimates.reworkOneTimeCost(),
						List.of(String.format("%.1f%% of instances run it again: %.0f repeats a year at %.2f and %.1f h"
								+ " each", 100 * a.reworkRate(), repeated, costPerExecution, hours))));
			}
		}
		return out.stream().filter(i -> i.annualBenefit() > 0 && i.paybackMonths() <= estimates.maxPaybackMonths())
			.sorted(Comparator.comparingDouble(Improvement::roi).reversed().thenComparing(Improvement::id))
			.toList();
	}

	private static Improvement improvement(Kind kind, ActivityInsight a, String title, String agentId, String group,
			double volume, double benefit, double oneTime, List<String> evidence) {
		double roi = oneTime > 0 ? (benefit - oneTime) / oneTime : Double.POSITIVE_INFINITY;
		double payback = benefit > 0 ? oneTime / (benefit / 12) : Double.POSITIVE_INFINITY;
		return new Improvement(kind + ":" + a.activityId(), kind, a.activityId(), a.name(), title, volume, benefit,
				oneTime, payback, roi, evidence, agentId, group, null, null);
	}
}
