package io.smartops.agent.llm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.PromptTemplate;
import org.springframework.ai.converter.BeanOutputConverter;

import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentOutput;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

/**
 * An LLM agent with structured output: renders its prompt ({@code prompts/*.st}) from its declared
 * inputs only, asks the model through Spring AI's {@link ChatClient} for a record (its JSON schema as the format),
 * and validates it against the record's constraints before anything reaches process variables. A
 * malformed or invalid answer, a refused call (429) or a timeout is retried up to the cap on model
 * calls; then the deterministic fallback agent answers and the call records it. Tokens of every
 * model call are counted for the cost. Where MCP servers are configured the model may call their
 * tools while it works, within the task's cap on tool calls ({@link LlmTools}).
 */
public abstract class StructuredLlmAgent<T> implements AgentHandler {

	private static final Logger log = LoggerFactory.getLogger(StructuredLlmAgent.class);

	private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

	private final Optional<ChatClient> chat;
	private final LlmProperties properties;
	private final Class<T> type;
	private final String promptTemplate;
	private final AgentHandler fallback;
	private final LlmTools tools;

	protected StructuredLlmAgent(Optional<ChatClient> chat, LlmProperties properties, Class<T> type, String promptResource,
			AgentHandler fallback, LlmTools tools) {
		this.tools = tools;
		this.chat = chat;
		this.properties = properties;
		this.type = type;
		this.promptTemplate = read(promptResource);
		this.fallback = fallback;
	}

	/** The output variables of a valid answer. */
	protected abstract Map<String, Object> variables(T answer, Map<String, Object> inputs);

	/** The answer's confidence (0..1), if it gives one. */
	protected abstract Double confidence(T answer);

	/** Checks beyond the record's constraints (e.g. the proposal names the company); null when fine. */
	protected String semanticProblem(T answer, Map<String, Object> inputs) {
		return null;
	}

	@Override
	public boolean available() {
		return chat.isPresent();
	}

	/** JSON schema of the structured output, for the library's descriptor. */
	public String outputSchema() {
		return new BeanOutputConverter<>(type).getJsonSchema();
	}

	public String fallbackAgentId() {
		return fallback.agentId();
	}

	@Override
	public AgentOutput handle(Map<String, Object> inputs) throws Exception {
		ChatClient client = chat.orElseThrow(() -> new IllegalStateException(agentId() + ": no model is configured"));
		Map<String, Object> model = new LinkedHashMap<>();
		for (String name : inputs()) {
			Object value = inputs.get(name);
			model.put(name, value == null ? "unknown" : value);
		}
		BeanOutputConverter<T> converter = new BeanOutputConverter<>(type);
		String prompt = new PromptTemplate(promptTemplate).render(model) + "\n" + converter.getFormat();
		long promptTokens = 0;
		long completionTokens = 0;
		String lastResponse = null;
		int calls = 0;
		LlmTools.TaskCount toolCalls = new LlmTools.TaskCount();
		List<ToolCallback> callbacks = tools.forTask(toolCalls);
		while (calls < properties.maxModelCallsPerTask()) {
			calls++;
			try {
				// the response first, then the conversion: tokens of an unusable answer are paid for too
				ChatResponse response = client.prompt().user(prompt).toolCallbacks(callbacks).call().chatResponse();
				if (response != null && response.getMetadata() != null && response.getMetadata().getUsage() != null) {
					Usage usage = response.getMetadata().getUsage();
					promptTokens += usage.getPromptTokens() == null ? 0 : usage.getPromptTokens();
					completionTokens += usage.getCompletionTokens() == null ? 0 : usage.getCompletionTokens();
				}
				lastResponse = response == null || response.getResult() == null ? null
						: response.getResult().getOutput().getText();
				T entity = lastResponse == null ? null : convert(converter, lastResponse);
				String problem = entity == null ? "the answer is not the JSON of " + type.getSimpleName()
						: problem(entity, inputs);
				if (problem == null) {
					T valid = entity;
					return new AgentOutput(variables(valid, inputs), confidence(valid), new AgentOutput.ModelUsage(
							properties.model(), calls, promptTokens, completionTokens, prompt, lastResponse, null));
				}
				log.warn("{}: model answer {} of {} rejected: {}", agentId(), calls, properties.maxModelCallsPerTask(), problem);
			}
			catch (RuntimeException e) {
				log.warn("{}: model call {} of {} failed: {}", agentId(), calls, properties.maxModelCallsPerTask(), e.toString());
			}
		}
		AgentOutput fallen = fallback.handle(inputs);
		log.warn("{}: no usable model answer after {} calls; {} answered instead", agentId(), calls, fallback.agentId());
		return new AgentOutput(fallen.variables(), fallen.confidence(), new AgentOutput.ModelUsage(properties.model(), calls,
				promptTokens, completionTokens, prompt, lastResponse, fallback.agentId()));
	}

	private static <T> T convert(BeanOutputConverter<T> converter, String text) {
		try {
			return converter.convert(text);
		}
		catch (RuntimeException malformed) {
			return null;
		}
	}

	private String problem(T answer, Map<String, Object> inputs) {
		if (answer == null) {
			return "no structured answer";
		}
		Set<ConstraintViolation<T>> violations = VALIDATOR.validate(answer);
		if (!violations.isEmpty()) {
			return violations.stream()
				.map(v -> v.getPropertyPath() + " " + v.getMessage())
				.sorted()
				.collect(Collectors.joining("; "));
		}
		return semanticProblem(answer, inputs);
	}

	private static String read(String resource) {
		try (InputStream in = StructuredLlmAgent.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("prompt " + resource + " is not on the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new IllegalStateException("prompt " + resource + " cannot be read", e);
		}
	}

	/** Declared inputs, for subclasses. */
	protected static List<String> names(String... names) {
		return List.of(names);
	}
}
