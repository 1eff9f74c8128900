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

import io.micrometer.observation.ObservationPredicate;
import io.micrometer.tracing.Tracer;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import io.micrometer.tracing.propagation.Propagator;
import io.smartops.core.execution.InstanceTracing;
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
			ObjectProvider<SmartOpsDeployments> deployments, InstanceTracing tracing) {
		return new SmartOpsEnginePlugin(handlers.orderedStream().toList(), deployments.orderedStream().toList(),
				tracing.rememberAtStart());
	}

	/**
	 * The agent workers' long-polling fetches are not observed: a server span per idle poll would bury
	 * the traces of the work itself.
	 */
	@Bean
	ObservationPredicate smartOpsUnobservedFetches() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext server && server.getCarrier() != null
				&& server.getCarrier().getRequestURI().endsWith("/external-task/fetchAndLock"));
	}

	/** One trace per process instance, with the host's tracer if it has one. */
	@Bean
	InstanceTracing instanceTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		return new InstanceTracing(tracer::getIfAvailable, propagator::getIfAvailable);
	}

	@Bean
	SmartOpsDeployments coreDeployments() {
		return new SmartOpsDeployments("core", "process-owner-escalation.bpmn", "resolve-owner-escalation.form");
	}
}
