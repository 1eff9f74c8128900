package io.smartops.process;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * Adds one history event handler beside the engine's own (the Camunda starter registers plugin
 * beans): the handler sees every history event on the engine's transaction.
 */
public final class HistoryEventPlugin extends AbstractProcessEnginePlugin {

	private final HistoryEventHandler handler;

	public HistoryEventPlugin(HistoryEventHandler handler) {
		this.handler = handler;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		List<HistoryEventHandler> handlers = new ArrayList<>();
		if (configuration.getCustomHistoryEventHandlers() != null) {
			handlers.addAll(configuration.getCustomHistoryEventHandlers());
		}
		handlers.add(handler);
		configuration.setCustomHistoryEventHandlers(handlers);
	}
}
