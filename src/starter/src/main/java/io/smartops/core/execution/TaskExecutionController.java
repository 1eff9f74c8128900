package io.smartops.core.execution;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.smartops.core.web.ApiError;
import io.smartops.core.security.Roles;

/** {@code GET /smartops/api/task-executions?processInstanceId=…}: the recorded executions of one instance. */
@RestController
@RequestMapping("/smartops/api/task-executions")
class TaskExecutionController {

	record Execution(String activityInstanceId, String activityId, String activityName, String executorKind,
			String startedAt, String endedAt, Long durationMillis, String outcome) {
	}

	private final TaskExecutionRepository executions;

	TaskExecutionController(TaskExecutionRepository executions) {
		this.executions = executions;
	}

	@GetMapping
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS })
	ResponseEntity<?> list(@RequestParam(required = false) String processInstanceId) {
		if (processInstanceId == null || processInstanceId.isBlank()) {
			return ResponseEntity.badRequest().body(new ApiError("query parameter processInstanceId is required"));
		}
		List<Execution> body = executions.findByProcessInstanceIdOrderByStartedAt(processInstanceId).stream()
			.map(e -> new Execution(e.getActivityInstanceId(), e.getActivityId(), e.getActivityName(),
					e.getExecutorKind().name(), e.getStartedAt().toString(),
					e.getEndedAt() == null ? null : e.getEndedAt().toString(), e.getDurationMillis(), e.getOutcome().name()))
			.toList();
		return ResponseEntity.ok(body);
	}
}
