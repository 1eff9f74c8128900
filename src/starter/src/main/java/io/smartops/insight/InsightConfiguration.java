package io.smartops.insight;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** With the history digest on (the default), the engine queues every instance that ends for it. */
@Configuration(proxyBeanMethods = false)
class InsightConfiguration {

	@Bean
	@ConditionalOnProperty(name = "smartops.insights.digest.enabled", havingValue = "true", matchIfMissing = true)
	InstanceEndQueue instanceEndQueue(JdbcTemplate jdbc) {
		return new InstanceEndQueue(jdbc);
	}
}
