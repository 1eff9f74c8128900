package io.smartops.sense;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import io.smartops.coordinate.CoordinatorProcess;
import io.smartops.plan.RowWords;

/**
 * The re-plan steps of the coordinator's event sub-process "Sensed change matters", called by
 * expression ({@code ${sensing.replan(execution)}}).
 */
@Component("sensing")
public class SensingDelegates {

	private final Replanner replanner;

	SensingDelegates(Replanner replanner) {
		this.replanner = replanner;
	}

	/** "Re-optimize with stability": sets {@code replanId}, {@code replanNeedsPerson} and the approval form's figures. */
	public void replan(DelegateExecution execution) {
		String runId = (String) execution.getVariable(CoordinatorProcess.VAR_RUN_ID);
		Replanner.Outcome outcome = replanner.solve(runId);
		execution.setVariableLocal("replanId", outcome == null ? null : outcome.replan().getId());
		execution.setVariableLocal("replanNeedsPerson", outcome != null && outcome.personNeeded());
		if (outcome != null) {
			execution.setVariablesLocal(formVariables(outcome.replan()));
		}
	}

	/**
	 * What the re-plan approval form shows of a re-plan, in the planner's words: what was sensed (the
	 * events' reasons, without their ids), why a person chooses, and the two margins.
	 */
	public static java.util.Map<String, Object> formVariables(Replan r) {
		java.util.Map<String, Object> v = new java.util.HashMap<>();
		String sensed = r.getTriggers() == null ? "" : java.util.Arrays.stream(r.getTriggers().split("\n"))
			.map(line -> "- " + RowWords.inWords(line.replaceFirst("^[^:\\s]+: ", "")))
			.collect(java.util.stream.Collectors.joining("\n"));
		String summary = "**What was sensed**\n\n" + sensed + "\n\n**Why a person chooses**: "
				+ RowWords.inWords(r.getChoiceReason());
		v.put("replanSummary", summary.length() > 3900 ? summary.substring(0, 3900) + "…" : summary);
		v.put("stableMargin", r.getStableMargin());
		v.put("unconstrainedMargin", r.getUnconstrainedMargin());
		v.put("stableMarginText", money(r.getStableMargin()));
		v.put("unconstrainedMarginText", money(r.getUnconstrainedMargin()));
		v.put("peopleChanges", r.getPeopleChangesUnconstrained());
		v.put("replanDecision", "**Decide which re-plan goes into force.** A sensed change matters to the plan in force.\n\n"
				+ "- **Keep people's work** (leave the box unticked): the stable re-plan, with a margin of "
				+ money(r.getStableMargin()) + ", goes into force; the work of people due within the stability window stays"
				+ " as it is.\n"
				+ "- **Change people's work** (tick the box): the unconstrained re-plan, with a margin of "
				+ money(r.getUnconstrainedMargin()) + ", goes into force and changes " + r.getPeopleChangesUnconstrained()
				+ " actions of people within the window; they are told in Tasklist.");
		return v;
	}

	private static String money(Double v) {
		return v == null ? "none (no plan)" : String.format(java.util.Locale.ROOT, "%,.2f", v);
	}

	/** "Apply re-plan": the chosen plan's difference is orchestrated. */
	public void apply(DelegateExecution execution) {
		Object id = execution.getVariable("replanId");
		if (id == null) {
			return;
		}
		Object useUnconstrained = execution.getVariable("useUnconstrained");
		Replan.Choice choice = useUnconstrained == null ? null
				: Boolean.TRUE.equals(useUnconstrained) ? Replan.Choice.UNCONSTRAINED : Replan.Choice.STABLE;
		replanner.apply(id.toString(), choice);
	}
}
