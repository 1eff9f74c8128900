package io.smartops.sense;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.FullyQualifiedAnnotationBeanNameGenerator;

import io.smartops.core.Capability;
import io.smartops.core.CoreAutoConfiguration;
import io.smartops.core.schema.SmartOpsSchema;

/**
 * Sensed events (REST, MQTT) that touch a binding constraint re-plan the plan in force. On with
 * {@code smartops.sense.enabled} (off unless set; {@link io.smartops.core.Capability#SENSE}).
 */
@AutoConfiguration(after = CoreAutoConfiguration.class, before = { HibernateJpaAutoConfiguration.class,
		JpaRepositoriesAutoConfiguration.class })
@ConditionalOnProperty(name = "smartops.sense.enabled", havingValue = "true", matchIfMissing = false)
@AutoConfigurationPackage
@ComponentScan(nameGenerator = FullyQualifiedAnnotationBeanNameGenerator.class,
		excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = AutoConfiguration.class))
@ConfigurationPropertiesScan
public class SenseAutoConfiguration {

	@Bean
	SmartOpsSchema senseSchema(DataSource dataSource) {
		return new SmartOpsSchema(dataSource, Capability.SENSE.key());
	}
}
