package io.smartops.agent;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import io.smartops.core.web.JudgedByItsReader;

/**
 * A declared LLM agent: everything it is, as data, so that an agent administrator adds or changes
 * one without code. Its prompt template sees only its declared {@code inputs}; the model answers a
 * JSON object valid against {@code outputSchema}, whose properties (but the confidence) become the
 * output variables; {@code checks} are the semantic checks ("the proposal names the company");
 * {@code prices} price each token type per 1,000; {@code fallback} answers when the model cannot
 * (no usable answer within {@code maxModelCalls}, or a guardrail stopped the call). The bounds of
 * each field are declared on it (checked with the registration); {@link #problems} checks what
 * depends on more than the field. With
 * {@code judge} the agent is an evaluator instead: its {@code prompt} is the rubric, and it scores
 * a share of the completed calls of the capability it judges.
 *
 * @param connection the named connection ({@code smartops.llm.connections.<name>})
 * @param model the provider's model (Azure: the deployment; Bedrock: the model or inference-profile id)
 * @param temperature 0 to 2 (0.2 unless given)
 * @param maxTokens completion tokens per model call (800 unless given)
 * @param maxModelCalls model calls per task, retries included (3 unless given)
 * @param tools MCP tools the model may call while it works, with their cap
 * @param denyOutput phrases this agent's outputs may not contain (besides the configured ones)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LlmDeclaration(@Size(max = 100) String connection, @Size(max = 200) String model,
		@DecimalMin(value = "0", message = "${validatedValue} must be at least 0")
		@DecimalMax(value = "2", message = "${validatedValue} must be at most 2") Double temperature,
		@Min(value = 1, message = "${validatedValue} must be at least 1")
		@Max(value = 200_000, message = "${validatedValue} must be at most 200000") Integer maxTokens,
		@Min(value = 1, message = "${validatedValue} must be at least 1")
		@Max(value = 10, message = "${validatedValue} must be at most 10") Integer maxModelCalls,
		@Size(max = 50) List<@Size(max = 64) String> inputs, @Size(max = 20_000) String prompt,
		@JudgedByItsReader("LlmDeclaration.problems: a JSON schema of an object, at most 20,000 characters, checked against the 2020-12 metaschema") JsonNode outputSchema,
		@Size(max = 64) String confidenceField, @Size(max = 20) List<@Valid Check> checks, @Valid Prices prices,
		@Valid Tools tools, @Size(max = 100) String fallback, @Size(max = 50) List<@Size(max = 200) String> denyOutput,
		@Valid Judge judge) {

	/** The capability every evaluator serves: no process routes to it. */
	public static final String EVALUATION = "evaluation";

	/** The longest output schema, as JSON text. */
	static final int MAX_SCHEMA = 20_000;

	/** The inputs an evaluator's rubric is given: the judged call's prompt as sent and its output. */
	public static final List<String> JUDGE_INPUTS = List.of("task", "answer");

	private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)\\}");
	private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	public LlmDeclaration {
		inputs = inputs == null ? List.of() : List.copyOf(inputs);
		checks = checks == null ? List.of() : List.copyOf(checks);
		denyOutput = denyOutput == null ? List.of() : List.copyOf(denyOutput);
		prices = prices == null ? new Prices(0.0, 0.0, 0.0) : prices;
	}

	/** A semantic check: the output {@code field} must contain the value of the input {@code mentions}. */
	public record Check(@Size(max = 64) String field, @Size(max = 64) String mentions) {
	}

	/** Prices per 1,000 tokens: fresh input, output, and input read from the provider's cache. */
	public record Prices(
			@DecimalMin(value = "0", message = "${validatedValue} must be at least 0")
			@DecimalMax(value = "1000", message = "${validatedValue} must be at most 1000") Double input,
			@DecimalMin(value = "0", message = "${validatedValue} must be at least 0")
			@DecimalMax(value = "1000", message = "${validatedValue} must be at most 1000") Double output,
			@DecimalMin(value = "0", message = "${validatedValue} must be at least 0")
			@DecimalMax(value = "1000", message = "${validatedValue} must be at most 1000") Double cached) {

		public double inputOr0() {
			return input == null ? 0 : input;
		}

		public double outputOr0() {
			return output == null ? 0 : output;
		}

		/** Cached input at its own price, or the input price when none is given. */
		public double cachedOrInput() {
			return cached == null ? inputOr0() : cached;
		}
	}

	/** MCP servers (Streamable HTTP) whose tools the model may call, at most {@code maxCalls} per task. */
	public record Tools(@Size(max = 10) List<@Size(max = 2000) String> servers,
			@Min(value = 1, message = "${validatedValue} must be at least 1")
			@Max(value = 20, message = "${validatedValue} must be at most 20") Integer maxCalls) {
	}

	/** An evaluator: it judges {@code capability}, scoring this {@code share} of its completed calls. */
	public record Judge(@Size(max = 60) String capability,
			@DecimalMin(value = "0", inclusive = false, message = "${validatedValue} is outside (0, 1]")
			@DecimalMax(value = "1", message = "${validatedValue} is outside (0, 1]") Double share) {
	}

	public double temperatureOrDefault() {
		return temperature == null ? 0.2 : temperature;
	}

	public int maxTokensOrDefault() {
		return maxTokens == null ? 800 : maxTokens;
	}

	public int maxModelCallsOrDefault() {
		return maxModelCalls == null ? 3 : maxModelCalls;
	}

	/** The agent's inputs: the declared ones, or an evaluator's. */
	@JsonIgnore
	public List<String> inputNames() {
		return judge != null ? JUDGE_INPUTS : inputs;
	}

	/** The output variables: the schema's top-level properties but the confidence (an evaluator's: score and reason). */
	@JsonIgnore
	public List<String> outputNames() {
		if (judge != null) {
			return List.of("score", "reason");
		}
		List<String> names = new ArrayList<>();
		if (outputSchema != null && outputSchema.path("properties").isObject()) {
			outputSchema.path("properties").fieldNames().forEachRemaining(name -> {
				if (!name.equals(confidence())) {
					names.add(name);
				}
			});
		}
		return names;
	}

	/** The field holding the answer's confidence: as declared, or {@code confidence} when the schema has one. */
	@JsonIgnore
	public String confidence() {
		if (confidenceField != null) {
			return confidenceField;
		}
		return outputSchema != null && outputSchema.path("properties").has("confidence") ? "confidence" : null;
	}

	/** The price of these tokens. */
	public double price(long input, long output, long cached) {
		return (input * prices.inputOr0() + output * prices.outputOr0() + cached * prices.cachedOrInput()) / 1000.0;
	}

	/** The placeholders of the prompt template ({@code {name}}). */
	public static Set<String> placeholders(String template) {
		Set<String> names = new LinkedHashSet<>();
		Matcher m = PLACEHOLDER.matcher(template == null ? "" : template);
		while (m.find()) {
			names.add(m.group(1).strip());
		}
		return names;
	}

	/**
	 * Each problem of the declaration, by its field as a registration names it ({@code llm.prompt}),
	 * before anything is stored.
	 *
	 * @param capability the capability the agent is registered for
	 * @param connections the configured connections' names
	 * @param agents the library, to look the fallback up
	 */
	public Map<String, String> problems(String capability, Collection<String> connections,
			Function<String, Optional<Agent>> agents) {
		Map<String, String> problems = new LinkedHashMap<>();
		if (connection == null || connection.isBlank()) {
			problems.put("llm.connection", "is required");
		}
		else if (!connections.contains(connection)) {
			problems.put("llm.connection", "no connection \"" + connection + "\"; configured: "
					+ (connections.isEmpty() ? "none (smartops.llm.connections.<name>.*)" : String.join(", ", connections)));
		}
		if (model == null || model.isBlank()) {
			problems.put("llm.model", "is required");
		}
		for (int i = 0; i < inputs.size(); i++) {
			if (inputs.get(i) == null || !VARIABLE.matcher(inputs.get(i)).matches()) {
				problems.put("llm.inputs[" + i + "]", "\"" + inputs.get(i) + "\" is not a process variable name");
			}
		}
		if (prompt == null || prompt.isBlank()) {
			problems.put("llm.prompt", judge != null ? "is required: the rubric" : "is required");
		}
		else if (judge == null) {
			template(problems);
		}
		if (judge != null) {
			judge(problems, capability);
		}
		else {
			schema(problems);
			fallback(problems, capability, agents);
		}
		tools(problems);
		for (int i = 0; i < denyOutput.size(); i++) {
			if (denyOutput.get(i) == null || denyOutput.get(i).isBlank()) {
				problems.put("llm.denyOutput[" + i + "]", "is empty");
			}
		}
		return problems;
	}

	private void template(Map<String, String> problems) {
		List<String> unknown = new ArrayList<>();
		for (String name : placeholders(prompt)) {
			if (!VARIABLE.matcher(name).matches()) {
				problems.put("llm.prompt", "{" + name + "} is not a placeholder: write {variable} with a declared input");
				return;
			}
			if (!inputs.contains(name)) {
				unknown.add(name);
			}
		}
		if (!unknown.isEmpty()) {
			problems.put("llm.prompt", "uses " + unknown.stream().map(n -> "{" + n + "}").toList()
					+ ", which the agent does not declare as inputs " + inputs);
		}
	}

	private void schema(Map<String, String> problems) {
		if (outputSchema == null || outputSchema.isNull()) {
			problems.put("llm.outputSchema", "is required: a JSON schema of the answer (an object)");
			return;
		}
		if (!outputSchema.isObject()) {
			problems.put("llm.outputSchema", "is not a JSON schema: a schema is a JSON object");
			return;
		}
		if (outputSchema.toString().length() > MAX_SCHEMA) {
			problems.put("llm.outputSchema", "is longer than " + MAX_SCHEMA + " characters");
			return;
		}
		List<Error> errors = REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()))
			.validate(outputSchema);
		if (!errors.isEmpty()) {
			problems.put("llm.outputSchema", "is not a JSON schema: " + errors.get(0).getEvaluationPath() + " "
					+ errors.get(0).getMessage());
			return;
		}
		if (!"object".equals(outputSchema.path("type").asText()) || !outputSchema.path("properties").isObject()
				|| outputSchema.path("properties").isEmpty()) {
			problems.put("llm.outputSchema", "must describe an object with properties (type \"object\"): each property"
					+ " but the confidence becomes an output variable");
			return;
		}
		outputSchema.path("properties").fieldNames().forEachRemaining(name -> {
			if (!VARIABLE.matcher(name).matches()) {
				problems.put("llm.outputSchema", "property \"" + name + "\" is not a process variable name");
			}
		});
		if (confidenceField != null && !outputSchema.path("properties").has(confidenceField)) {
			problems.put("llm.confidenceField", "\"" + confidenceField + "\" is not a property of the output schema");
		}
		for (int i = 0; i < checks.size(); i++) {
			Check c = checks.get(i);
			if (c == null || c.field() == null || !outputSchema.path("properties").has(c.field())) {
				problems.put("llm.checks[" + i + "].field", (c == null ? null : c.field()) + " is not a property of the output schema");
			}
			else if (c.mentions() == null || !inputs.contains(c.mentions())) {
				problems.put("llm.checks[" + i + "].mentions", c.mentions() + " is not a declared input " + inputs);
			}
		}
	}

	private void fallback(Map<String, String> problems, String capability, Function<String, Optional<Agent>> agents) {
		if (fallback == null || fallback.isBlank()) {
			problems.put("llm.fallback", "is required: the agent of the same capability that answers when the model cannot");
			return;
		}
		Optional<Agent> agent = agents.apply(fallback);
		if (agent.isEmpty()) {
			problems.put("llm.fallback", "no agent " + fallback);
		}
		else if (!agent.get().getCapability().equals(capability)) {
			problems.put("llm.fallback", fallback + " serves " + agent.get().getCapability() + ", not " + capability);
		}
		else if (agent.get().getKind() == AgentKind.FOREIGN || agent.get().getKind() == AgentKind.AUTOMATION) {
			problems.put("llm.fallback", fallback + " is a " + agent.get().getKind().name().toLowerCase(Locale.ROOT)
					+ " agent; a fallback must run in the server (built-in, declared LLM or MCP-tool)");
		}
		else if (agent.get().getStatus() == AgentStatus.RETIRED) {
			problems.put("llm.fallback", fallback + " is retired");
		}
	}

	private void judge(Map<String, String> problems, String capability) {
		if (!EVALUATION.equals(capability)) {
			problems.put("capability", "an evaluator's capability is \"" + EVALUATION + "\", not \"" + capability + "\"");
		}
		if (judge.capability() == null || judge.capability().isBlank()) {
			problems.put("llm.judge.capability", "is required: the capability whose calls it judges");
		}
		if (judge.share() == null) {
			problems.put("llm.judge.share", "is required: the share of calls it judges, in (0, 1]");
		}
		if (outputSchema != null) {
			problems.put("llm.outputSchema", "an evaluator answers a score and a reason; leave the schema out");
		}
		if (!inputs.isEmpty()) {
			problems.put("llm.inputs", "an evaluator is given the judged call's task and answer; leave the inputs out");
		}
	}

	private void tools(Map<String, String> problems) {
		if (tools == null) {
			return;
		}
		List<String> servers = tools.servers() == null ? List.of() : tools.servers();
		if (servers.isEmpty()) {
			problems.put("llm.tools.servers", "name at least one MCP server, or leave tools out");
		}
		for (int i = 0; i < servers.size(); i++) {
			try {
				URI uri = URI.create(servers.get(i));
				if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
					problems.put("llm.tools.servers[" + i + "]", "\"" + servers.get(i) + "\" is not an http(s) URL");
				}
			}
			catch (IllegalArgumentException | NullPointerException e) {
				problems.put("llm.tools.servers[" + i + "]", "\"" + servers.get(i) + "\" is not a URL");
			}
		}
	}

}
