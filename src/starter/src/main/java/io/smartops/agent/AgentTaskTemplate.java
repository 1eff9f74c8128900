package io.smartops.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Modeler element template "Agent task" for any capability of the library: a designer picks
 * the capability from a list that shows what each one reads and writes (the declared inputs and
 * outputs of its agents), and sets the selection fields every agent task has. The selection fields
 * are those of the per-capability templates ({@code processes/.camunda/element-templates/agent-tasks.json},
 * shipped in the starter), so both say the same. Made from the library as it is: a capability an
 * administrator declares an agent for appears at once ({@code GET /smartops/api/agents/element-template}).
 */
public final class AgentTaskTemplate {

	static final String PER_CAPABILITY = "/io/smartops/processes/.camunda/element-templates/agent-tasks.json";

	/** What the agents of one capability read and write. */
	public record Contract(Set<String> inputs, Set<String> outputs) {
	}

	private AgentTaskTemplate() {
	}

	/** One agent's contract as the template counts it. */
	public record Declared(String capability, List<String> inputs, List<String> outputs) {
	}

	/**
	 * The library's agents that are not retired, as the template counts them: evaluators are left out
	 * (no process routes to them), and so are wrapped automations (their tasks run as delegates).
	 */
	public static List<Declared> of(Collection<Agent> agents) {
		return agents.stream()
			.filter(a -> a.getStatus() != AgentStatus.RETIRED && !LlmDeclaration.EVALUATION.equals(a.getCapability())
					&& a.getKind() != AgentKind.AUTOMATION)
			.map(a -> new Declared(a.getCapability(), a.inputs(), a.outputs()))
			.toList();
	}

	/** Each capability's contract: the union of the declared inputs and outputs of its agents. */
	public static Map<String, Contract> contracts(Collection<Declared> agents) {
		Map<String, Contract> contracts = new TreeMap<>();
		for (Declared a : agents) {
			Contract c = contracts.computeIfAbsent(a.capability(),
					k -> new Contract(new LinkedHashSet<>(), new LinkedHashSet<>()));
			c.inputs().addAll(a.inputs());
			c.outputs().addAll(a.outputs());
		}
		return contracts;
	}

	public static ObjectNode of(ObjectMapper json, Map<String, Contract> contracts) {
		JsonNode perCapability = read(json);
		ObjectNode template = json.createObjectNode();
		template.put("$schema", perCapability.get(0).path("$schema").asText());
		template.put("name", "Agent task");
		template.put("id", "io.smartops.agent.any");
		template.put("version", 1);
		template.put("description", "An agent task of any capability of the agent library: pick the capability; Smart Ops "
				+ "picks the agent for each task instance by the selection policy among the capability's active agents that "
				+ "meet the fields below. The list shows what each capability reads (process variables) and writes.");
		template.putArray("appliesTo").add("bpmn:ServiceTask");
		ArrayNode properties = template.putArray("properties");
		List<JsonNode> shared = new ArrayList<>();
		perCapability.get(0).path("properties").forEach(shared::add);
		for (JsonNode p : shared) {
			String label = p.path("label").asText();
			if (label.equals("Topic")) {
				properties.add(capability(json, contracts));
			}
			else {
				properties.add(p.deepCopy());
			}
		}
		return template;
	}

	private static ObjectNode capability(ObjectMapper json, Map<String, Contract> contracts) {
		ObjectNode p = json.createObjectNode();
		p.put("label", "Capability");
		StringBuilder description = new StringBuilder("What the task does. Reads and writes, by capability: ");
		ArrayNode choices = json.createArrayNode();
		List<String> names = new ArrayList<>(contracts.keySet());
		for (String name : names) {
			Contract c = contracts.get(name);
			String io = "reads " + (c.inputs().isEmpty() ? "what its worker fetches" : String.join(", ", c.inputs()))
					+ "; writes " + (c.outputs().isEmpty() ? "its results" : String.join(", ", c.outputs()));
			choices.addObject().put("name", name + " (" + io + ")").put("value", "${agentRouter.route(execution, '" + name + "')}");
			description.append(name).append(": ").append(io).append(". ");
		}
		p.put("description", description.toString().strip());
		p.put("type", "Dropdown");
		if (!names.isEmpty()) {
			p.put("value", "${agentRouter.route(execution, '" + names.get(0) + "')}");
		}
		p.set("choices", choices);
		p.putObject("binding").put("type", "property").put("name", "camunda:topic");
		return p;
	}

	private static JsonNode read(ObjectMapper json) {
		try (InputStream in = AgentTaskTemplate.class.getResourceAsStream(PER_CAPABILITY)) {
			if (in == null) {
				throw new IllegalStateException(PER_CAPABILITY + " is not on the classpath");
			}
			return json.readTree(in);
		}
		catch (IOException e) {
			throw new IllegalStateException(PER_CAPABILITY + " cannot be read", e);
		}
	}
}
