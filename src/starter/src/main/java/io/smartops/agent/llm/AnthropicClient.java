package io.smartops.agent.llm;

import java.time.Duration;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.anthropic.api.AnthropicApi;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;

/** Anthropic's Messages API; structured output through the prompt unless the connection asks for the native format. */
final class AnthropicClient implements ProviderClient {

	@Override
	public ChatModel chatModel(LlmProperties.Connection c, Duration timeout, ObservationRegistry observations) {
		AnthropicApi.Builder api = AnthropicApi.builder()
			.apiKey(LlmProperties.Connection.set(c.apiKey()) ? c.apiKey() : "none")
			.restClientBuilder(ProviderClient.rest(timeout, observations));
		if (LlmProperties.Connection.set(c.baseUrl())) {
			api.baseUrl(c.baseUrl());
		}
		return AnthropicChatModel.builder()
			.anthropicApi(api.build())
			.retryTemplate(ProviderClient.once())
			.observationRegistry(observations)
			.build();
	}

	@Override
	public ChatOptions options(String model, double temperature, int maxTokens, String nativeSchema) {
		AnthropicChatOptions options = AnthropicChatOptions.builder().model(model).temperature(temperature).maxTokens(maxTokens).build();
		if (nativeSchema != null) {
			options.setOutputSchema(nativeSchema);
		}
		return options;
	}

	/** Anthropic counts cache reads apart from input; a cache write is priced as input. */
	@Override
	public TokenCount tokens(ChatResponse response) {
		if (response.getMetadata().getUsage() != null
				&& response.getMetadata().getUsage().getNativeUsage() instanceof AnthropicApi.Usage usage) {
			return new TokenCount(ProviderClient.nz(usage.inputTokens()) + ProviderClient.nz(usage.cacheCreationInputTokens()),
					ProviderClient.nz(usage.outputTokens()), ProviderClient.nz(usage.cacheReadInputTokens()));
		}
		return ProviderClient.super.tokens(response);
	}
}
