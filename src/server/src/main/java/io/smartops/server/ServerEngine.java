package io.smartops.server;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The server's own addition to its engine (the starter registers plugin beans): on PostgreSQL, the
 * lock that lets nodes started at once build their engines one after another.
 */
@Configuration(proxyBeanMethods = false)
class ServerEngine {

	@Bean
	ProcessEnginePlugin engineSchemaLock(DataSource dataSource) {
		return new EngineSchemaLock(dataSource);
	}
}
