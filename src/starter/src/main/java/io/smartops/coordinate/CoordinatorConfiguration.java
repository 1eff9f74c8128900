package io.smartops.coordinate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the coordinator's BPMN reads by expression besides the delegates. */
@Configuration(proxyBeanMethods = false)
class CoordinatorConfiguration {

	/** The timer start's cycle, {@code ${planningCycle}} in the BPMN ({@code smartops.coordinator.cycle}). */
	@Bean
	String planningCycle(@Value("${smartops.coordinator.cycle:R/P1D}") String cycle) {
		return cycle;
	}
}
