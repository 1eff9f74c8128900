package io.smartops.orchestrate;

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
 * Action items and their channels (applications, operators, suppliers, devices) with
 * acknowledgements. On with {@code smartops.orchestration.enabled} (off unless set; {@link
 * io.smartops.core.Capability#ORCHESTRATION}).
 */
@AutoConfiguration(after = CoreAutoConfiguration.class, before = { HibernateJpaAutoConfiguration.class,
		JpaRepositoriesAutoConfiguration.class })
@ConditionalOnProperty(name = "smartops.orchestration.enabled", havingValue = "true", matchIfMissing = false)
@AutoConfigurationPackage
@ComponentScan(nameGenerator = FullyQualifiedAnnotationBeanNameGenerator.class,
		excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = AutoConfiguration.class))
@ConfigurationPropertiesScan
public class OrchestrationAutoConfiguration {

	@Bean
	SmartOpsDeployments orchestrationDeployments() {
		return new SmartOpsDeployments(Capability.ORCHESTRATION.key(), "orchestrate-action.bpmn", "carry-out-work-order.form", "resolve-action-escalation.form");
	}

	@Bean
	SmartOpsSchema orchestrationSchema(DataSource dataSource) {
		return new SmartOpsSchema(dataSource, Capability.ORCHESTRATION.key());
	}
}
