package io.smartops.core.execution;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One execution of a task (delegate, external task, user task): who executed it (automation,
 * agent, human), when, how long, and how it ended. Written by {@link TaskExecutionRecorder} in the
 * engine's own transaction; read by analytics and agent scorecards.
 */
@Entity
@Table(name = "smartops_task_execution", indexes = {
		@Index(name = "idx_task_exec_process", columnList = "process_definition_key,activity_id"),
		@Index(name = "idx_task_exec_instance", columnList = "process_instance_id") })
public class TaskExecution {

	public enum ExecutorKind {
		AUTOMATION, AGENT, HUMAN
	}

	public enum Outcome {
		RUNNING, COMPLETED, BPMN_ERROR, INCIDENT, CANCELED
	}

	@Id
	@Column(name = "activity_instance_id", length = 64)
	private String activityInstanceId;

	@Column(name = "process_instance_id", length = 64, nullable = false)
	private String processInstanceId;

	@Column(name = "process_definition_key", nullable = false)
	private String processDefinitionKey;

	@Column(name = "execution_id", length = 64)
	private String executionId;

	@Column(name = "activity_id", nullable = false)
	private String activityId;

	@Column(name = "activity_name")
	private String activityName;

	@Column(name = "executor_kind", length = 16, nullable = false)
	private String executorKind;

	@Column(name = "started_at", nullable = false)
	private Instant startedAt;

	/** The start as epoch milliseconds, so the end can compute the duration in portable SQL. */
	@Column(name = "started_epoch_millis", nullable = false)
	private long startedEpochMillis;

	@Column(name = "ended_at")
	private Instant endedAt;

	@Column(name = "duration_millis")
	private Long durationMillis;

	@Column(name = "outcome", length = 16, nullable = false)
	private String outcome;

	protected TaskExecution() {
	}

	public String getActivityInstanceId() {
		return activityInstanceId;
	}

	public String getProcessInstanceId() {
		return processInstanceId;
	}

	public String getProcessDefinitionKey() {
		return processDefinitionKey;
	}

	public String getActivityId() {
		return activityId;
	}

	public String getActivityName() {
		return activityName;
	}

	public ExecutorKind getExecutorKind() {
		return ExecutorKind.valueOf(executorKind);
	}

	public Instant getStartedAt() {
		return startedAt;
	}

	public Instant getEndedAt() {
		return endedAt;
	}

	public Long getDurationMillis() {
		return durationMillis;
	}

	public Outcome getOutcome() {
		return Outcome.valueOf(outcome);
	}
}
