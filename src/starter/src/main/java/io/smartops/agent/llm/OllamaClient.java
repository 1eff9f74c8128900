package io.smartops.agent.llm;

import java.time.Duration;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaChatOptions;

/** Ollama's own chat API ({@code /api/chat}); structured output as its {@code format} JSON schema. Models are never pulled. */
final class OllamaClient implements ProviderClient {

	@Override
	public ChatModel chatModel(LlmProperties.Connection c, Duration timeout, ObservationRegistry observations) {
		OllamaApi api = OllamaApi.builder().baseUrl(c.baseUrl()).restClientBuilder(ProviderClient.rest(timeout, observations)).build();
		return OllamaChatModel.builder()
			.ollamaApi(api)
			.retryTemplate(ProviderClient.once())
			.observationRegistry(observations)
			.build();
	}

	@Override
	public ChatOptions options(String model, double temperature, int maxTokens, String nativeSchema) {
		OllamaChatOptions.Builder options = OllamaChatOptions.builder().model(model).temperature(temperature).numPredict(maxTokens);
		if (nativeSchema != null) {
			options.outputSchema(nativeSchema);
		}
		return options.build();
	}
}
