package io.smartops.core.execution;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface TaskExecutionRepository extends JpaRepository<TaskExecution, String> {

	List<TaskExecution> findByProcessInstanceIdOrderByStartedAt(String processInstanceId);

	List<TaskExecution> findByProcessDefinitionKeyAndActivityId(String processDefinitionKey, String activityId);

	/**
	 * Adds an agent call to the task it served: the running execution of that activity in that
	 * instance, or, as a worker reports a call after it completed the task, the one that ran last.
	 * Its first call starts the working time, each call's latency adds to it, its cost to the task's
	 * cost. Returns how many executions it found (0 for a call on no recorded task).
	 */
	@Modifying
	@Query(value = "update smartops_task_execution set work_started_epoch_millis = coalesce(work_started_epoch_millis,"
			+ " :startedAt), working_millis = coalesce(working_millis, 0) + :latency, cost = coalesce(cost, 0) + :cost,"
			+ " executor_id = :agentId where activity_instance_id = (select e.activity_instance_id"
			+ " from smartops_task_execution e where e.process_instance_id = :processInstanceId"
			+ " and e.activity_id = :activityId order by case when e.ended_at is null then 0 else 1 end,"
			+ " e.started_epoch_millis desc fetch first 1 rows only)", nativeQuery = true)
	int addAgentWork(@Param("processInstanceId") String processInstanceId, @Param("activityId") String activityId,
			@Param("agentId") String agentId, @Param("startedAt") long startedAtEpochMillis,
			@Param("latency") long latencyMillis, @Param("cost") double cost);
}
