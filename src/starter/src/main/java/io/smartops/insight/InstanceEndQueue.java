package io.smartops.insight;

import io.smartops.core.SmartOpsHistoryHandler;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Queues each process instance that ends (completed or canceled) for the {@link HistoryDigester}:
 * one insert on the engine's transaction, so an instance is queued exactly when its end commits.
 * {@code ended_at} is the engine's time (the order of the digest's batches), {@code queued_at} the
 * wall clock (how long it has settled).
 */
class InstanceEndQueue implements SmartOpsHistoryHandler {

	private static final String END = HistoryEventTypes.PROCESS_INSTANCE_END.getEventName();

	private final JdbcTemplate jdbc;

	InstanceEndQueue(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void handleEvent(HistoryEvent event) {
		if (event instanceof HistoricProcessInstanceEventEntity instance && END.equals(instance.getEventType())) {
			jdbc.update("insert into smartops_insight_pending (process_instance_id, process_definition_key, ended_at,"
					+ " queued_at) values (?, ?, ?, ?)", instance.getProcessInstanceId(), instance.getProcessDefinitionKey(),
					new Timestamp(instance.getEndTime().getTime()), Timestamp.from(Instant.now()));
		}
	}

	@Override
	public void handleEvents(List<HistoryEvent> events) {
		events.forEach(this::handleEvent);
	}
}
