package io.smartops.agent.llm;

import java.time.Duration;

import com.azure.ai.openai.OpenAIClientBuilder;
import com.azure.ai.openai.models.CompletionsUsage;
import com.azure.core.credential.AzureKeyCredential;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.HttpClientOptions;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.azure.openai.AzureOpenAiChatModel;
import org.springframework.ai.azure.openai.AzureOpenAiChatOptions;
import org.springframework.ai.azure.openai.AzureOpenAiResponseFormat;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;

/**
 * Azure OpenAI through Azure's SDK: the model is the deployment's name; JSON-schema response format.
 * The SDK sends the key only over HTTPS, so the endpoint is always an https URL.
 */
final class AzureOpenAiClient implements ProviderClient {

	@Override
	public ChatModel chatModel(LlmProperties.Connection c, Duration timeout, ObservationRegistry observations) {
		OpenAIClientBuilder client = new OpenAIClientBuilder().endpoint(c.baseUrl())
			.credential(new AzureKeyCredential(c.apiKey()))
			.clientOptions(new HttpClientOptions().setResponseTimeout(timeout).setReadTimeout(timeout))
			// one attempt: the agent counts and caps model calls itself
			.retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(1))));
		return AzureOpenAiChatModel.builder().openAIClientBuilder(client).observationRegistry(observations).build();
	}

	@Override
	public ChatOptions options(String model, double temperature, int maxTokens, String nativeSchema) {
		AzureOpenAiChatOptions.Builder options = AzureOpenAiChatOptions.builder()
			.deploymentName(model)
			.temperature(temperature)
			.maxTokens(maxTokens);
		if (nativeSchema != null) {
			options.responseFormat(AzureOpenAiResponseFormat.builder()
				.type(AzureOpenAiResponseFormat.Type.JSON_SCHEMA)
				// not strict, as for OpenAI: the agent validates the answer against the whole schema itself
				.jsonSchema(AzureOpenAiResponseFormat.JsonSchema.builder().name("answer").schema(nativeSchema).strict(false).build())
				.build());
		}
		return options.build();
	}

	@Override
	public TokenCount tokens(ChatResponse response) {
		TokenCount all = ProviderClient.super.tokens(response);
		if (response.getMetadata().getUsage() != null
				&& response.getMetadata().getUsage().getNativeUsage() instanceof CompletionsUsage usage
				&& usage.getPromptTokensDetails() != null && usage.getPromptTokensDetails().getCachedTokens() != null) {
			long cached = usage.getPromptTokensDetails().getCachedTokens();
			return new TokenCount(all.input() - cached, all.output(), cached);
		}
		return all;
	}
}
