package io.smartops.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.smartops.agent.builtin.BuiltinAgents;
import io.smartops.agent.llm.LlmConnections;
import io.smartops.agent.llm.LlmGuardrails;
import io.smartops.agent.llm.LlmProperties;
import io.smartops.agent.llm.ShippedLlmAgents;
import io.smartops.agent.mcp.McpToolClients;

/**
 * The built-in agents (trained and evaluated once per start), the shipped LLM agents with the
 * named LLM connections and guardrails, the MCP sessions of MCP-tool agents, and the audit's daily
 * clean-up.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AgentConfiguration {

	@Bean
	BuiltinAgents builtinAgents() {
		return new BuiltinAgents();
	}

	/** Registered after the built-in agents: their fallbacks are built-in agents. */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	ShippedLlmAgents shippedLlmAgents(ObjectMapper json) {
		return new ShippedLlmAgents(json);
	}

	/** The named connections; model calls observed (spans of the agent task's trace, timers). */
	@Bean
	LlmConnections llmConnections(LlmProperties llm, ObjectProvider<ObservationRegistry> observations) {
		return new LlmConnections(llm, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Bean
	LlmGuardrails llmGuardrails(LlmProperties llm) {
		return new LlmGuardrails(llm.guardrails());
	}

	/** The MCP sessions of the MCP-tool agents (and of the LLM agents' MCP tools), closed with the context. */
	@Bean(destroyMethod = "close")
	McpToolClients mcpToolClients(AgentProperties properties) {
		return new McpToolClients(properties.mcpCallTimeout());
	}
}
