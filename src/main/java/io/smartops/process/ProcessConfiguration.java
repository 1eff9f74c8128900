package io.smartops.process;

import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Adds the task-execution instrumentation to the engine, and on PostgreSQL the lock that lets
 * nodes started at once build their engines one after another (the starter registers plugin beans).
 */
@Configuration(proxyBeanMethods = false)
class ProcessConfiguration {

	@Bean
	ProcessEnginePlugin engineSchemaLock(javax.sql.DataSource dataSource) {
		return new EngineSchemaLock(dataSource);
	}

	@Bean
	ProcessEnginePlugin taskExecutionInstrumentation(JdbcTemplate jdbc) {
		return new HistoryEventPlugin(new TaskExecutionRecorder(jdbc));
	}
}
