package io.smartops.agent;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.FullyQualifiedAnnotationBeanNameGenerator;

import io.smartops.agent.worker.WorkerSettings;
import io.smartops.core.Capability;
import io.smartops.core.CoreAutoConfiguration;
import io.smartops.core.schema.SmartOpsSchema;
import io.smartops.core.SmartOpsDeployments;

/**
 * Agent-backed service tasks: the agent library, the router that BPMN names
 * (<code>agentRouter</code>), the in-server workers, the call audit and telemetry, measured
 * quality, shadow and canary stages and their gates. On with {@code smartops.agents.enabled} (on
 * unless set; {@link io.smartops.core.Capability#AGENTS}).
 */
@AutoConfiguration(after = CoreAutoConfiguration.class, before = { HibernateJpaAutoConfiguration.class,
		JpaRepositoriesAutoConfiguration.class })
@ConditionalOnProperty(name = "smartops.agents.enabled", havingValue = "true", matchIfMissing = true)
@AutoConfigurationPackage
@ComponentScan(nameGenerator = FullyQualifiedAnnotationBeanNameGenerator.class,
		excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = AutoConfiguration.class))
@ConfigurationPropertiesScan
@EnableConfigurationProperties(WorkerSettings.class)
public class AgentsAutoConfiguration {

	@Bean
	SmartOpsDeployments agentsDeployments() {
		return new SmartOpsDeployments(Capability.AGENTS.key(), "agent-promotion.bpmn", "agent-shadow-run.bpmn", "approve-agent-promotion.form");
	}

	@Bean
	SmartOpsSchema agentsSchema(DataSource dataSource) {
		return new SmartOpsSchema(dataSource, Capability.AGENTS.key());
	}
}
