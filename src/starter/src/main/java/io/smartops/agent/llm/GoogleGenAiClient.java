package io.smartops.agent.llm;

import java.time.Duration;

import com.google.genai.Client;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.google.genai.GoogleGenAiChatModel;
import org.springframework.ai.google.genai.GoogleGenAiChatOptions;

/**
 * Google Gemini through Google's GenAI SDK: the GenAI API with a key, or Vertex AI when the connection
 * names a project (credentials from the environment, Google's application default credentials).
 * Structured output as a JSON response with the schema.
 */
final class GoogleGenAiClient implements ProviderClient {

	@Override
	public ChatModel chatModel(LlmProperties.Connection c, Duration timeout, ObservationRegistry observations) {
		HttpOptions.Builder http = HttpOptions.builder()
			.timeout((int) timeout.toMillis())
			.retryOptions(HttpRetryOptions.builder().attempts(1));
		if (LlmProperties.Connection.set(c.baseUrl())) {
			http.baseUrl(c.baseUrl());
		}
		Client.Builder client = Client.builder().httpOptions(http.build());
		if (LlmProperties.Connection.set(c.project())) {
			client.vertexAI(true).project(c.project()).location(LlmProperties.Connection.set(c.location()) ? c.location() : "us-central1");
		}
		else {
			client.apiKey(c.apiKey());
		}
		return GoogleGenAiChatModel.builder()
			.genAiClient(client.build())
			.retryTemplate(ProviderClient.once())
			.observationRegistry(observations)
			.build();
	}

	@Override
	public ChatOptions options(String model, double temperature, int maxTokens, String nativeSchema) {
		GoogleGenAiChatOptions.Builder options = GoogleGenAiChatOptions.builder()
			.model(model)
			.temperature(temperature)
			.maxOutputTokens(maxTokens);
		if (nativeSchema != null) {
			options.outputSchema(nativeSchema);
		}
		return options.build();
	}

	@Override
	public TokenCount tokens(ChatResponse response) {
		TokenCount all = ProviderClient.super.tokens(response);
		if (response.getMetadata().getUsage() != null
				&& response.getMetadata().getUsage().getNativeUsage() instanceof GenerateContentResponseUsageMetadata usage) {
			long cached = usage.cachedContentTokenCount().orElse(0);
			return new TokenCount(all.input() - cached, all.output(), cached);
		}
		return all;
	}
}
