package io.smartops.agent.llm;

import java.net.URI;
import java.time.Duration;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.bedrock.converse.BedrockChatOptions;
import org.springframework.ai.bedrock.converse.BedrockProxyChatModel;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/**
 * Amazon Bedrock's Converse API through the AWS SDK: the model is the model or inference-profile id;
 * credentials from the connection's access key (its secret from the environment) or AWS's default
 * chain. Bedrock has no JSON-schema response format: the schema goes in the prompt.
 */
final class BedrockClient implements ProviderClient {

	@Override
	public ChatModel chatModel(LlmProperties.Connection c, Duration timeout, ObservationRegistry observations) {
		AwsCredentialsProvider credentials = LlmProperties.Connection.set(c.accessKeyId())
				? StaticCredentialsProvider.create(AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()))
				: DefaultCredentialsProvider.builder().build();
		Region region = Region.of(c.region());
		BedrockRuntimeClientBuilder sync = BedrockRuntimeClient.builder()
			.region(region)
			.credentialsProvider(credentials)
			.overrideConfiguration(o -> o.apiCallTimeout(timeout).retryStrategy(DefaultRetryStrategy.doNotRetry()));
		BedrockRuntimeAsyncClientBuilder async = BedrockRuntimeAsyncClient.builder()
			.region(region)
			.credentialsProvider(credentials)
			.overrideConfiguration(o -> o.apiCallTimeout(timeout).retryStrategy(DefaultRetryStrategy.doNotRetry()));
		if (LlmProperties.Connection.set(c.baseUrl())) {
			sync.endpointOverride(URI.create(c.baseUrl()));
			async.endpointOverride(URI.create(c.baseUrl()));
		}
		return BedrockProxyChatModel.builder()
			.bedrockRuntimeClient(sync.build())
			.bedrockRuntimeAsyncClient(async.build())
			.observationRegistry(observations)
			.build();
	}

	@Override
	public ChatOptions options(String model, double temperature, int maxTokens, String nativeSchema) {
		return BedrockChatOptions.builder().model(model).temperature(temperature).maxTokens(maxTokens).build();
	}

	@Override
	public TokenCount tokens(ChatResponse response) {
		if (response.getMetadata().getUsage() != null
				&& response.getMetadata().getUsage().getNativeUsage() instanceof TokenUsage usage) {
			return new TokenCount(ProviderClient.nz(usage.inputTokens()) + ProviderClient.nz(usage.cacheWriteInputTokens()),
					ProviderClient.nz(usage.outputTokens()), ProviderClient.nz(usage.cacheReadInputTokens()));
		}
		return ProviderClient.super.tokens(response);
	}
}
