package io.smartops.demo.sales;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

import io.smartops.core.web.InvalidRequestException;

/**
 * Takes a lead in, from REST or MCP: a valid one starts the sales process through its
 * {@code LeadReceived} message; an invalid one names every bad field and starts nothing.
 */
@Service
public class LeadIntake {

	/** The sales process instance a lead started. */
	public record Submitted(String processInstanceId, String processDefinitionKey) {
	}

	private final RuntimeService runtime;
	private final LeadValidator validator = new LeadValidator();

	LeadIntake(RuntimeService runtime) {
		this.runtime = runtime;
	}

	public Submitted submit(Map<String, ?> raw) {
		LeadValidator.Result result = validator.validate(raw);
		if (!result.valid()) {
			throw new InvalidRequestException("invalid lead", result.errors());
		}
		Map<String, Object> variables = new LinkedHashMap<>(result.lead().toVariables());
		ProcessInstance instance = runtime.createMessageCorrelation(SalesProcess.MESSAGE_LEAD_RECEIVED)
			.setVariables(variables)
			.correlateStartMessage();
		return new Submitted(instance.getId(), SalesProcess.KEY);
	}
}
