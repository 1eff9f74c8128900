package io.smartops.agent.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.PromptTemplate;
import org.springframework.ai.tool.ToolCallback;

import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentOutput;
import io.smartops.agent.LlmDeclaration;

/**
 * A declared LLM agent at work ({@link LlmDeclaration}): its inputs are screened for injected
 * instructions (one found: the fallback agent answers and the call is flagged), redacted of personal
 * data, and rendered into its prompt; the model is asked for the declared JSON schema, natively
 * where the connection's provider has a JSON-schema response format, else with the schema in the
 * prompt; the answer is read from the first JSON object in the text (prose or code fences around it
 * are ignored), validated against the schema, the semantic checks and the output guardrails.
 * A malformed, invalid, refused or screened answer, a 429 or a timeout is retried within the
 * declared cap on model calls; then the fallback agent answers. The tokens of every model call are
 * counted by type, paid for usable or not.
 * <p>
 * An evaluator works the same way on the judged call's task and answer, with its rubric as the
 * prompt and a score from 0 to 1 with a reason as its answer; it has no fallback.
 */
public final class DeclaredLlmAgent implements AgentHandler {

	private static final Logger log = LoggerFactory.getLogger(DeclaredLlmAgent.class);

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	/** An evaluator's answer. */
	static final String JUDGE_SCHEMA = "{\"type\":\"object\",\"properties\":{\"score\":{\"type\":\"number\",\"minimum\":0,"
			+ "\"maximum\":1},\"reason\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":1000}},"
			+ "\"required\":[\"score\",\"reason\"],\"additionalProperties\":false}";

	private final String agentId;
	private final LlmDeclaration declaration;
	private final LlmConnections connections;
	private final LlmGuardrails guardrails;
	private final LlmTools tools;
	private final Function<String, AgentHandler> handlers;
	private final JsonNode schema;
	private final Schema validator;

	/**
	 * @param handlers the agents this node runs, by id: where the fallback is found when it must answer
	 */
	public DeclaredLlmAgent(String agentId, LlmDeclaration declaration, LlmConnections connections, LlmGuardrails guardrails,
			LlmTools tools, Function<String, AgentHandler> handlers) {
		this.agentId = agentId;
		this.declaration = declaration;
		this.connections = connections;
		this.guardrails = guardrails;
		this.tools = tools;
		this.handlers = handlers;
		try {
			this.schema = declaration.judge() != null ? JSON.readTree(JUDGE_SCHEMA) : declaration.outputSchema();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
		this.validator = SCHEMAS.getSchema(schema);
	}

	@Override
	public String agentId() {
		return agentId;
	}

	@Override
	public List<String> inputs() {
		return declaration.inputNames();
	}

	@Override
	public boolean available() {
		return connections.usable(declaration.connection());
	}

	public LlmDeclaration declaration() {
		return declaration;
	}

	@Override
	public AgentOutput handle(Map<String, Object> inputs) throws Exception {
		for (String name : inputs()) {
			Object value = inputs.get(name);
			Optional<LlmGuardrails.Breach> injected = value == null ? Optional.empty()
					: guardrails.injection(name, value.toString());
			if (injected.isPresent()) {
				log.warn("{}: {}; the fallback answers", agentId, injected.get());
				return fallback(inputs, new Usage(), injected.get().toString());
			}
		}
		Map<String, Object> model = new LinkedHashMap<>();
		int redactions = 0;
		for (String name : inputs()) {
			Object value = inputs.get(name);
			if (value instanceof String text) {
				LlmGuardrails.Redacted redacted = guardrails.redact(text);
				redactions += redacted.total();
				model.put(name, redacted.text());
			}
			else {
				model.put(name, value == null ? "unknown" : value);
			}
		}
		LlmConnections.Connected connection = connections.connect(declaration.connection());
		boolean nativeFormat = connection.connection().structuredOutputOrDefault() == LlmProperties.StructuredOutput.NATIVE;
		String prompt = prompt(model) + (nativeFormat ? "" : format());
		Usage usage = new Usage();
		usage.redactions = redactions;
		usage.structured = nativeFormat ? "native" : "prompt";
		usage.prompt = prompt;
		LlmTools.TaskCount toolCalls = new LlmTools.TaskCount();
		List<ToolCallback> callbacks = tools.forTask(toolCalls);
		while (usage.calls < declaration.maxModelCallsOrDefault()) {
			usage.calls++;
			try {
				// the response first, then its reading: tokens of an unusable answer are paid for too
				ChatResponse response = connection.chat()
					.prompt()
					.options(connection.provider().options(declaration.model(), declaration.temperatureOrDefault(),
							declaration.maxTokensOrDefault(), nativeFormat ? schema.toString() : null))
					.user(prompt)
					.toolCallbacks(callbacks)
					.call()
					.chatResponse();
				usage.tokens = usage.tokens.plus(connection.provider().tokens(response));
				AssistantMessage message = response == null || response.getResult() == null ? null : response.getResult().getOutput();
				usage.response = message == null ? null : message.getText();
				Answer answer = read(message, response, inputs);
				if (answer.problem() == null) {
					return new AgentOutput(answer.variables(), answer.confidence(), usage.of(this, null));
				}
				if (answer.breach() != null && usage.guardrail == null) {
					usage.guardrail = answer.breach().toString();
				}
				log.warn("{}: model answer {} of {} rejected: {}", agentId, usage.calls, declaration.maxModelCallsOrDefault(),
						answer.problem());
			}
			catch (RuntimeException e) {
				log.warn("{}: model call {} of {} failed: {}", agentId, usage.calls, declaration.maxModelCallsOrDefault(),
						e.toString());
			}
		}
		return fallback(inputs, usage, usage.guardrail);
	}

	private AgentOutput fallback(Map<String, Object> inputs, Usage usage, String guardrail) throws Exception {
		usage.guardrail = guardrail;
		String fallbackId = declaration.fallback();
		AgentHandler fallback = fallbackId == null ? null : handlers.apply(fallbackId);
		if (fallback == null) {
			throw new IllegalStateException(agentId + ": no usable model answer after " + usage.calls + " call(s)"
					+ (guardrail == null ? "" : "; " + guardrail)
					+ (fallbackId == null ? "" : ", and the fallback " + fallbackId + " is not served here"));
		}
		log.warn("{}: {} answered instead", agentId, fallbackId);
		AgentOutput fallen = fallback.handle(inputs);
		return new AgentOutput(fallen.variables(), fallen.confidence(), usage.of(this, fallbackId));
	}

	/** The model's answer read: its variables and confidence, or what is wrong with it. */
	private record Answer(Map<String, Object> variables, Double confidence, String problem, LlmGuardrails.Breach breach) {

		static Answer wrong(String problem) {
			return new Answer(null, null, problem, null);
		}
	}

	private Answer read(AssistantMessage message, ChatResponse response, Map<String, Object> inputs) {
		if (message == null) {
			return Answer.wrong("no answer");
		}
		Object refusal = message.getMetadata().get("refusal");
		String finish = response.getResult().getMetadata() == null ? null : response.getResult().getMetadata().getFinishReason();
		if ((refusal != null && !refusal.toString().isBlank()) || "refusal".equalsIgnoreCase(finish)) {
			return Answer.wrong("the model refused: " + (refusal != null ? refusal : message.getText()));
		}
		JsonNode answer = firstObject(message.getText());
		if (answer == null) {
			return Answer.wrong("the answer holds no JSON object");
		}
		List<Error> errors = validator.validate(answer);
		if (!errors.isEmpty()) {
			return Answer.wrong("the answer does not match the schema: " + errors.stream()
				.limit(3)
				.map(e -> e.getInstanceLocation() + " " + e.getMessage())
				.toList());
		}
		Map<String, Object> variables = new LinkedHashMap<>();
		for (String name : declaration.outputNames()) {
			JsonNode v = answer.get(name);
			if (v != null && !v.isNull()) {
				variables.put(name, v.isTextual() ? v.asText().strip() : JSON.convertValue(v, Object.class));
			}
		}
		for (LlmDeclaration.Check check : declaration.checks()) {
			Object wanted = inputs.get(check.mentions());
			Object got = variables.get(check.field());
			if (wanted != null && (got == null || !got.toString().contains(wanted.toString()))) {
				return Answer.wrong(check.field() + " does not name the " + check.mentions() + " \"" + wanted + "\"");
			}
		}
		for (Map.Entry<String, Object> v : variables.entrySet()) {
			Optional<LlmGuardrails.Breach> breach = guardrails.output(v.getKey(), String.valueOf(v.getValue()),
					declaration.denyOutput());
			if (breach.isPresent()) {
				return new Answer(null, null, breach.get().toString(), breach.get());
			}
		}
		String confidenceField = declaration.judge() != null ? null : declaration.confidence();
		Double confidence = confidenceField != null && answer.path(confidenceField).isNumber()
				? answer.path(confidenceField).asDouble() : null;
		if (confidence != null && !(confidence >= 0 && confidence <= 1)) {
			return Answer.wrong(confidenceField + " " + confidence + " is outside [0, 1]");
		}
		return new Answer(variables, confidence, null, null);
	}

	/** The first JSON object in a text: prose before it, a code fence around it, or text after it are left out. */
	static JsonNode firstObject(String text) {
		if (text == null) {
			return null;
		}
		int from = text.indexOf('{');
		for (int tries = 0; from >= 0 && tries < 5; tries++) {
			try (JsonParser parser = JSON.getFactory().createParser(text.substring(from))) {
				JsonNode node = JSON.readTree(parser);
				if (node != null && node.isObject()) {
					return node;
				}
			}
			catch (Exception notHere) {
				// not a whole object from here: try the next brace
			}
			from = text.indexOf('{', from + 1);
		}
		return null;
	}

	private String prompt(Map<String, Object> model) {
		if (declaration.judge() != null) {
			return declaration.prompt().strip() + "\n\nThe task as the judged agent was given it:\n<task>\n" + model.get("task")
					+ "\n</task>\n\nIts answer:\n<answer>\n" + model.get("answer") + "\n</answer>\n\n"
					+ "Score the answer by the rubric from 0 (unusable) to 1 (usable as it is), with a one-sentence reason.";
		}
		return new PromptTemplate(declaration.prompt()).render(model);
	}

	private String format() {
		return "\n\nAnswer with one JSON object and nothing else, valid against this JSON schema:\n```json\n" + schema
				+ "\n```";
	}

	/** What the calls of one task used, gathered as they happen. */
	private static final class Usage {
		int calls;
		TokenCount tokens = TokenCount.NONE;
		String prompt;
		String response;
		String structured;
		int redactions;
		String guardrail;

		AgentOutput.ModelUsage of(DeclaredLlmAgent agent, String fallbackId) {
			return new AgentOutput.ModelUsage(agent.declaration.model(), calls, tokens.input(), tokens.output(), prompt,
					response, fallbackId, tokens.cached(), structured, redactions, guardrail);
		}
	}
}
