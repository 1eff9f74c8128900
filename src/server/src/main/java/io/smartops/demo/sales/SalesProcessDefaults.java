package io.smartops.demo.sales;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.smartops.core.owner.ProcessOwners;

/**
 * Start listener of the sales process: sets the review SLA from configuration and the process
 * owner from the owner registry unless the starter passed them, whichever way the lead arrived.
 */
@Component("salesProcessDefaults")
public class SalesProcessDefaults {

	private final String reviewSla;
	private final ProcessOwners owners;

	SalesProcessDefaults(@Value("${smartops.sales.review-sla}") String reviewSla, ProcessOwners owners) {
		this.reviewSla = reviewSla;
		this.owners = owners;
	}

	public void apply(DelegateExecution execution) {
		if (!execution.hasVariable(SalesProcess.VAR_REVIEW_SLA)) {
			execution.setVariable(SalesProcess.VAR_REVIEW_SLA, reviewSla);
		}
		if (!execution.hasVariable(SalesProcess.VAR_PROCESS_OWNER)) {
			execution.setVariable(SalesProcess.VAR_PROCESS_OWNER, owners.ownerOf(SalesProcess.KEY).owner());
		}
	}
}
