package io.smartops.agent.llm;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The models behind the declared LLM agents ({@code smartops.llm.*}): named connections, one per
 * provider account or endpoint, and the limits, guardrails and judging every LLM agent shares. With
 * no connection configured the LLM agents are listed as unavailable and selection uses the
 * deterministic agents; the server needs no key to start.
 *
 * @param connections the connections by name ({@code smartops.llm.connections.<name>.*}); an agent
 * declares which one it uses
 * @param timeout how long one model call may take before it counts as failed, unless its
 * connection says otherwise
 * @param guardrails what is screened on the way to the model and back
 */
@ConfigurationProperties("smartops.llm")
public record LlmProperties(Map<String, Connection> connections, @DefaultValue("30s") Duration timeout,
		@DefaultValue Guardrails guardrails) {

	@ConstructorBinding
	public LlmProperties {
		connections = connections == null ? Map.of() : new LinkedHashMap<>(connections);
	}

	/** Only connections, with the defaults for the rest (tests, hosts that configure in code). */
	public LlmProperties(Map<String, Connection> connections) {
		this(connections, Duration.ofSeconds(30), new Guardrails(Map.of(), Map.of(), List.of()));
	}

	/**
	 * One connection: a provider account or endpoint. Keys come from the environment
	 * ({@code SMARTOPS_LLM_CONNECTIONS_<NAME>_API_KEY}, Bedrock's {@code …_SECRET_ACCESS_KEY}), never from
	 * the repository.
	 *
	 * @param provider {@code openai} (OpenAI and compatible endpoints: vLLM, Ollama's /v1, LM Studio),
	 * {@code azure-openai}, {@code anthropic}, {@code ollama} (Ollama's own API), {@code google-genai}
	 * (Gemini through the GenAI API with a key, or Vertex AI with a project), {@code bedrock} (Amazon
	 * Bedrock's Converse API)
	 * @param baseUrl the endpoint; the provider's public one when left out (Azure: the resource's
	 * endpoint, required; Ollama: required)
	 * @param apiKey the key, where the provider takes one
	 * @param timeout per model call, instead of {@code smartops.llm.timeout}
	 * @param structuredOutput {@code native}: the provider's JSON-schema response format;
	 * {@code prompt}: the schema in the prompt. Left out: native where the provider has it
	 * (OpenAI, Azure OpenAI, Ollama, Gemini), prompt elsewhere (Anthropic, Bedrock)
	 * @param project Vertex AI: the Google Cloud project (then Gemini is reached through Vertex AI)
	 * @param location Vertex AI: the region, e.g. {@code europe-west4}
	 * @param region Bedrock: the AWS region, e.g. {@code eu-central-1}
	 * @param accessKeyId Bedrock: the access key id; left out, the AWS default credentials chain
	 * @param secretAccessKey Bedrock: its secret, from the environment
	 */
	public record Connection(LlmProvider provider, String baseUrl, String apiKey, Duration timeout,
			StructuredOutput structuredOutput, String project, String location, String region, String accessKeyId,
			String secretAccessKey) {

		@ConstructorBinding
		public Connection {
		}

		public Connection(LlmProvider provider, String baseUrl, String apiKey) {
			this(provider, baseUrl, apiKey, null, null, null, null, null, null, null);
		}

		/** Why this connection cannot be used, or null when it can (a connection left unset is not an error). */
		public String missing() {
			if (provider == null) {
				return "no provider (openai, azure-openai, anthropic, ollama, google-genai or bedrock)";
			}
			return switch (provider) {
				case OPENAI -> set(baseUrl) || set(apiKey) ? null : "neither a base URL nor an API key";
				case AZURE_OPENAI -> set(baseUrl) && set(apiKey) ? null : "an Azure OpenAI endpoint (base-url) and its API key";
				case ANTHROPIC -> set(apiKey) || set(baseUrl) ? null : "no API key";
				case OLLAMA -> set(baseUrl) ? null : "no base URL";
				case GOOGLE_GENAI -> set(apiKey) || set(project) ? null : "neither an API key nor a Vertex AI project";
				case BEDROCK -> set(region) ? null : "no AWS region";
			};
		}

		/** How this connection asks for structured output. */
		public StructuredOutput structuredOutputOrDefault() {
			return structuredOutput != null ? structuredOutput : provider != null && provider.hasNativeStructuredOutput()
					? StructuredOutput.NATIVE : StructuredOutput.PROMPT;
		}

		static boolean set(String s) {
			return s != null && !s.isBlank();
		}
	}

	/** How an agent's output schema reaches the model. */
	public enum StructuredOutput {
		/** The provider's JSON-schema response format. */
		NATIVE,
		/** The schema and format instructions appended to the prompt. */
		PROMPT
	}

	/**
	 * The guardrails ({@code smartops.llm.guardrails.*}), besides the built-in ones (e-mail
	 * addresses, phone numbers, IBANs and card numbers redacted; the injection detectors of
	 * {@link LlmGuardrails}).
	 *
	 * @param redact further patterns to redact, name → regular expression
	 * @param injection further injection patterns, name → regular expression (case-insensitive)
	 * @param denyOutput phrases no output may contain (case-insensitive), for every LLM agent
	 */
	public record Guardrails(Map<String, String> redact, Map<String, String> injection, List<String> denyOutput) {

		public Guardrails {
			redact = redact == null ? Map.of() : new LinkedHashMap<>(redact);
			injection = injection == null ? Map.of() : new LinkedHashMap<>(injection);
			denyOutput = denyOutput == null ? List.of() : denyOutput.stream().filter(s -> !s.isBlank()).toList();
		}
	}
}
