package io.smartops.core.schema;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.core.Ordered;

/**
 * Tells Spring Boot that {@link SmartOpsSchema} initializes the database, so that what reads it
 * waits; ordered last, so that it runs after the host's own initializers (its Flyway, Liquibase or
 * SQL scripts) and those find the database as they would without Smart Ops: a host's Flyway refuses
 * a schema that holds tables but no history of its own.
 */
class SmartOpsSchemaDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(SmartOpsSchema.class);
	}
}
