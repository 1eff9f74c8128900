package io.smartops.agent;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.smartops.core.security.CurrentUser;
import io.smartops.core.security.Roles;
import io.smartops.core.web.NotFoundException;

/**
 * An agent task that failed until its retries ran out is an incident in Cockpit; an operator
 * resolves it here by giving the task its retries back: {@code PUT
 * /smartops/api/agent-tasks/{id}/retries} with {@code {"retries": 3}}. The engine would ask UPDATE
 * on the whole instance for that, which would also let an operator move the instance past a
 * person's decision; Smart Ops checks the role and sets the retries as the system instead.
 */
@RestController
class AgentTaskController {

	/** How many more attempts the task gets: 1 to 10. */
	record Retries(@NotNull @Min(1) @Max(10) Integer retries) {
	}

	record RetriesSet(String externalTaskId, String processInstanceId, String topic, int retries) {
	}

	private static final Logger log = LoggerFactory.getLogger(AgentTaskController.class);

	private final ExternalTaskService externalTasks;
	private final CurrentUser user;

	AgentTaskController(ExternalTaskService externalTasks, CurrentUser user) {
		this.externalTasks = externalTasks;
		this.user = user;
	}

	@PutMapping("/smartops/api/agent-tasks/{id}/retries")
	@RolesAllowed({ Roles.OPERATORS, Roles.AGENT_ADMINS })
	RetriesSet retries(@PathVariable String id, @Valid @RequestBody Retries body) {
		String by = user.userId();
		return user.as(null, List.of(), () -> {
			ExternalTask task = externalTasks.createExternalTaskQuery().externalTaskId(id).singleResult();
			if (task == null) {
				throw new NotFoundException("no agent task " + id);
			}
			externalTasks.setRetries(id, body.retries());
			log.info("agent task {} ({}) given {} retries by {}", id, task.getTopicName(), body.retries(), by);
			return new RetriesSet(id, task.getProcessInstanceId(), task.getTopicName(), body.retries());
		});
	}
}
