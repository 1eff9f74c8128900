package io.smartops.insight;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** With the history digest on (the default), the engine queues every instance that ends for it. */
@Configuration(proxyBeanMethods = false)
class InsightConfiguration {

	@Bean
	@ConditionalOnProperty(name = "smartops.insights.digest.enabled", havingValue = "true", matchIfMissing = true)
	ProcessEnginePlugin instanceEndQueue(JdbcTemplate jdbc) {
		return new AbstractProcessEnginePlugin() {
			@Override
			public void preInit(ProcessEngineConfigurationImpl configuration) {
				List<HistoryEventHandler> handlers = new ArrayList<>();
				if (configuration.getCustomHistoryEventHandlers() != null) {
					handlers.addAll(configuration.getCustomHistoryEventHandlers());
				}
				handlers.add(new InstanceEndQueue(jdbc));
				configuration.setCustomHistoryEventHandlers(handlers);
			}
		};
	}
}
