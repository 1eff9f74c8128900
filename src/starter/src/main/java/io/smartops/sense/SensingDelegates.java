package io.smartops.sense;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import io.smartops.coordinate.CoordinatorProcess;

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
			Replan r = outcome.replan();
			String summary = r.getTriggers() + "\n\n" + r.getChoiceReason();
			execution.setVariableLocal("replanSummary", summary.length() > 3900 ? summary.substring(0, 3900) + "…" : summary);
			execution.setVariableLocal("stableMargin", r.getStableMargin());
			execution.setVariableLocal("unconstrainedMargin", r.getUnconstrainedMargin());
			execution.setVariableLocal("peopleChanges", r.getPeopleChangesUnconstrained());
		}
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
