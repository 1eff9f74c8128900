package io.smartops.coordinate;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.FullyQualifiedAnnotationBeanNameGenerator;

import io.smartops.core.Capability;
import io.smartops.core.CoreAutoConfiguration;
import io.smartops.core.schema.SmartOpsSchema;
import io.smartops.core.SmartOpsDeployments;

/**
 * The agentic coordinator: gather agents, scenario assembly, the optimizer agent and the plan's
 * approval. On with {@code smartops.coordinator.enabled} (off unless set; {@link
 * io.smartops.core.Capability#COORDINATOR}).
 */
@AutoConfiguration(after = CoreAutoConfiguration.class, before = { HibernateJpaAutoConfiguration.class,
		JpaRepositoriesAutoConfiguration.class })
@ConditionalOnProperty(name = "smartops.coordinator.enabled", havingValue = "true", matchIfMissing = false)
@AutoConfigurationPackage
@ComponentScan(nameGenerator = FullyQualifiedAnnotationBeanNameGenerator.class,
		excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = AutoConfiguration.class))
@ConfigurationPropertiesScan
public class CoordinatorAutoConfiguration {

	@Bean
	SmartOpsDeployments coordinatorDeployments() {
		return new SmartOpsDeployments(Capability.COORDINATOR.key(), "operating-plan-coordinator.bpmn", "approve-operating-plan.form", "approve-replan.form", "relax-constraints.form");
	}

	@Bean
	SmartOpsSchema coordinatorSchema(DataSource dataSource) {
		return new SmartOpsSchema(dataSource, Capability.COORDINATOR.key());
	}
}
