package io.smartops.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Connections configured from the environment alone, as the README shows: a name, a provider, its key. */
class LlmPropertiesBindingTests {

	@Test
	void aConnectionComesFromEnvironmentVariables() {
		StandardEnvironment environment = new StandardEnvironment();
		String name = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
		environment.getPropertySources().replace(name, new SystemEnvironmentPropertySource(name, Map.of(
				"SMARTOPS_LLM_CONNECTIONS_CLAUDE_PROVIDER", "anthropic",
				"SMARTOPS_LLM_CONNECTIONS_CLAUDE_API_KEY", "sk-ant-test",
				"SMARTOPS_LLM_CONNECTIONS_AWS_PROVIDER", "bedrock",
				"SMARTOPS_LLM_CONNECTIONS_AWS_REGION", "eu-central-1",
				"SMARTOPS_LLM_CONNECTIONS_AWS_ACCESS_KEY_ID", "AKIDTEST",
				"SMARTOPS_LLM_CONNECTIONS_AWS_SECRET_ACCESS_KEY", "secret",
				"SMARTOPS_LLM_CONNECTIONS_AWS_STRUCTURED_OUTPUT", "prompt")));
		ConfigurationPropertySources.attach(environment);
		LlmProperties p = Binder.get(environment).bind("smartops.llm", LlmProperties.class).get();
		LlmProperties.Connection claude = p.connections().get("claude");
		assertThat(claude.provider()).isEqualTo(LlmProvider.ANTHROPIC);
		assertThat(claude.apiKey()).isEqualTo("sk-ant-test");
		assertThat(claude.missing()).isNull();
		assertThat(claude.structuredOutputOrDefault()).isEqualTo(LlmProperties.StructuredOutput.PROMPT);
		LlmProperties.Connection aws = p.connections().get("aws");
		assertThat(aws.provider()).isEqualTo(LlmProvider.BEDROCK);
		assertThat(aws.region()).isEqualTo("eu-central-1");
		assertThat(aws.accessKeyId()).isEqualTo("AKIDTEST");
		assertThat(aws.secretAccessKey()).isEqualTo("secret");
		assertThat(p.timeout()).hasSeconds(30);
	}
}
