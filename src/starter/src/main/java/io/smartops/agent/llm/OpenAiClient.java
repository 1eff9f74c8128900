package io.smartops.agent.llm;

import java.time.Duration;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.ai.openai.api.ResponseFormat;

/** OpenAI and OpenAI-compatible endpoints (vLLM, Ollama's /v1): chat completions, JSON-schema response format. */
final class OpenAiClient implements ProviderClient {

	@Override
	public ChatModel chatModel(LlmProperties.Connection c, Duration timeout, ObservationRegistry observations) {
		OpenAiApi api = OpenAiApi.builder()
			.baseUrl(LlmProperties.Connection.set(c.baseUrl()) ? c.baseUrl() : "https://api.openai.com")
			.apiKey(LlmProperties.Connection.set(c.apiKey()) ? c.apiKey() : "none")
			.restClientBuilder(ProviderClient.rest(timeout, observations))
			.build();
		return OpenAiChatModel.builder()
			.openAiApi(api)
			.retryTemplate(ProviderClient.once())
			.observationRegistry(observations)
			.build();
	}

	@Override
	public ChatOptions options(String model, double temperature, int maxTokens, String nativeSchema) {
		OpenAiChatOptions options = OpenAiChatOptions.builder().model(model).temperature(temperature).maxTokens(maxTokens).build();
		if (nativeSchema != null) {
			// not strict: OpenAI's strict mode refuses common keywords (minLength, maxLength); the agent validates the
			// answer against the whole schema itself
			options.setResponseFormat(ResponseFormat.builder()
				.type(ResponseFormat.Type.JSON_SCHEMA)
				.jsonSchema(ResponseFormat.JsonSchema.builder().name("answer").schema(nativeSchema).strict(false).build())
				.build());
		}
		return options;
	}

	@Override
	public TokenCount tokens(ChatResponse response) {
		TokenCount all = ProviderClient.super.tokens(response);
		if (response.getMetadata().getUsage().getNativeUsage() instanceof OpenAiApi.Usage usage
				&& usage.promptTokensDetails() != null) {
			long cached = ProviderClient.nz(usage.promptTokensDetails().cachedTokens());
			return new TokenCount(all.input() - cached, all.output(), cached);
		}
		return all;
	}
}
