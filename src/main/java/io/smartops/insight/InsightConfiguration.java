package io.smartops.insight;

import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import io.smartops.process.HistoryEventPlugin;

/** With the history digest on (the default), the engine queues every instance that ends for it. */
@Configuration(proxyBeanMethods = false)
class InsightConfiguration {

	@Bean
	@ConditionalOnProperty(name = "smartops.insights.digest.enabled", havingValue = "true", matchIfMissing = true)
	ProcessEnginePlugin instanceEndQueue(JdbcTemplate jdbc) {
		return new HistoryEventPlugin(new InstanceEndQueue(jdbc));
	}
}
