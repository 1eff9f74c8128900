package io.smartops.process;

import java.sql.Timestamp;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.impl.bpmn.behavior.ExternalTaskActivityBehavior;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIncidentEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.runtime.ActivityInstanceState;
import org.springframework.jdbc.core.JdbcTemplate;

import io.smartops.process.TaskExecution.ExecutorKind;
import io.smartops.process.TaskExecution.Outcome;

/**
 * Records every task execution from the engine's history event stream, in memory, as it happens:
 * one insert when a task starts and one update by primary key when it ends, both on the engine's
 * transaction (the JDBC template joins the Spring-managed transaction the engine runs in), so a
 * rolled-back step leaves no record and no history query is ever made. A task interrupted by an
 * error boundary event ends as {@code BPMN_ERROR}; an incident on a running task marks it
 * {@code INCIDENT}.
 */
class TaskExecutionRecorder implements HistoryEventHandler {

	static final Set<String> TASK_TYPES = Set.of(ActivityTypes.TASK_SERVICE, ActivityTypes.TASK_USER_TASK,
			ActivityTypes.TASK_BUSINESS_RULE, ActivityTypes.TASK_SCRIPT, ActivityTypes.TASK_SEND_TASK,
			ActivityTypes.TASK_RECEIVE_TASK, ActivityTypes.TASK, ActivityTypes.TASK_MANUAL_TASK);

	private static final ThreadLocal<String> lastCanceled = new ThreadLocal<>();

	private final JdbcTemplate jdbc;

	TaskExecutionRecorder(JdbcTemplate jdbc) {
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
		if (!TASK_TYPES.contains(a.getActivityType())) {
			return;
		}
		if (HistoryEventTypes.ACTIVITY_INSTANCE_START.getEventName().equals(type)) {
			jdbc.update("insert into smartops_task_execution (activity_instance_id, process_instance_id,"
					+ " process_definition_key, execution_id, activity_id, activity_name, executor_kind, started_at,"
					+ " started_epoch_millis, outcome) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", a.getActivityInstanceId(),
					a.getProcessInstanceId(), a.getProcessDefinitionKey(), a.getExecutionId(), a.getActivityId(),
					a.getActivityName(), executorKind(a).name(), new Timestamp(a.getStartTime().getTime()),
					a.getStartTime().getTime(), Outcome.RUNNING.name());
		}
		else if (HistoryEventTypes.ACTIVITY_INSTANCE_END.getEventName().equals(type)) {
			boolean canceled = a.getActivityInstanceState() == ActivityInstanceState.CANCELED.getStateCode();
			if (canceled) {
				lastCanceled.set(a.getActivityInstanceId());
			}
			// an incident, once resolved by a retry, ends as completed; a canceled task keeps BPMN_ERROR if set later
			// the end event of a task started in an earlier transaction may not carry its start time
			jdbc.update("update smartops_task_execution set ended_at = ?, duration_millis = ? - started_epoch_millis,"
					+ " outcome = ? where activity_instance_id = ?", new Timestamp(a.getEndTime().getTime()),
					a.getEndTime().getTime(),
					(canceled ? Outcome.CANCELED : Outcome.COMPLETED).name(), a.getActivityInstanceId());
		}
	}

	/** From the deployed model in the engine's cache: external tasks are agents, user tasks people. */
	static ExecutorKind executorKind(HistoricActivityInstanceEventEntity a) {
		if (ActivityTypes.TASK_USER_TASK.equals(a.getActivityType())
				|| ActivityTypes.TASK_MANUAL_TASK.equals(a.getActivityType())) {
			return ExecutorKind.HUMAN;
		}
		ProcessDefinitionEntity definition = Context.getProcessEngineConfiguration().getDeploymentCache()
			.findDeployedProcessDefinitionById(a.getProcessDefinitionId());
		ActivityImpl activity = definition.findActivity(a.getActivityId());
		if (activity != null && activity.getActivityBehavior() instanceof ExternalTaskActivityBehavior) {
			return ExecutorKind.AGENT;
		}
		return ExecutorKind.AUTOMATION;
	}
}
