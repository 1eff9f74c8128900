package io.smartops.agent.llm;

import java.time.Duration;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.web.client.RestClient;

/**
 * One provider through its Spring AI module: the chat model of a connection, the options of one
 * call (model, temperature, token cap and, for the native route, the output schema), and the
 * tokens of a response by type. Each provider is its own class, loaded only when a connection names
 * it, so a host without a provider's module runs without it. Spring AI's own retries are off: the
 * agent counts and caps model calls itself.
 */
interface ProviderClient {

	ChatModel chatModel(LlmProperties.Connection connection, Duration timeout, ObservationRegistry observations);

	/** @param nativeSchema the JSON schema for the provider's response format, or null for the prompt route */
	ChatOptions options(String model, double temperature, int maxTokens, String nativeSchema);

	/** The response's tokens: input (not cached), output, and input read from the provider's cache. */
	default TokenCount tokens(ChatResponse response) {
		Usage usage = response == null || response.getMetadata() == null ? null : response.getMetadata().getUsage();
		if (usage == null) {
			return TokenCount.NONE;
		}
		return new TokenCount(nz(usage.getPromptTokens()), nz(usage.getCompletionTokens()), 0);
	}

	static ProviderClient of(LlmProvider provider) {
		if (!provider.present()) {
			throw new IllegalStateException("provider " + provider.key() + " needs org.springframework.ai:" + provider.module()
					+ " on the classpath");
		}
		return switch (provider) {
			case OPENAI -> new OpenAiClient();
			case AZURE_OPENAI -> new AzureOpenAiClient();
			case ANTHROPIC -> new AnthropicClient();
			case OLLAMA -> new OllamaClient();
			case GOOGLE_GENAI -> new GoogleGenAiClient();
			case BEDROCK -> new BedrockClient();
		};
	}

	/** A Spring RestClient with the call's timeouts, observed (its HTTP span is a child of the chat span). */
	static RestClient.Builder rest(Duration timeout, ObservationRegistry observations) {
		SimpleClientHttpRequestFactory http = new SimpleClientHttpRequestFactory();
		http.setConnectTimeout(timeout);
		http.setReadTimeout(timeout);
		return RestClient.builder().requestFactory(http).observationRegistry(observations);
	}

	static RetryTemplate once() {
		return RetryTemplate.builder().maxAttempts(1).build();
	}

	static long nz(Integer n) {
		return n == null ? 0 : n;
	}

	static long nz(Long n) {
		return n == null ? 0 : n;
	}
}
