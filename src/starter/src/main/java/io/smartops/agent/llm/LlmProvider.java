package io.smartops.agent.llm;

import java.util.Locale;

/**
 * The providers a connection may name, each through Spring AI's own model module. The module must
 * be on the classpath (the server ships all of them; a host adds the ones it connects to).
 */
public enum LlmProvider {

	OPENAI("org.springframework.ai.openai.OpenAiChatModel", "spring-ai-openai", true),
	AZURE_OPENAI("org.springframework.ai.azure.openai.AzureOpenAiChatModel", "spring-ai-azure-openai", true),
	ANTHROPIC("org.springframework.ai.anthropic.AnthropicChatModel", "spring-ai-anthropic", false),
	OLLAMA("org.springframework.ai.ollama.OllamaChatModel", "spring-ai-ollama", true),
	GOOGLE_GENAI("org.springframework.ai.google.genai.GoogleGenAiChatModel", "spring-ai-google-genai", true),
	BEDROCK("org.springframework.ai.bedrock.converse.BedrockProxyChatModel", "spring-ai-bedrock-converse", false);

	private final String modelClass;
	private final String module;
	private final boolean nativeStructuredOutput;

	LlmProvider(String modelClass, String module, boolean nativeStructuredOutput) {
		this.modelClass = modelClass;
		this.module = module;
		this.nativeStructuredOutput = nativeStructuredOutput;
	}

	/** Whether the provider's JSON-schema response format is used unless the connection says otherwise. */
	public boolean hasNativeStructuredOutput() {
		return nativeStructuredOutput;
	}

	/** The Spring AI module, {@code org.springframework.ai:<module>}. */
	public String module() {
		return module;
	}

	/** Whether its Spring AI module is on the classpath. */
	public boolean present() {
		try {
			Class.forName(modelClass, false, LlmProvider.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError e) {
			return false;
		}
	}

	/** As in configuration: {@code azure-openai}. */
	public String key() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}
}
