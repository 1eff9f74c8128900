package io.smartops.demo.sales;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The classic-automation steps of the sales process: thin methods over {@link LeadValidator} and
 * {@link CustomerMatcher}, named by the BPMN's expressions ({@code ${sales.validateLead(execution)}}).
 */
@Component("sales")
public class SalesDelegates {

	private final LeadValidator validator = new LeadValidator();
	private final CustomerMatcher matcher;
	private final CustomerRepository customers;

	SalesDelegates(CustomerMatcher matcher, CustomerRepository customers) {
		this.matcher = matcher;
		this.customers = customers;
	}

	/** Validate and normalize the lead; bad data raises {@code InvalidLead} with the field errors. */
	public void validateLead(DelegateExecution execution) {
		Map<String, Object> raw = new HashMap<>();
		for (String field : LeadValidator.FIELDS) {
			raw.put(field, execution.getVariable(field));
		}
		LeadValidator.Result result = validator.validate(raw);
		if (!result.valid()) {
			String errors = LeadValidator.describe(result.errors());
			execution.setVariable(SalesProcess.VAR_LEAD_ERRORS, errors);
			throw new BpmnError(SalesProcess.ERROR_INVALID_LEAD, errors);
		}
		execution.setVariables(result.lead().toVariables());
		execution.removeVariable(SalesProcess.VAR_LEAD_ERRORS);
	}

	/** Deduplicate against existing customers: sets {@code duplicate} and, if so, {@code customerId}. */
	public void deduplicateLead(DelegateExecution execution) {
		Optional<Customer> match = matcher.match((String) execution.getVariable(SalesProcess.VAR_COMPANY_NAME),
				(String) execution.getVariable(SalesProcess.VAR_EMAIL_DOMAIN));
		execution.setVariable(SalesProcess.VAR_DUPLICATE, match.isPresent());
		match.ifPresent(c -> execution.setVariable(SalesProcess.VAR_CUSTOMER_ID, c.getId()));
	}

	/** A duplicate lead is counted on the customer it belongs to. */
	public void attachToCustomer(DelegateExecution execution) {
		Long id = (Long) execution.getVariable(SalesProcess.VAR_CUSTOMER_ID);
		Customer customer = customers.findById(id)
			.orElseThrow(() -> new IllegalStateException("customer " + id + " no longer exists"));
		customer.countLead();
		customers.save(customer);
	}

	/** An accepted proposal makes the lead a customer, so later leads from it are recognized. */
	public void registerCustomer(DelegateExecution execution) {
		String domain = (String) execution.getVariable(SalesProcess.VAR_EMAIL_DOMAIN);
		Customer customer = customers.save(new Customer((String) execution.getVariable(SalesProcess.VAR_COMPANY_NAME),
				domain == null || CustomerMatcher.isFreeMail(domain) ? null : domain,
				(String) execution.getVariable(SalesProcess.VAR_COUNTRY)));
		execution.setVariable(SalesProcess.VAR_CUSTOMER_ID, customer.getId());
	}
}
