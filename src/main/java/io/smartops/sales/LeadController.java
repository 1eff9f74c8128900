package io.smartops.sales;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.smartops.api.ApiError;
import io.smartops.security.Roles;

/**
 * Lead intake: {@code POST /smartops/api/leads}. A valid lead starts the sales process through its
 * {@code LeadReceived} message; an invalid one gets 400 naming every bad field and starts nothing.
 */
@RestController
@RequestMapping("/smartops/api/leads")
class LeadController {

	private final RuntimeService runtime;
	private final LeadValidator validator = new LeadValidator();

	LeadController(RuntimeService runtime) {
		this.runtime = runtime;
	}

	@PostMapping
	@RolesAllowed({ Roles.ACTION_TAKERS, Roles.OPERATORS })
	ResponseEntity<?> receive(@RequestBody Map<String, Object> body) {
		LeadValidator.Result result = validator.validate(body);
		if (!result.valid()) {
			return ResponseEntity.badRequest().body(new ApiError("invalid lead", result.errors()));
		}
		Map<String, Object> variables = new LinkedHashMap<>(result.lead().toVariables());
		ProcessInstance instance = runtime.createMessageCorrelation(SalesProcess.MESSAGE_LEAD_RECEIVED)
			.setVariables(variables)
			.correlateStartMessage();
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(Map.of("processInstanceId", instance.getId(), "processDefinitionKey", SalesProcess.KEY));
	}
}
