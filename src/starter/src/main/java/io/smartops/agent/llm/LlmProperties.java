package io.smartops.agent.llm;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The model behind the LLM agents ({@code smartops.llm.*}): any OpenAI-compatible endpoint
 * (OpenAI, Ollama, vLLM). With no base URL the LLM agents are unavailable and the selector uses
 * the deterministic agents; the server needs no key to start.
 *
 * @param baseUrl e.g. {@code https://api.openai.com} or {@code http://localhost:11434} (Ollama)
 * @param apiKey from {@code SMARTOPS_LLM_API_KEY}, never from the repository
 * @param model the chat model's name
 * @param timeout how long one model call may take before it counts as failed
 * @param maxModelCallsPerTask cap on model calls for one agent task (retries included); then the
 * fallback agent answers
 * @param maxTokensPerCall cap on completion tokens per model call
 * @param costPerThousandTokens price used for the cost of a call (prompt and completion tokens)
 * @param mcpServers Streamable HTTP endpoints of MCP servers whose tools the LLM agents may call
 * while they work (none by default)
 * @param maxToolCallsPerTask cap on those tool calls for one agent task; the next aborts the
 * model call
 */
@ConfigurationProperties("smartops.llm")
public record LlmProperties(@DefaultValue("") String baseUrl, @DefaultValue("") String apiKey,
		@DefaultValue("gpt-4o-mini") String model, @DefaultValue("30s") Duration timeout,
		@DefaultValue("3") int maxModelCallsPerTask, @DefaultValue("800") int maxTokensPerCall,
		@DefaultValue("0.0006") double costPerThousandTokens, @DefaultValue("") List<String> mcpServers,
		@DefaultValue("3") int maxToolCallsPerTask) {

	@ConstructorBinding
	public LlmProperties {
		mcpServers = mcpServers == null ? List.of() : mcpServers.stream().filter(s -> !s.isBlank()).toList();
	}

	public LlmProperties(String baseUrl, String apiKey, String model, Duration timeout, int maxModelCallsPerTask,
			int maxTokensPerCall, double costPerThousandTokens) {
		this(baseUrl, apiKey, model, timeout, maxModelCallsPerTask, maxTokensPerCall, costPerThousandTokens, List.of(), 3);
	}

	public boolean configured() {
		return !baseUrl.isBlank();
	}
}
