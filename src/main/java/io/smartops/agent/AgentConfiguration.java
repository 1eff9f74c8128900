package io.smartops.agent;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.smartops.agent.builtin.BuiltinAgents;
import io.smartops.agent.llm.LlmProperties;

/** The built-in agents (trained and evaluated once per start) and the audit's daily clean-up. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AgentConfiguration {

	@Bean
	BuiltinAgents builtinAgents(LlmProperties llm) {
		return new BuiltinAgents(llm);
	}
}
