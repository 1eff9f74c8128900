package io.smartops.sales;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Start listener of the sales process: sets the review SLA and the process owner from
 * configuration unless the starter passed them, whichever way the lead arrived.
 */
@Component("salesProcessDefaults")
class SalesProcessDefaults implements ExecutionListener {

	private final String reviewSla;
	private final String processOwner;

	SalesProcessDefaults(@Value("${smartops.sales.review-sla}") String reviewSla,
			@Value("${smartops.sales.process-owner}") String processOwner) {
		this.reviewSla = reviewSla;
		this.processOwner = processOwner;
	}

	@Override
	public void notify(DelegateExecution execution) {
		if (!execution.hasVariable(SalesProcess.VAR_REVIEW_SLA)) {
			execution.setVariable(SalesProcess.VAR_REVIEW_SLA, reviewSla);
		}
		if (!execution.hasVariable(SalesProcess.VAR_PROCESS_OWNER)) {
			execution.setVariable(SalesProcess.VAR_PROCESS_OWNER, processOwner);
		}
	}
}
