package io.smartops.core;


import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.FullyQualifiedAnnotationBeanNameGenerator;
import org.springframework.core.env.Environment;

import io.smartops.core.schema.SmartOpsSchema;

/**
 * What every capability stands on: the engine plugin, task-execution records, process owners and
 * their escalations, cluster claims, the API's errors and the caller's identity and roles, and
 * Smart Ops' tables. On whenever the starter is on the classpath.
 */
@AutoConfiguration(before = { HibernateJpaAutoConfiguration.class, JpaRepositoriesAutoConfiguration.class })
@AutoConfigurationPackage
@ComponentScan(nameGenerator = FullyQualifiedAnnotationBeanNameGenerator.class,
		excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = AutoConfiguration.class))
@ConfigurationPropertiesScan
public class CoreAutoConfiguration {

	CoreAutoConfiguration(Environment environment) {
		Capability.check(environment);
	}

	@Bean
	SmartOpsSchema smartOpsSchema(DataSource dataSource) {
		return new SmartOpsSchema(dataSource, "core");
	}

	@Bean
	SmartOpsEnginePlugin smartOpsEnginePlugin(ObjectProvider<SmartOpsHistoryHandler> handlers,
			ObjectProvider<SmartOpsDeployments> deployments) {
		return new SmartOpsEnginePlugin(handlers.orderedStream().toList(), deployments.orderedStream().toList());
	}

	@Bean
	SmartOpsDeployments coreDeployments() {
		return new SmartOpsDeployments("core", "process-owner-escalation.bpmn", "resolve-owner-escalation.form");
	}
}
