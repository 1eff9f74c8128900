package io.smartops.simulate;

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
 * What-if simulation of a process on its own BPMN, fitted from history, in a JVM of its own per
 * run. On with {@code smartops.simulation.enabled} (on unless set; {@link
 * io.smartops.core.Capability#SIMULATION}).
 */
@AutoConfiguration(after = CoreAutoConfiguration.class, before = { HibernateJpaAutoConfiguration.class,
		JpaRepositoriesAutoConfiguration.class })
@ConditionalOnProperty(name = "smartops.simulation.enabled", havingValue = "true", matchIfMissing = true)
@AutoConfigurationPackage
@ComponentScan(nameGenerator = FullyQualifiedAnnotationBeanNameGenerator.class,
		excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = AutoConfiguration.class))
@ConfigurationPropertiesScan
public class SimulationAutoConfiguration {

	@Bean
	SmartOpsSchema simulationSchema(DataSource dataSource) {
		return new SmartOpsSchema(dataSource, Capability.SIMULATION.key());
	}
}
