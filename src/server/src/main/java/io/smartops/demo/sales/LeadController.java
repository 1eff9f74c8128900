package io.smartops.demo.sales;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.smartops.core.security.Roles;

/**
 * Lead intake: {@code POST /smartops/api/leads}. A valid lead starts the sales process (201); an
 * invalid one gets 400 naming every bad field and starts nothing ({@link LeadIntake}).
 */
@RestController
@RequestMapping("/smartops/api/leads")
class LeadController {

	private final LeadIntake intake;

	LeadController(LeadIntake intake) {
		this.intake = intake;
	}

	@PostMapping
	@RolesAllowed({ Roles.ACTION_TAKERS, Roles.OPERATORS })
	ResponseEntity<LeadIntake.Submitted> receive(@RequestBody Map<String, Object> body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(intake.submit(body));
	}
}
