package io.smartops.agent.worker;

import java.util.Date;
import java.util.Map;

import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;

/**
 * An agent task as a worker holds it, whichever way it came: over the engine's REST API (Camunda's
 * external-task client, {@link AgentWorkers}) or through the engine's Java API in the engine's own
 * process ({@link InProcessWorkers}). What {@link AgentTaskHandler} reads of it and may do with it.
 */
interface LockedTask {

	String id();

	String processInstanceId();

	String activityId();

	/** When the engine created the task (its pick-up is measured from here); null if unknown. */
	Date createTime();

	/** The retries left, null before the first failure. */
	Integer retries();

	Object variable(String name);

	void complete(Map<String, Object> variables);

	void bpmnError(String code, String message, Map<String, Object> variables);

	void failure(String message, String details, int retries, long backoffMillis);

	void extendLock(long millis);

	/** A task fetched by Camunda's external-task client. */
	static LockedTask of(ExternalTask task, ExternalTaskService service) {
		return new LockedTask() {
			public String id() {
				return task.getId();
			}

			public String processInstanceId() {
				return task.getProcessInstanceId();
			}

			public String activityId() {
				return task.getActivityId();
			}

			public Date createTime() {
				return task.getCreateTime();
			}

			public Integer retries() {
				return task.getRetries();
			}

			public Object variable(String name) {
				return task.getVariable(name);
			}

			public void complete(Map<String, Object> variables) {
				service.complete(task, variables);
			}

			public void bpmnError(String code, String message, Map<String, Object> variables) {
				service.handleBpmnError(task, code, message, variables);
			}

			public void failure(String message, String details, int retries, long backoffMillis) {
				service.handleFailure(task, message, details, retries, backoffMillis);
			}

			public void extendLock(long millis) {
				service.extendLock(task, millis);
			}
		};
	}

	/** A task fetched and locked through the engine's Java API by {@code workerId}. */
	static LockedTask of(org.camunda.bpm.engine.externaltask.LockedExternalTask task,
			org.camunda.bpm.engine.ExternalTaskService service, String workerId) {
		return new LockedTask() {
			public String id() {
				return task.getId();
			}

			public String processInstanceId() {
				return task.getProcessInstanceId();
			}

			public String activityId() {
				return task.getActivityId();
			}

			public Date createTime() {
				return task.getCreateTime();
			}

			public Integer retries() {
				return task.getRetries();
			}

			public Object variable(String name) {
				return task.getVariables().get(name);
			}

			public void complete(Map<String, Object> variables) {
				service.complete(task.getId(), workerId, variables);
			}

			public void bpmnError(String code, String message, Map<String, Object> variables) {
				service.handleBpmnError(task.getId(), workerId, code, message, variables);
			}

			public void failure(String message, String details, int retries, long backoffMillis) {
				service.handleFailure(task.getId(), workerId, message, details, retries, backoffMillis);
			}

			public void extendLock(long millis) {
				service.extendLock(task.getId(), workerId, millis);
			}
		};
	}
}
