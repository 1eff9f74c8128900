package io.smartops.mcp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.smartops.core.web.Fields;

/**
 * A tool's arguments checked against the input schema it publishes, before it runs: the schema is
 * where an argument's bounds are said (a length, a range, a list's size, the values it may take),
 * and what a client is told is what the server holds it to. Each problem is named by its argument.
 * The schemas are JSON Schema 2020-12, read by networknt's validator (a well-kept library, already
 * what the MCP SDK validates with).
 */
final class ArgumentSchemas {

	private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private final ObjectMapper json;
	private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

	ArgumentSchemas(ObjectMapper json) {
		this.json = json;
	}

	/** The problems per argument (empty when the arguments fit the schema). */
	Map<String, String> problems(McpTool tool, Map<String, Object> arguments) {
		Schema schema = schemas.computeIfAbsent(tool.name(), name -> REGISTRY.getSchema(tool.inputSchema()));
		JsonNode node = json.valueToTree(arguments == null ? Map.of() : arguments);
		Map<String, String> problems = new LinkedHashMap<>();
		// an unknown argument is named with the ones the tool knows, in the words of the REST API
		JsonNode declared = declared(tool);
		if (declared.path("additionalProperties").isBoolean() && !declared.path("additionalProperties").asBoolean()) {
			java.util.Set<String> known = new java.util.TreeSet<>();
			declared.path("properties").fieldNames().forEachRemaining(known::add);
			problems.putAll(Fields.unknown(node.isObject() ? iterable(node) : java.util.Set.of(), known, "this tool's arguments"));
		}
		for (Error e : schema.validate(node)) {
			if ("additionalProperties".equals(e.getKeyword())) {
				continue;
			}
			String at = field(e.getInstanceLocation().toString());
			String field = "required".equals(e.getKeyword()) && e.getProperty() != null
					? (at.isEmpty() ? "" : at + ".") + e.getProperty()
					: at.isEmpty() ? (e.getProperty() == null ? "arguments" : e.getProperty()) : at;
			String message = "required".equals(e.getKeyword()) ? "is required"
					: e.getMessage().replaceFirst("^\\$[^:]*: ", "");
			problems.putIfAbsent(field, message);
		}
		return problems;
	}

	private final Map<String, JsonNode> declarations = new ConcurrentHashMap<>();

	private JsonNode declared(McpTool tool) {
		return declarations.computeIfAbsent(tool.name(), name -> {
			try {
				return json.readTree(tool.inputSchema());
			}
			catch (java.io.IOException e) {
				throw new IllegalStateException("tool " + name + " has an input schema that is not JSON", e);
			}
		});
	}

	private static java.util.Set<String> iterable(JsonNode node) {
		java.util.Set<String> names = new java.util.LinkedHashSet<>();
		node.fieldNames().forEachRemaining(names::add);
		return names;
	}

	/** An instance location as a field path, {@code parameters.people}, whether written as a JSON path or a pointer. */
	static String field(String location) {
		return location.replaceFirst("^\\$\\.?", "").replaceFirst("^/", "").replace('/', '.');
	}
}
