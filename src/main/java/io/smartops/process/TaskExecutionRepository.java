package io.smartops.process;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface TaskExecutionRepository extends JpaRepository<TaskExecution, String> {

	List<TaskExecution> findByProcessInstanceIdOrderByStartedAt(String processInstanceId);

	List<TaskExecution> findByProcessDefinitionKeyAndActivityId(String processDefinitionKey, String activityId);
}
