package io.smartops.agent;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.smartops.agent.builtin.BuiltinAgents;
import io.smartops.agent.llm.LlmProperties;
import io.smartops.agent.mcp.McpToolClients;

/** The built-in agents (trained and evaluated once per start), the MCP sessions of MCP-tool agents, and the audit's daily clean-up. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AgentConfiguration {

	@Bean
	BuiltinAgents builtinAgents(LlmProperties llm, McpToolClients mcp, ObjectProvider<ObservationRegistry> observations) {
		return new BuiltinAgents(llm, mcp, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	/** The MCP sessions of the MCP-tool agents (and of the LLM agents' MCP tools), closed with the context. */
	@Bean(destroyMethod = "close")
	McpToolClients mcpToolClients(AgentProperties properties) {
		return new McpToolClients(properties.mcpCallTimeout());
	}
}
