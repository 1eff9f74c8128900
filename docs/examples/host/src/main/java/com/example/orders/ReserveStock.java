package com.example.orders;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** An ordinary Java delegate of the application: reserves the stock and notes the customer's domain. */
@Component("reserveStock")
public class ReserveStock implements JavaDelegate {

	@Override
	public void execute(DelegateExecution execution) {
		String email = (String) execution.getVariable("customerEmail");
		execution.setVariable("emailDomain", email.substring(email.indexOf('@') + 1).toLowerCase());
		execution.setVariable("stockReserved", true);
	}
}
