package io.smartops.core;

import java.util.List;

import org.camunda.bpm.engine.impl.history.event.HistoryEvent;

/**
 * A history event handler of a Smart Ops capability: every bean of this type is added to the
 * engine by {@link SmartOpsEnginePlugin}, so it sees every history event on the engine's
 * transaction. Only the capabilities that are on declare theirs. Not a {@code HistoryEventHandler}
 * bean on purpose: Camunda's starter takes a single bean of that type as the engine's own handler.
 */
public interface SmartOpsHistoryHandler {

	void handleEvent(HistoryEvent event);

	default void handleEvents(List<HistoryEvent> events) {
		events.forEach(this::handleEvent);
	}
}
