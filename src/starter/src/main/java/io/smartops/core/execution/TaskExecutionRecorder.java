package io.smartops.core.execution;

import io.smartops.core.SmartOpsHistoryHandler;
import org.springframework.stereotype.Component;
import java.sql.Timestamp;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.impl.bpmn.behavior.ExternalTaskActivityBehavior;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricExternalTaskLogEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIdentityLinkLogEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIncidentEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.runtime.ActivityInstanceState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.jdbc.core.JdbcTemplate;

import io.smartops.core.execution.TaskExecution.ExecutorKind;
import io.smartops.core.execution.TaskExecution.Outcome;

/**
 * Records every task execution from the engine's history event stream, in memory, as it happens:
 * one insert when a task starts and one update by primary key when it ends, both on the engine's
 * transaction (the JDBC template joins the Spring-managed transaction the engine runs in), so a
 * rolled-back step leaves no record and no history query is ever made. A task interrupted by an
 * error boundary event ends as {@code BPMN_ERROR}; an incident on a running task marks it
 * {@code INCIDENT}.
 * <p>
 * For the process insights it also records when work began and who did it: a person's claim (or
 * an assignment at creation) starts the working time of a user task, which ends with the task, and
 * a timer on a running task that fires (an SLA passed) counts as an escalation of it;
 * automation works from start to end; an agent's working time and cost are added by the agent
 * telemetry from its calls. A user task's first candidate group is kept for its hourly rate, and
 * every failure an external task reports is counted.
 */
@Component
public class TaskExecutionRecorder implements SmartOpsHistoryHandler {

	static final Set<String> TASK_TYPES = Set.of(ActivityTypes.TASK_SERVICE, ActivityTypes.TASK_USER_TASK,
			ActivityTypes.TASK_BUSINESS_RULE, ActivityTypes.TASK_SCRIPT, ActivityTypes.TASK_SEND_TASK,
			ActivityTypes.TASK_RECEIVE_TASK, ActivityTypes.TASK, ActivityTypes.TASK_MANUAL_TASK);

	private static final ThreadLocal<String> lastCanceled = new ThreadLocal<>();


	private final JdbcTemplate jdbc;

	public TaskExecutionRecorder(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void handleEvent(HistoryEvent event) {
		if (event instanceof HistoricActivityInstanceEventEntity activity) {
			onActivity(activity);
		}
		else if (event instanceof HistoricIncidentEventEntity incident
				&& HistoryEventTypes.INCIDENT_CREATE.getEventName().equals(incident.getEventType())) {
			jdbc.update("update smartops_task_execution set outcome = ? where execution_id = ? and activity_id = ?"
					+ " and ended_at is null", Outcome.INCIDENT.name(), incident.getExecutionId(), incident.getActivityId());
		}
		else if (event instanceof HistoricTaskInstanceEventEntity task) {
			onTask(task);
		}
		else if (event instanceof HistoricIdentityLinkLogEventEntity link) {
			onIdentityLink(link);
		}
		else if (event instanceof HistoricExternalTaskLogEntity log && log.isFailureLog()) {
			jdbc.update("update smartops_task_execution set failures = failures + 1 where activity_instance_id = ?",
					log.getActivityInstanceId());
		}
	}

	/** A person's claim, or an assignment at creation, starts the task's working time; a later reassignment does not. */
	private void onTask(HistoricTaskInstanceEventEntity task) {
		String type = task.getEventType();
		boolean created = HistoryEventTypes.TASK_INSTANCE_CREATE.getEventName().equals(type);
		if (task.getAssignee() == null || task.getActivityInstanceId() == null
				|| !(created || HistoryEventTypes.TASK_INSTANCE_UPDATE.getEventName().equals(type))) {
			return;
		}
		long now = created ? task.getStartTime().getTime() : ClockUtil.getCurrentTime().getTime();
		jdbc.update("update smartops_task_execution set work_started_epoch_millis = coalesce(work_started_epoch_millis, ?),"
				+ " executor_id = ? where activity_instance_id = ? and ended_at is null", now, task.getAssignee(),
				task.getActivityInstanceId());
	}

	/**
	 * A task's first candidate group is the group that works it. The engine adds a new task's
	 * candidate groups before it reports the task created, so the task is found by its id in the
	 * command's own cache and its execution row by the execution and activity.
	 */
	private void onIdentityLink(HistoricIdentityLinkLogEventEntity link) {
		if (link.getGroupId() == null || link.getTaskId() == null || !IdentityLinkType.CANDIDATE.equals(link.getType())
				|| Context.getCommandContext() == null) {
			return;
		}
		TaskEntity task = Context.getCommandContext().getTaskManager().findTaskById(link.getTaskId());
		if (task == null || task.getExecutionId() == null) {
			return;
		}
		jdbc.update("update smartops_task_execution set executor_group = ? where execution_id = ? and activity_id = ?"
				+ " and ended_at is null and executor_group is null", link.getGroupId(), task.getExecutionId(),
				task.getTaskDefinitionKey());
	}

	@Override
	public void handleEvents(List<HistoryEvent> events) {
		events.forEach(this::handleEvent);
	}

	private void onActivity(HistoricActivityInstanceEventEntity a) {
		String type = a.getEventType();
		if (ActivityTypes.BOUNDARY_ERROR.equals(a.getActivityType())
				&& HistoryEventTypes.ACTIVITY_INSTANCE_START.getEventName().equals(type)) {
			String canceled = lastCanceled.get();
			if (canceled != null) {
				jdbc.update("update smartops_task_execution set outcome = ? where activity_instance_id = ?",
						Outcome.BPMN_ERROR.name(), canceled);
				lastCanceled.remove();
			}
			return;
		}
		if (ActivityTypes.BOUNDARY_TIMER.equals(a.getActivityType())
				&& HistoryEventTypes.ACTIVITY_INSTANCE_START.getEventName().equals(type)) {
			String attachedTo = attachedActivity(a);
			if (attachedTo != null) {
				jdbc.update("update smartops_task_execution set escalations = escalations + 1 where process_instance_id = ?"
						+ " and activity_id = ? and ended_at is null", a.getProcessInstanceId(), attachedTo);
			}
			return;
		}
		if (!TASK_TYPES.contains(a.getActivityType())) {
			return;
		}
		if (HistoryEventTypes.ACTIVITY_INSTANCE_START.getEventName().equals(type)) {
			jdbc.update("insert into smartops_task_execution (activity_instance_id, process_instance_id,"
					+ " process_definition_key, process_definition_id, execution_id, activity_id, activity_name, executor_kind,"
					+ " started_at, started_epoch_millis, outcome, sequence_counter) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					a.getActivityInstanceId(), a.getProcessInstanceId(), a.getProcessDefinitionKey(),
					a.getProcessDefinitionId(), a.getExecutionId(), a.getActivityId(),
					a.getActivityName(), executorKind(a).name(), new Timestamp(a.getStartTime().getTime()),
					a.getStartTime().getTime(), Outcome.RUNNING.name(), a.getSequenceCounter());
		}
		else if (HistoryEventTypes.ACTIVITY_INSTANCE_END.getEventName().equals(type)) {
			boolean canceled = a.getActivityInstanceState() == ActivityInstanceState.CANCELED.getStateCode();
			if (canceled) {
				lastCanceled.set(a.getActivityInstanceId());
			}
			// an incident, once resolved by a retry, ends as completed; a canceled task keeps BPMN_ERROR if set later
			// the end event of a task started in an earlier transaction may not carry its start time
			// an agent's working time is the sum of its calls' (added as they are reported); others work until the end
			long end = a.getEndTime().getTime();
			jdbc.update("update smartops_task_execution set ended_at = ?, duration_millis = ? - started_epoch_millis,"
					+ " working_millis = case when executor_kind = ? then working_millis"
					+ " else ? - coalesce(work_started_epoch_millis, started_epoch_millis) end,"
					+ " outcome = ? where activity_instance_id = ?", new Timestamp(end), end, ExecutorKind.AGENT.name(), end,
					(canceled ? Outcome.CANCELED : Outcome.COMPLETED).name(), a.getActivityInstanceId());
		}
	}

	/** The activity of the event in the deployed model, from the engine's cache (null if the model has none). */
	private static ActivityImpl activity(HistoricActivityInstanceEventEntity a) {
		ProcessDefinitionEntity definition = Context.getProcessEngineConfiguration().getDeploymentCache()
			.findDeployedProcessDefinitionById(a.getProcessDefinitionId());
		return definition.findActivity(a.getActivityId());
	}

	/** The task a boundary event is attached to. */
	private static String attachedActivity(HistoricActivityInstanceEventEntity a) {
		ActivityImpl boundary = activity(a);
		return boundary == null || boundary.getEventScope() == null ? null : boundary.getEventScope().getId();
	}

	/** From the deployed model in the engine's cache: external tasks are agents, user tasks people. */
	static ExecutorKind executorKind(HistoricActivityInstanceEventEntity a) {
		if (ActivityTypes.TASK_USER_TASK.equals(a.getActivityType())
				|| ActivityTypes.TASK_MANUAL_TASK.equals(a.getActivityType())) {
			return ExecutorKind.HUMAN;
		}
		ActivityImpl activity = activity(a);
		if (activity != null && activity.getActivityBehavior() instanceof ExternalTaskActivityBehavior) {
			return ExecutorKind.AGENT;
		}
		return ExecutorKind.AUTOMATION;
	}
}
