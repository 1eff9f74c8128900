package io.smartops.agent.llm;

import java.util.Optional;

import org.springframework.ai.chat.client.ChatClient;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.web.client.RestClient;

/**
 * Builds the {@link ChatClient} of the LLM agents from {@link LlmProperties}, or none when no
 * base URL is set. Spring AI's own retries are off (one attempt per model call): the agents
 * count and cap model calls themselves and fall back to a deterministic agent.
 */
public final class LlmConfiguration {

	private LlmConfiguration() {
	}

	public static Optional<ChatClient> chatClient(LlmProperties p) {
		return chatClient(p, ObservationRegistry.NOOP);
	}

	/**
	 * As above, with every model call observed in {@code observations}: Spring AI's chat observation
	 * and the HTTP client's, children of the agent task's span when a tracer is present.
	 */
	public static Optional<ChatClient> chatClient(LlmProperties p, ObservationRegistry observations) {
		if (!p.configured()) {
			return Optional.empty();
		}
		SimpleClientHttpRequestFactory http = new SimpleClientHttpRequestFactory();
		http.setConnectTimeout(p.timeout());
		http.setReadTimeout(p.timeout());
		OpenAiApi api = OpenAiApi.builder()
			.baseUrl(p.baseUrl())
			.apiKey(p.apiKey().isBlank() ? "none" : p.apiKey())
			.restClientBuilder(RestClient.builder().requestFactory(http).observationRegistry(observations))
			.build();
		OpenAiChatModel model = OpenAiChatModel.builder()
			.openAiApi(api)
			.defaultOptions(OpenAiChatOptions.builder().model(p.model()).maxTokens(p.maxTokensPerCall()).temperature(0.2).build())
			.retryTemplate(RetryTemplate.builder().maxAttempts(1).build())
			.observationRegistry(observations)
			.build();
		return Optional.of(ChatClient.builder(model, observations, null, null).build());
	}
}
