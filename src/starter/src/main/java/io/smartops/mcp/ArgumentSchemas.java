package io.smartops.mcp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

	/** A tool's schema as the validator reads it, and the arguments it names. */
	private record Declared(Schema schema, Set<String> known) {
	}

	private final ObjectMapper json;
	private final Map<String, Declared> declared = new ConcurrentHashMap<>();

	ArgumentSchemas(ObjectMapper json) {
		this.json = json;
	}

	/**
	 * The problems per argument (empty when the arguments fit the schema). An argument the schema
	 * does not name is refused with the ones it does, in the words of the REST API.
	 */
	Map<String, String> problems(McpTool tool, Map<String, Object> arguments) {
		Declared d = declared.computeIfAbsent(tool.name(), name -> declare(tool));
		Map<String, Object> given = arguments == null ? Map.of() : arguments;
		Map<String, String> problems = new LinkedHashMap<>(Fields.unknown(given.keySet(), d.known(), "this tool's arguments"));
		for (Error e : d.schema().validate(json.valueToTree(given))) {
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

	private Declared declare(McpTool tool) {
		JsonNode schema;
		try {
			schema = json.readTree(tool.inputSchema());
		}
		catch (java.io.IOException e) {
			throw new IllegalStateException("tool " + tool.name() + " has an input schema that is not JSON", e);
		}
		Set<String> known = new TreeSet<>();
		schema.path("properties").fieldNames().forEachRemaining(known::add);
		return new Declared(REGISTRY.getSchema(schema), known);
	}

	/** An instance location as a field path, {@code parameters.people}, whether written as a JSON path or a pointer. */
	static String field(String location) {
		return location.replaceFirst("^\\$\\.?", "").replaceFirst("^/", "").replace('/', '.');
	}
}
