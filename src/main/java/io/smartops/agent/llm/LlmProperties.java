package io.smartops.agent.llm;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
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
 */
@ConfigurationProperties("smartops.llm")
public record LlmProperties(@DefaultValue("") String baseUrl, @DefaultValue("") String apiKey,
		@DefaultValue("gpt-4o-mini") String model, @DefaultValue("30s") Duration timeout,
		@DefaultValue("3") int maxModelCallsPerTask, @DefaultValue("800") int maxTokensPerCall,
		@DefaultValue("0.0006") double costPerThousandTokens) {

	public boolean configured() {
		return !baseUrl.isBlank();
	}
}
